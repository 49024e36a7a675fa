from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="pendingupload",
            name="holder",
            field=models.CharField(blank=True, db_index=True, max_length=100),
        ),
    ]
