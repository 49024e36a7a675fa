"""Settings for a real `db_worker` process in the worker-restart test: Heard's own settings,
with the slow file email backend."""

from __future__ import annotations

from heard.settings import *  # noqa: F403

EMAIL_BACKEND = "heard.notifications.tests.slow_email.SlowFileBackend"
