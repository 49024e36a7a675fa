"""Reference numbering moves from the complaints app to core, which every case type shares.

The numbers issued so far are copied, so no reference is ever issued twice.
"""

from __future__ import annotations

from django.db import migrations, models


def copy_sequences(apps, schema_editor):
    old = apps.get_model("complaints", "ReferenceSequence")
    new = apps.get_model("core", "ReferenceSequence")
    new.objects.bulk_create(
        new(prefix=s.prefix, year=s.year, last=s.last) for s in old.objects.all()
    )


def copy_back(apps, schema_editor):
    old = apps.get_model("complaints", "ReferenceSequence")
    new = apps.get_model("core", "ReferenceSequence")
    old.objects.bulk_create(
        old(prefix=s.prefix, year=s.year, last=s.last) for s in new.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("complaints", "0007_complaint_current_deadline"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReferenceSequence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("prefix", models.CharField(max_length=10)),
                ("year", models.PositiveIntegerField()),
                ("last", models.PositiveIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("prefix", "year"), name="core_reference_sequence_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_sequences, copy_back),
    ]
