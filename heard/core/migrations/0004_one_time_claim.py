from __future__ import annotations

import django.db.models.functions.datetime
from django.db import migrations, models


def move_claims(apps, schema_editor):
    """Claims were kept among the rate counts, in window 0: move them to their own table."""
    RateCount = apps.get_model("core", "RateCount")
    OneTimeClaim = apps.get_model("core", "OneTimeClaim")
    claims = RateCount.objects.filter(period=0)
    OneTimeClaim.objects.bulk_create(
        [OneTimeClaim(key=c.key, count=c.count) for c in claims], ignore_conflicts=True
    )
    claims.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_rate_count"),
    ]

    operations = [
        migrations.CreateModel(
            name="OneTimeClaim",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=200, unique=True)),
                ("count", models.PositiveIntegerField(default=0)),
                (
                    "claimed_at",
                    models.DateTimeField(
                        db_default=django.db.models.functions.datetime.Now(), db_index=True
                    ),
                ),
                ("outcome", models.JSONField(blank=True, null=True)),
            ],
        ),
        migrations.RunPython(move_claims, migrations.RunPython.noop),
    ]
