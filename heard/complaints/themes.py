"""The default theme list, based on Getting the Best from Complaints (DOMAIN.md)."""

from __future__ import annotations

from heard.complaints.models import Theme

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


def seed_default_themes() -> int:
    """Create the default themes if there are none at all; returns how many were created.

    Runs after every migrate, so a new installation (or a flushed test database) has the
    list; a council that has edited its themes keeps its own list.
    """
    if Theme.objects.exists():
        return 0
    Theme.objects.bulk_create(
        Theme(name=name, order=order) for order, name in enumerate(DEFAULT_THEMES, start=1)
    )
    return len(DEFAULT_THEMES)
