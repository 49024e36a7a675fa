from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_reference_sequence"),
    ]

    operations = [
        migrations.CreateModel(
            name="RateCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=200)),
                ("period", models.BigIntegerField()),
                ("count", models.PositiveIntegerField(default=0)),
            ],
            options={
                "indexes": [models.Index(models.F("period"), name="ratecount_period_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        models.F("key"), models.F("period"), name="ratecount_once_per_period"
                    )
                ],
            },
        ),
    ]
