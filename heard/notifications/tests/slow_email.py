"""An email backend for the worker-restart test: it takes a while over each message, as a
mail server can, and writes each one to its own file (atomically) in HEARD_TEST_MAIL_DIR."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

SECONDS_PER_MESSAGE = 0.4


class SlowFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(os.environ["HEARD_TEST_MAIL_DIR"])
        for message in email_messages:
            time.sleep(SECONDS_PER_MESSAGE)
            name = uuid.uuid4().hex
            (folder / f"{name}.tmp").write_bytes(message.message().as_bytes())
            (folder / f"{name}.tmp").rename(folder / f"{name}.eml")
        return len(email_messages)
