"""Typed readers of the environment variables that configure the app.

Each reader raises ImproperlyConfigured naming the variable, so a bad value stops start-up with a
message that says what to fix. Values that may hold secrets (URLs, keys) are never echoed back.
"""

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import environ
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}

# Keys that are never acceptable in production, whatever their length.
DEVELOPMENT_SECRET_KEY = "development-only-insecure-key-do-not-use-in-production-0123456789"  # noqa: S105
MIN_SECRET_KEY_LENGTH = 50


def read_bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of true/false, yes/no, on/off or 1/0 (got {raw!r})."
    )


def read_int(env: Mapping[str, str], name: str, default: int, *, minimum: int = 0) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number (got {raw!r}).") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum} (got {value}).")
    return value


def read_list(env: Mapping[str, str], name: str, default: list[str]) -> list[str]:
    raw = env.get(name, "").strip()
    if not raw:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def read_int_list(env: Mapping[str, str], name: str, default: list[int]) -> list[int]:
    """Comma-separated positive whole numbers, e.g. MEETING_REMINDER_OFFSETS=1440,60."""
    values = []
    for item in read_list(env, name, [str(value) for value in default]):
        try:
            value = int(item)
        except ValueError:
            value = 0
        if value < 1:
            raise ImproperlyConfigured(
                f"{name} must be comma-separated positive whole numbers (got {item!r})."
            )
        values.append(value)
    return values


def read_secret_key(env: Mapping[str, str], *, debug: bool) -> str:
    key = env.get("SECRET_KEY", "").strip()
    if debug:
        return key or DEVELOPMENT_SECRET_KEY
    if not key:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if key == DEVELOPMENT_SECRET_KEY or key.startswith("django-insecure"):
        raise ImproperlyConfigured("SECRET_KEY is a development key; set a real one.")
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 5:
        raise ImproperlyConfigured(
            f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} random characters."
        )
    return key


def read_allowed_hosts(env: Mapping[str, str], *, debug: bool) -> list[str]:
    hosts = read_list(env, "ALLOWED_HOSTS", [])
    if hosts:
        return hosts
    if debug:
        return ["127.0.0.1", "localhost", "[::1]"]
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set when DEBUG is off (comma-separated host names)."
    )


def read_database(env: Mapping[str, str], *, default_sqlite: Path) -> dict:
    raw = env.get("DATABASE_URL", "").strip()
    if not raw:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(default_sqlite),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    message = (
        "DATABASE_URL is not a valid database URL; expected "
        "postgres://USER:PASSWORD@HOST:PORT/NAME or sqlite:////absolute/path.db."
    )
    scheme = urlsplit(raw).scheme
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise ImproperlyConfigured(message)
    try:
        config = environ.Env.db_url_config(raw)
    except Exception:  # noqa: BLE001 - any parsing failure means the same to the operator
        raise ImproperlyConfigured(message) from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(message)
    if config["ENGINE"].endswith("postgresql"):
        try:
            port = urlsplit(raw).port
        except ValueError:
            raise ImproperlyConfigured(message) from None
        if port is not None and not 0 < port < 65536:
            raise ImproperlyConfigured(message)
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
    return config


def read_redis_url(env: Mapping[str, str]) -> str:
    raw = env.get("REDIS_URL", "").strip()
    if raw and urlsplit(raw).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(
            "REDIS_URL is not a valid Redis URL; expected redis://HOST:PORT/DB."
        )
    return raw


def read_email(env: Mapping[str, str], *, mail_dir: Path) -> dict:
    raw = env.get("EMAIL_URL", "").strip()
    if not raw:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(mail_dir),
        }
    message = (
        "EMAIL_URL is not a valid e-mail URL; expected smtp://USER:PASSWORD@HOST:PORT, "
        "smtp+tls://…, smtps://… or consolemail://."
    )
    if urlsplit(raw).scheme not in {"smtp", "smtps", "smtp+tls", "smtp+ssl", "consolemail",
                                    "filemail", "memorymail", "dummymail"}:
        raise ImproperlyConfigured(message)
    try:
        config = environ.Env.email_url_config(raw)
    except Exception:  # noqa: BLE001
        raise ImproperlyConfigured(message) from None
    return config


def read_time_zone(env: Mapping[str, str], default: str) -> str:
    name = env.get("TIME_ZONE", "").strip() or default
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"TIME_ZONE must be an IANA time zone such as Asia/Jakarta (got {name!r})."
        ) from None
    return name


def read_site_url(env: Mapping[str, str], *, debug: bool) -> str:
    """The address links in e-mails and calendar files point to.

    The operator sets SITE_URL in production. In development it follows PORT, the port
    `make run` (the Procfile's web process) serves on, so `PORT=8080 make run` links to 8080.
    """
    raw = env.get("SITE_URL", "").strip()
    if raw:
        if urlsplit(raw).scheme not in {"http", "https"} or not urlsplit(raw).netloc:
            raise ImproperlyConfigured(
                "SITE_URL must be an address such as https://timpora.example.go.id."
            )
        return raw.rstrip("/")
    port = read_int(env, "PORT", 8000, minimum=1) if debug else 8000
    if port > 65535:
        raise ImproperlyConfigured(f"PORT must be at most 65535 (got {port}).")
    return f"http://127.0.0.1:{port}"


def read_choice(env: Mapping[str, str], name: str, default: str, choices: list[str]) -> str:
    value = env.get(name, "").strip() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)} (got {value!r}).")
    return value
