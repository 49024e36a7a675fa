"""Django settings for Heard.

Every value that varies between installations comes from an environment variable read by a
typed helper in heard.env; docs/configuration.md lists them all. Defaults are safe for a local
demo: DEBUG is off unless asked for, and a production start without a secret key fails.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF

from heard.env import (
    ConfigurationError,
    env_bool,
    env_choice,
    env_colour,
    env_int,
    env_list,
    env_str,
    env_targets,
)

# Lets admin.ModelAdmin[Model] and QuerySet[Model] be written with types at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("HEARD_DEBUG", False)

_INSECURE_DEV_KEY = "django-insecure-local-only-heard-demo-key-never-use-in-production"
SECRET_KEY = env_str("HEARD_SECRET_KEY", _INSECURE_DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ConfigurationError("HEARD_SECRET_KEY must be set when HEARD_DEBUG is off")

ALLOWED_HOSTS = env_list("HEARD_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("HEARD_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "heard.core",
    "heard.accounts",
    "heard.workdays",
    "heard.complaints",
    "heard.compliments",
    "heard.enquiries",
    "heard.sars",
    "heard.ombudsman",
    "heard.referrals",
    "heard.reporting",
    "heard.imports",
    "heard.public",
    "heard.notifications",
    "heard.dashboard",
    "heard.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Refuses a request body larger than HEARD_REQUEST_MAX_MB before anything reads it.
    "heard.core.middleware.request_size_limit",
    # A strict Content Security Policy on every response, public and staff (see below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages with personal data are never cached (static files, served above, still are).
    "heard.core.middleware.no_store",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # /admin/ answers 404 unless HEARD_ADMIN_ENABLED is on.
    "heard.core.middleware.AdminSwitch",
    # Django's LoginRequiredMiddleware, keeping a form sent after the session ended.
    "heard.core.sessions.SignInRequired",
    # Records who changed what, and from which address, on every audited model.
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Locks sign-in after repeated failures; last, so it sees the outcome of the request.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "heard.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "heard.core.context_processors.organisation",
                "heard.core.sessions.remaining",
            ],
        },
    },
]

WSGI_APPLICATION = "heard.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("HEARD_DB_CONN_MAX_AGE", 0, minimum=0, maximum=3600),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE transactions make writers queue
    # instead of failing with "database is locked" half-way through a transition.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        # A 64 MB page cache and memory-mapped reads: reports read a year of cases at once,
        # and SQLite's default 2 MB cache sends each read back to the disk.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
            "PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;"
        ),
        "timeout": 20,
    }

# Background work (Django Tasks): queued in the database and run by `manage.py db_worker`,
# which `make demo` starts beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("HEARD_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Built from the npm packages by `make assets`; never committed.
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
# Case documents live outside any public URL: they are only ever served through the
# permission-checked, audited download view.
HEARD_DOCUMENT_ROOT = Path(env_str("HEARD_DOCUMENT_ROOT", str(BASE_DIR / "var" / "documents")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": HEARD_DOCUMENT_ROOT, "base_url": "/no-public-url/"},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

SESSION_COOKIE_AGE = env_int("HEARD_SESSION_IDLE_MINUTES", 30, minimum=5, maximum=720) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the age is an inactivity timeout, not a fixed lifetime
SESSION_COOKIE_HTTPONLY = True
# A form sent without its token gets a GOV.UK page that says what to do, not Django's.
CSRF_FAILURE_VIEW = "heard.core.views.csrf_failure"
SESSION_COOKIE_SECURE = not DEBUG and env_bool("HEARD_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = not DEBUG and env_bool("HEARD_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = (
    0 if DEBUG else env_int("HEARD_HSTS_SECONDS", 31536000, minimum=0, maximum=63072000)
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# gov.uk is already on the browsers' preload list; a council on another domain may opt out.
SECURE_HSTS_PRELOAD = not DEBUG and env_bool("HEARD_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): scripts, styles, fonts and everything else only from
# Heard itself, no inline script or style, no plug-ins, and no framing. Charts are SVG images
# in `data:` URLs, so images may also come from there. Forms post only back to Heard.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Sign-in lockout (django-axes): after this many failed attempts for one username, signing
# in as that user is refused until the cool-off has passed. Success resets the count.
AXES_FAILURE_LIMIT = env_int("HEARD_SIGNIN_ATTEMPTS", 5, minimum=3, maximum=20)
AXES_COOLOFF_TIME = timedelta(
    minutes=env_int("HEARD_SIGNIN_LOCKOUT_MINUTES", 15, minimum=1, maximum=1440)
)
# By account, not by address: a council's staff often share one office address, and locking
# it would lock out the whole office. Guessing one account's password is what this stops.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"

# --- Heard's own settings ------------------------------------------------------------------

# The Django admin: off, so /admin/ answers as a page that does not exist. Everything a council
# configures is on Heard's own screens (Configuration); an operator may turn it on.
HEARD_ADMIN_ENABLED = env_bool("HEARD_ADMIN_ENABLED", False)
HEARD_ORGANISATION_NAME = env_str("HEARD_ORGANISATION_NAME", "Example Borough Council")
HEARD_SERVICE_NAME = env_str("HEARD_SERVICE_NAME", "Heard complaints")
# The team a complaint sent through the public form is filed under until the complaints team
# triages it (created when first needed).
HEARD_PUBLIC_FORM_TEAM = env_str("HEARD_PUBLIC_FORM_TEAM", "To be triaged")
# How many forms one IP address may send through the public pages in an hour; more are
# refused until the hour is up (the answers are kept).
HEARD_PUBLIC_SENDS_PER_HOUR = env_int(
    "HEARD_PUBLIC_SENDS_PER_HOUR", 10, minimum=1, maximum=1_000_000
)
# How many password reset emails one IP address may ask for in an hour (heard.core.passwords).
HEARD_PASSWORD_RESETS_PER_HOUR = env_int(
    "HEARD_PASSWORD_RESETS_PER_HOUR", 5, minimum=1, maximum=1_000_000
)
# How long after a complaint closes its tracking link (heard.public.tracking) still works.
HEARD_TRACKING_DAYS_AFTER_CLOSE = env_int(
    "HEARD_TRACKING_DAYS_AFTER_CLOSE", 28, minimum=0, maximum=3650
)
# How many reverse proxies stand in front of Heard. Behind them, the client's address is the
# one the nearest proxy saw (X-Forwarded-For); with none, the connection's own address.
HEARD_TRUSTED_PROXIES = env_int("HEARD_TRUSTED_PROXIES", 0, minimum=0, maximum=5)
# Where Heard is reached: every link in an email is built from it (heard.core.links), never
# from the request's Host header. Required in production (`check --deploy` says so).
HEARD_BASE_URL = env_str("HEARD_BASE_URL", "http://127.0.0.1:8000" if DEBUG else "")

# --- Email ----------------------------------------------------------------------------------
# How email leaves Heard: printed on the console (the default, for trying Heard out), over
# SMTP, or through GOV.UK Notify (docs/notifications.md).
HEARD_EMAIL = env_choice("HEARD_EMAIL", "console", ["console", "smtp", "notify"])
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "notify": "heard.notifications.notify.NotifyEmailBackend",
}[HEARD_EMAIL]
EMAIL_HOST = env_str("HEARD_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("HEARD_SMTP_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("HEARD_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_str("HEARD_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("HEARD_SMTP_TLS", True)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("HEARD_EMAIL_FROM", "complaints@example.gov.uk")
HEARD_NOTIFY_API_KEY = env_str("HEARD_NOTIFY_API_KEY", "")
HEARD_NOTIFY_TEMPLATE_ID = env_str("HEARD_NOTIFY_TEMPLATE_ID", "")
if HEARD_EMAIL == "notify" and not (HEARD_NOTIFY_API_KEY and HEARD_NOTIFY_TEMPLATE_ID):
    raise ConfigurationError(
        "HEARD_EMAIL=notify needs HEARD_NOTIFY_API_KEY and HEARD_NOTIFY_TEMPLATE_ID"
    )
# Who hears of each new complaint from the public form (comma-separated addresses).
HEARD_COMPLAINTS_TEAM_EMAILS = env_list(
    "HEARD_COMPLAINTS_TEAM_EMAILS", ["complaints@example.gov.uk"]
)
# Reminders to the officer a complaint is assigned to: this many working days before its
# next deadline (and once when it is missed), sent from this hour of the day (UK time).
HEARD_REMINDER_WORKING_DAYS = env_int("HEARD_REMINDER_WORKING_DAYS", 2, minimum=0, maximum=20)
HEARD_REMINDER_HOUR = env_int("HEARD_REMINDER_HOUR", 7, minimum=0, maximum=23)
# How often the worker looks for reminders due (seconds).
HEARD_REMINDER_INTERVAL_SECONDS = env_int(
    "HEARD_REMINDER_INTERVAL_SECONDS", 3600, minimum=1, maximum=86400
)
# Who gets the daily digest of overdue complaints; empty: every active complaints manager.
HEARD_OVERDUE_DIGEST_EMAILS = env_list("HEARD_OVERDUE_DIGEST_EMAILS", [])

HEARD_BRAND_COLOUR = env_colour("HEARD_BRAND_COLOUR", "#1d70b8")
HEARD_LOGO_URL = env_str("HEARD_LOGO_URL", "")

# Acknowledgement period in working days. DOMAIN.md: a local standard; councils use 2 to 5.
HEARD_ACKNOWLEDGEMENT_WORKING_DAYS = env_int(
    "HEARD_ACKNOWLEDGEMENT_WORKING_DAYS", 3, minimum=2, maximum=5
)
# When the Stage 2 response clock starts: the request date (default) or the date the
# complainant agreed the written statement of complaint. Reports name the convention used.
HEARD_STAGE2_CLOCK = env_choice("HEARD_STAGE2_CLOCK", "request", ["request", "statement_agreed"])
# How long a process may keep the working-day calendar before re-reading closure days that
# another process may have changed. A change made in this process takes effect at once.
HEARD_CALENDAR_CACHE_SECONDS = env_int("HEARD_CALENDAR_CACHE_SECONDS", 60, minimum=0, maximum=3600)

# Working days to reply to an enquiry from a councillor or MP (a local standard).
HEARD_ENQUIRY_RESPONSE_WORKING_DAYS = env_int(
    "HEARD_ENQUIRY_RESPONSE_WORKING_DAYS", 10, minimum=1, maximum=40
)
# The informal (pre-complaint, early resolution) stage before Stage 1, per procedure, with
# its working-day target: "corporate=10,children=5". A procedure not named has none.
HEARD_INFORMAL_STAGE = env_targets(
    "HEARD_INFORMAL_STAGE", {}, choices=["children", "adults", "corporate"], maximum=40
)
# The largest document an officer may upload to a case, in megabytes.
HEARD_UPLOAD_MAX_MB = env_int("HEARD_UPLOAD_MAX_MB", 20, minimum=1, maximum=500)
# Files the public may add to a form: how large each may be, and how many.
HEARD_PUBLIC_UPLOAD_MAX_MB = env_int("HEARD_PUBLIC_UPLOAD_MAX_MB", 10, minimum=1, maximum=100)
HEARD_PUBLIC_UPLOAD_MAX_FILES = env_int("HEARD_PUBLIC_UPLOAD_MAX_FILES", 5, minimum=1, maximum=20)
# How many times in an hour one IP address, and one visitor's session, may add files to the
# public forms, and how many megabytes in all; more are refused (HTTP 429), nothing stored.
HEARD_PUBLIC_UPLOADS_PER_HOUR = env_int(
    "HEARD_PUBLIC_UPLOADS_PER_HOUR", 10, minimum=1, maximum=1_000_000
)
HEARD_PUBLIC_UPLOAD_MB_PER_HOUR = env_int(
    "HEARD_PUBLIC_UPLOAD_MB_PER_HOUR", 60, minimum=1, maximum=1_000_000
)
# The largest request body Heard reads (HTTP 413 beyond it). Django's own
# DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) still limits the form fields apart from files.
HEARD_REQUEST_MAX_MB = env_int(
    "HEARD_REQUEST_MAX_MB",
    max(HEARD_UPLOAD_MAX_MB, HEARD_PUBLIC_UPLOAD_MAX_MB * HEARD_PUBLIC_UPLOAD_MAX_FILES) + 1,
    minimum=2,
    maximum=2000,
)

# Audit trail (django-auditlog): changes as JSON, so the audit tab can show before and after.
AUDITLOG_STORE_JSON_CHANGES = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("HEARD_LOG_LEVEL", "INFO")},
}
