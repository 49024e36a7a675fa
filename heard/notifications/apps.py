from __future__ import annotations

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "heard.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, post_save

        from heard.complaints.models import Appointment
        from heard.notifications.tasks import appointed

        post_save.connect(appointed, sender=Appointment, dispatch_uid="notify-appointed")
        # Every deployment runs `migrate`: that starts the round of reminders if none waits.
        post_migrate.connect(start_reminders, sender=self, dispatch_uid="notify-reminders")


def start_reminders(sender: AppConfig, **kwargs: object) -> None:
    from heard.notifications.tasks import schedule_reminders

    schedule_reminders()
