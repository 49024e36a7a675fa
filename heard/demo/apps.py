from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo builder and the seed scenarios. It reads every app; nothing imports it."""

    name = "heard.demo"
    verbose_name = "Demo data"
