"""A Django email backend that sends through GOV.UK Notify, with its official Python client.

Notify sends from templates. Make one email template in Notify whose subject is
`((subject))` and whose message is `((body))`, and give its ID as HEARD_NOTIFY_TEMPLATE_ID:
every email Heard writes then goes through it unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.client = NotificationsAPIClient(settings.HEARD_NOTIFY_API_KEY)
        self.template_id = settings.HEARD_NOTIFY_TEMPLATE_ID

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            try:
                for address in message.recipients():
                    self.client.send_email_notification(
                        email_address=address,
                        template_id=self.template_id,
                        personalisation={"subject": message.subject, "body": message.body},
                    )
            except Exception:
                if not self.fail_silently:
                    raise
                continue
            sent += 1
        return sent
