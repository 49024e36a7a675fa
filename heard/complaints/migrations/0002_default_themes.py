"""Seed the theme list with DOMAIN.md's default, based on Getting the Best from Complaints."""

from __future__ import annotations

from django.db import migrations

DEFAULT_THEMES = [
    "Quality or appropriateness of service",
    "Delay",
    "Service not provided or withdrawn",
    "Communication",
    "Staff conduct or attitude",
    "Sensitivity or empathy of staff",
    "Professional decision making",
    "Assessment, care planning and review",
    "Eligibility or criteria",
    "Policy or procedure",
    "Information accuracy",
    "Contact arrangements",
    "Other",
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("complaints", "Theme")
    for order, name in enumerate(DEFAULT_THEMES, start=1):
        Theme.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
