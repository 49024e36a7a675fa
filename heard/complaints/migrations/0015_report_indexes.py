from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models

# Each finding keeps its point's theme, copied here once for the findings already held.
COPY = """
UPDATE complaints_elementfinding SET theme_id = (
    SELECT complaints_element.theme_id FROM complaints_element
    WHERE complaints_element.id = complaints_elementfinding.element_id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0014_stage_report_values"),
    ]

    operations = [
        migrations.AddField(
            model_name="elementfinding",
            name="theme",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="complaints.theme",
            ),
        ),
        migrations.RunSQL(COPY, migrations.RunSQL.noop, elidable=False),
        migrations.AlterField(
            model_name="elementfinding",
            name="theme",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="complaints.theme",
            ),
        ),
        migrations.AddIndex(
            model_name="elementfinding",
            index=models.Index(fields=["stage", "theme", "finding"], name="finding_report_idx"),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=[
                    "procedure",
                    "received_on",
                    "relationship",
                    "team",
                    "advocacy_taken_up",
                    "advocacy_offered_on",
                    "current_stage",
                    "complainant",
                ],
                name="complaint_report_idx",
            ),
        ),
    ]
