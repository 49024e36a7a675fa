from __future__ import annotations

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0016_finding_keeps_its_response"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="complaint",
            name="assigned_officer",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="assigned_complaints",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="status",
            field=models.CharField(
                choices=[("open", "Open"), ("closed", "Closed")], default="open", max_length=10
            ),
        ),
        migrations.AlterField(
            model_name="complaintevent",
            name="complaint",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="events",
                to="complaints.complaint",
            ),
        ),
        migrations.AlterField(
            model_name="element",
            name="complaint",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="elements",
                to="complaints.complaint",
            ),
        ),
        migrations.AlterField(
            model_name="element",
            name="theme",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="elements",
                to="complaints.theme",
            ),
        ),
        migrations.AlterField(
            model_name="elementfinding",
            name="element",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="findings",
                to="complaints.element",
            ),
        ),
        migrations.AlterField(
            model_name="stage",
            name="complaint",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="stages",
                to="complaints.complaint",
            ),
        ),
    ]
