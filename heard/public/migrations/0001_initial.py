from __future__ import annotations

import uuid

from django.db import migrations, models

import heard.core.files
import heard.public.models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="PendingUpload",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        max_length=200,
                        storage=heard.core.files.document_storage,
                        upload_to=heard.public.models.pending_path,
                    ),
                ),
                ("filename", models.CharField(max_length=255, verbose_name="original file name")),
                ("content_type", models.CharField(max_length=100)),
                ("size", models.PositiveBigIntegerField()),
                ("uploaded_at", models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
        ),
    ]
