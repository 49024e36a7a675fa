from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed_default_themes(**kwargs: Any) -> None:
    from heard.complaints.themes import seed_default_themes

    seed_default_themes()


class ComplaintsConfig(AppConfig):
    name = "heard.complaints"
    verbose_name = "Complaints"

    def ready(self) -> None:
        from heard.complaints import audit

        audit.register()
        post_migrate.connect(_seed_default_themes, sender=self, dispatch_uid="default-themes")
