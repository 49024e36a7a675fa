"""The default pick-list of exemptions (DOMAIN.md section 3); managers can change it."""

from __future__ import annotations

from django.db import migrations

DEFAULT_EXEMPTIONS = [
    "Third-party personal data",
    "Social work data: serious harm test",
    "Legal professional privilege",
    "Crime and taxation",
    "Confidential references",
    "Management information and negotiations",
    "Other",
]


def add_defaults(apps, schema_editor):
    Exemption = apps.get_model("sars", "Exemption")
    for order, name in enumerate(DEFAULT_EXEMPTIONS):
        Exemption.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("sars", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
