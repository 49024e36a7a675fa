from __future__ import annotations

from django.db import migrations, models

# Each finding keeps its stage's procedure, number and (when responded) response date,
# copied here once for the findings already held; saving a stage copies them from then on.
COPY = """
UPDATE complaints_elementfinding SET
    procedure = (
        SELECT s.procedure FROM complaints_stage s WHERE s.id = complaints_elementfinding.stage_id
    ),
    stage_number = (
        SELECT s.number FROM complaints_stage s WHERE s.id = complaints_elementfinding.stage_id
    ),
    responded_on = (
        SELECT s.ended_on FROM complaints_stage s
        WHERE s.id = complaints_elementfinding.stage_id AND s.status = 'responded'
    )
"""


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0015_report_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="elementfinding",
            name="finding_report_idx",
        ),
        migrations.AddField(
            model_name="elementfinding",
            name="procedure",
            field=models.CharField(
                choices=[
                    ("children", "Children's social care (statutory)"),
                    ("adults", "Adult social care (statutory)"),
                    ("corporate", "Corporate (Complaint Handling Code)"),
                ],
                default="",
                editable=False,
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="elementfinding",
            name="responded_on",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="elementfinding",
            name="stage_number",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.RunSQL(COPY, migrations.RunSQL.noop, elidable=False),
        migrations.AddIndex(
            model_name="elementfinding",
            index=models.Index(
                fields=["procedure", "stage_number", "responded_on", "theme", "finding", "stage"],
                name="finding_report_idx",
            ),
        ),
    ]
