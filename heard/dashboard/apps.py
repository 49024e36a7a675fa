from __future__ import annotations

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The home page that counts every kind of case. It reads every app; nothing imports it."""

    name = "heard.dashboard"
    verbose_name = "Dashboard"
