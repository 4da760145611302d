"""Settings of the TIMPORA app, read from the environment only (see README.md for the table)."""

import importlib.util
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from core import config, countries

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TIMPORA_VAR_DIR", BASE_DIR / "var"))
ENV = os.environ

DEBUG = config.read_bool(ENV, "DEBUG", default=False)
SECRET_KEY = config.read_secret_key(ENV, debug=DEBUG)
ALLOWED_HOSTS = config.read_allowed_hosts(ENV, debug=DEBUG)
CSRF_TRUSTED_ORIGINS = config.read_list(ENV, "CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_celery_beat",
    "import_export",
    "simple_history",
    "bootstrap",
    "django_countries",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The project's apps, bottom layer first (docs/architecture.md); each imports only those above
    # it in this list. timpora holds the migration history of the tables it handed over.
    "core",
    "accounts",
    "audit",
    "villages",
    "notifications",
    "meetings",
    "people",
    "reports",
    "portal",
    "timpora",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's OTPMiddleware, reading the verifying device from the cache.
    "accounts.two_factor.CachedOTPMiddleware",
    "accounts.security.no_store_when_signed_in",
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.LanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "audit.middleware.AuditMiddleware",
]

ROOT_URLCONF = "timpora.urls"
WSGI_APPLICATION = "timpora.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite under var/ by default, PostgreSQL when DATABASE_URL is set.
DATABASES = {"default": config.read_database(ENV, default_sqlite=VAR_DIR / "timpora.sqlite3")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: Celery broker and Django cache when REDIS_URL is set; embedded defaults otherwise.
REDIS_URL = config.read_redis_url(ENV)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "timpora",
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    # On disk, so that the web server and the Celery worker share it: a message the worker writes
    # must clear the unread count the web process cached.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
    CELERY_BROKER_URL = "filesystem://"
    _broker_dir = VAR_DIR / "celery" / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }

CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SOFT_TIME_LIMIT = config.read_int(ENV, "CELERY_TASK_SOFT_TIME_LIMIT", 60, minimum=1)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 30
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# E-mail: one file per message under var/mail/ unless EMAIL_URL names a server.
globals().update(config.read_email(ENV, mail_dir=VAR_DIR / "mail"))  # EMAIL_BACKEND, EMAIL_HOST…
DEFAULT_FROM_EMAIL = ENV.get("DEFAULT_FROM_EMAIL", "TIMPORA <timpora@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Nationalities in the active language; Indonesian names come from iso-codes (core/countries.py).
COUNTRIES_OVERRIDE = countries.names_by_language()

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS 2.1.1: at least 12 characters.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Language and time: Indonesian and Asia/Jakarta by default.
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LANGUAGE_CODE = config.read_choice(ENV, "LANGUAGE_CODE", "id", [code for code, _name in LANGUAGES])
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = config.read_time_zone(ENV, "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Leaflet's files come from the django-leaflet package; only its static folder is used, because
# installing it as an app would make Django admin import its GeoDjango widgets (which need GDAL).
STATICFILES_DIRS = [
    BASE_DIR / "static",
    Path(importlib.util.find_spec("leaflet").submodule_search_locations[0]) / "static",
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(ENV.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve static files from the finders while developing, so `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security: production values unless DEBUG is on; each can be relaxed explicitly behind a proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = config.read_bool(ENV, "SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = config.read_bool(ENV, "SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = config.read_int(ENV, "SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = config.read_int(ENV, "SESSION_COOKIE_AGE", 8 * 3600, minimum=60)
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Publishing to a broker that is down must not hold a request: the outbox sweep sends later.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 3

# Messages: links in e-mails point here; Message-IDs are made on this domain.
SITE_URL = config.read_site_url(ENV, debug=DEBUG)
EMAIL_MESSAGE_ID_DOMAIN = ENV.get("EMAIL_MESSAGE_ID_DOMAIN", "timpora.local")
# Outbox delivery: first retry delay (doubling each time), when a claim is stale (its worker died;
# beyond the task time limit) and how long the sweep leaves a new row to its own dispatch.
OUTBOX_RETRY_BASE_SECONDS = config.read_int(ENV, "OUTBOX_RETRY_BASE_SECONDS", 30, minimum=1)
OUTBOX_STALE_CLAIM_SECONDS = config.read_int(
    ENV, "OUTBOX_STALE_CLAIM_SECONDS", CELERY_TASK_TIME_LIMIT + 60, minimum=1
)
OUTBOX_SWEEP_GRACE_SECONDS = config.read_int(ENV, "OUTBOX_SWEEP_GRACE_SECONDS", 30)
# Meeting reminders, in minutes before the start (default: 24 hours and 1 hour).
MEETING_REMINDER_OFFSETS = config.read_int_list(ENV, "MEETING_REMINDER_OFFSETS", [1440, 60])
# Uploads: the largest attachment accepted, in bytes.
MAX_UPLOAD_SIZE = config.read_int(ENV, "MAX_UPLOAD_SIZE", 10 * 1024 * 1024, minimum=1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Map: the base-map tiles (an OpenStreetMap-style URL template) and their attribution; pages show
# the markers on a plain background when the tiles cannot be loaded.
MAP_TILE_URL = ENV.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = ENV.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
# Where the map opens when nothing is on it: Kabupaten Kediri.
MAP_DEFAULT_CENTER = (-7.8167, 112.0111)
MAP_DEFAULT_ZOOM = 10

# Security: the Content-Security-Policy (django-csp). Scripts and styles come only from the app's
# own static files, never inline; map tiles may come from the configured tile server.
_tile_url = urlsplit(globals().get("MAP_TILE_URL", ""))
_tile_origin = f"{_tile_url.scheme}://{_tile_url.netloc}" if _tile_url.netloc else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_tile_origin] if _tile_origin else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Sign-in: django-axes locks a username at one IP address after AXES_FAILURE_LIMIT failures, for
# AXES_COOLOFF_MINUTES; a success resets the count. Nobody can lock an officer out for good.
AUTHENTICATION_BACKENDS = [
    "accounts.security.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = config.read_int(ENV, "AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=config.read_int(ENV, "AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_VERBOSE = False
# Successful sign-ins (AccessLog) and failed ones (AccessFailureLog) are kept, readable in admin.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Their copies of the form data leave out the two-factor code (a wrong recovery code may be close).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "token"]
# Two-factor sign-in (django-otp, accounts/two_factor.py): an authenticator app's 6-digit code or a
# recovery code after the password. Required of officers, supervisors and admins when OTP_REQUIRED
# is on (the default unless DEBUG, so that the demo signs in with a password); optional for agency
# members. Admin lists devices without their keys or recovery codes and deletes a lost one.
OTP_REQUIRED = config.read_bool(ENV, "OTP_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "TIMPORA"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Sessions: ended after SESSION_IDLE_TIMEOUT seconds without a request, and SESSION_COOKIE_AGE
# seconds after signing in whatever happens (accounts.middleware.SessionLimitsMiddleware).
SESSION_IDLE_TIMEOUT = config.read_int(ENV, "SESSION_IDLE_TIMEOUT", 30 * 60, minimum=60)
SESSION_ABSOLUTE_LIFETIME = SESSION_COOKIE_AGE

# Audit log (the audit app): kept AUDIT_RETENTION_DAYS days, then deleted by `prune_audit`.
AUDIT_RETENTION_DAYS = config.read_int(ENV, "AUDIT_RETENTION_DAYS", 730, minimum=1)
