"""Settings for the test suite.

`HEARD_TEST_DATABASE=postgres` runs the suite against PostgreSQL: unless DATABASE_URL names a
server, a throwaway cluster is started here (in a temporary directory owned by the postgres
user) and removed when the test process exits.
"""

from __future__ import annotations

import os

os.environ.setdefault("HEARD_SECRET_KEY", "test-only-secret-key-not-for-production-use")
os.environ.setdefault("HEARD_SSL_REDIRECT", "false")
os.environ.setdefault("HEARD_BASE_URL", "http://127.0.0.1:8000")

from heard.env import env_choice
from heard.settings import *  # noqa: F403
from heard.settings import DATABASES

_TEST_DATABASE = env_choice("HEARD_TEST_DATABASE", "sqlite", ["sqlite", "postgres"])
if _TEST_DATABASE == "postgres" and not os.environ.get("DATABASE_URL"):
    from heard.testing.postgres import start_throwaway_cluster

    DATABASES["default"] = start_throwaway_cluster()
elif _TEST_DATABASE == "sqlite" and not os.environ.get("DATABASE_URL"):
    DATABASES["default"]["NAME"] = ":memory:"
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "documents": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
SECURE_SSL_REDIRECT = False
# Serve static files from the finders, as in development; no collectstatic before tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
