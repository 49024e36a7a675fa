"""A response whose every point has "no finding" rolls up to "no finding", no longer to "not
upheld" (issue 22): the stored roll-up of such stages is put right."""

from __future__ import annotations

from django.db import migrations, models


def every_point_no_finding(apps, schema_editor):
    Stage = apps.get_model("complaints", "Stage")
    Stage.objects.filter(findings__finding="no_finding").exclude(
        findings__finding__in=("upheld", "partially_upheld", "not_upheld")
    ).update(rolled_up_outcome="no_finding")


def every_point_not_upheld(apps, schema_editor):
    Stage = apps.get_model("complaints", "Stage")
    Stage.objects.filter(rolled_up_outcome="no_finding").update(rolled_up_outcome="not_upheld")


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0030_complaint_about_person"),
    ]

    operations = [
        migrations.AlterField(
            model_name="stage",
            name="rolled_up_outcome",
            field=models.CharField(
                blank=True,
                choices=[
                    ("upheld", "Upheld"),
                    ("partially_upheld", "Partially upheld"),
                    ("not_upheld", "Not upheld"),
                    ("no_finding", "No finding"),
                ],
                editable=False,
                max_length=20,
            ),
        ),
        migrations.RunPython(every_point_no_finding, every_point_not_upheld),
    ]
