from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models

import heard.core.files
import heard.sars.models


class Migration(migrations.Migration):
    dependencies = [
        ("sars", "0004_report_covering_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="subjectaccessrequest",
            name="requester_address",
            field=models.TextField(blank=True, verbose_name="requester's postal address"),
        ),
        migrations.AddField(
            model_name="subjectaccessrequest",
            name="requester_email",
            field=models.EmailField(
                blank=True, max_length=254, verbose_name="requester's email address"
            ),
        ),
        migrations.AddField(
            model_name="subjectaccessrequest",
            name="requester_phone",
            field=models.CharField(
                blank=True, max_length=40, verbose_name="requester's phone number"
            ),
        ),
        migrations.CreateModel(
            name="SarDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("identity", "Proof of identity"),
                            ("authority", "Proof of authority"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        max_length=200,
                        storage=heard.core.files.document_storage,
                        upload_to=heard.sars.models.sar_document_path,
                    ),
                ),
                ("filename", models.CharField(max_length=255, verbose_name="original file name")),
                ("content_type", models.CharField(max_length=100)),
                ("size", models.PositiveBigIntegerField()),
                ("sha256", models.CharField(max_length=64)),
                ("added_at", models.DateTimeField(auto_now_add=True)),
                (
                    "request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="documents",
                        to="sars.subjectaccessrequest",
                    ),
                ),
            ],
            options={
                "ordering": ["kind", "pk"],
            },
        ),
    ]
