from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0017_no_duplicate_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="tracking_token",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True),
        ),
        migrations.AddConstraint(
            model_name="complaint",
            constraint=models.UniqueConstraint(
                models.F("tracking_token"),
                condition=models.Q(("tracking_token__isnull", False)),
                name="complaint_tracking_token_unique",
            ),
        ),
    ]
