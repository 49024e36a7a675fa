"""The one place Heard asks what day it is, so rules about time can be tested at any date."""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def today() -> date:
    """Today in the service's time zone (Europe/London), not UTC."""
    return timezone.localdate()
