from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "heard.core"
    verbose_name = "Heard"
