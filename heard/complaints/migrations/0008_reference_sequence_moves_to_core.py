from __future__ import annotations

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0007_complaint_current_deadline"),
        ("core", "0002_reference_sequence"),
    ]

    operations = [
        migrations.DeleteModel(name="ReferenceSequence"),
    ]
