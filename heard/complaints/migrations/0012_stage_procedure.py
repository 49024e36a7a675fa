from __future__ import annotations

from django.db import migrations, models

# Each stage keeps its complaint's procedure, copied here once for the stages already held.
COPY = """
UPDATE complaints_stage SET procedure = (
    SELECT complaints_complaint.procedure FROM complaints_complaint
    WHERE complaints_complaint.id = complaints_stage.complaint_id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0011_import_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name="stage",
            name="procedure",
            field=models.CharField(
                choices=[
                    ("children", "Children's social care (statutory)"),
                    ("adults", "Adult social care (statutory)"),
                    ("corporate", "Corporate (Complaint Handling Code)"),
                ],
                default="children",
                editable=False,
                max_length=20,
            ),
            preserve_default=False,
        ),
        migrations.RunSQL(COPY, migrations.RunSQL.noop, elidable=False),
        migrations.AddIndex(
            model_name="stage",
            index=models.Index(
                fields=["procedure", "number", "started_on"], name="stage_procedure_started_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="stage",
            index=models.Index(
                fields=["procedure", "number", "ended_on", "status", "started_on"],
                name="stage_procedure_ended_idx",
            ),
        ),
    ]
