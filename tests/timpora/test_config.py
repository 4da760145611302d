import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from core import config

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz"


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("On", True), ("1", True),
                                                ("no", False), ("0", False), ("", False)])
def test_read_bool_accepts_the_usual_words(raw, expected):
    assert config.read_bool({"DEBUG": raw}, "DEBUG", default=False) is expected


def test_read_bool_refuses_anything_else_naming_the_variable():
    with pytest.raises(ImproperlyConfigured, match=r"DEBUG.*maybe"):
        config.read_bool({"DEBUG": "maybe"}, "DEBUG", default=False)


def test_secret_key_required_without_debug():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        config.read_secret_key({}, debug=False)


@pytest.mark.parametrize("key", ["short", "django-insecure-" + "x" * 60, "a" * 80,
                                 config.DEVELOPMENT_SECRET_KEY])
def test_weak_secret_keys_refused_in_production(key):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        config.read_secret_key({"SECRET_KEY": key}, debug=False)


def test_real_secret_key_accepted_and_development_key_only_with_debug():
    assert config.read_secret_key({"SECRET_KEY": GOOD_KEY}, debug=False) == GOOD_KEY
    assert config.read_secret_key({}, debug=True) == config.DEVELOPMENT_SECRET_KEY


def test_allowed_hosts_required_without_debug():
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        config.read_allowed_hosts({}, debug=False)
    assert config.read_allowed_hosts({"ALLOWED_HOSTS": "a.go.id, b.go.id"}, debug=False) == [
        "a.go.id", "b.go.id"]


def test_database_defaults_to_sqlite_under_var(tmp_path):
    db = config.read_database({}, default_sqlite=tmp_path / "x.sqlite3")
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "x.sqlite3")


def test_database_url_for_postgres_keeps_connections():
    db = config.read_database({"DATABASE_URL": "postgres://u:p@db.local:5433/timpora"},
                              default_sqlite=Path("unused"))
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == ("db.local", 5433, "timpora", "u")
    assert db["CONN_MAX_AGE"] > 0


@pytest.mark.parametrize("url", ["not a url", "mysql://u@h/db", "postgres://u:secret@h:99999/db",
                                 "postgres://u:secret@h:5432/"])
def test_malformed_database_url_refused_without_echoing_it(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL") as excinfo:
        config.read_database({"DATABASE_URL": url}, default_sqlite=Path("unused"))
    assert "secret" not in str(excinfo.value)


def test_redis_url_must_be_redis():
    assert config.read_redis_url({}) == ""
    assert config.read_redis_url({"REDIS_URL": "redis://127.0.0.1:6379/0"})
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        config.read_redis_url({"REDIS_URL": "http://127.0.0.1"})


def test_email_defaults_to_files_and_reads_smtp(tmp_path):
    assert config.read_email({}, mail_dir=tmp_path)["EMAIL_FILE_PATH"] == str(tmp_path)
    smtp = config.read_email({"EMAIL_URL": "smtp://u:p@mail.local:2525"}, mail_dir=tmp_path)
    assert smtp["EMAIL_HOST"] == "mail.local"
    assert smtp["EMAIL_PORT"] == 2525
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        config.read_email({"EMAIL_URL": "ftp://x"}, mail_dir=tmp_path)


def test_time_zone_and_language():
    assert config.read_time_zone({}, "Asia/Jakarta") == "Asia/Jakarta"
    assert config.read_time_zone({"TIME_ZONE": "Asia/Makassar"}, "Asia/Jakarta") == "Asia/Makassar"
    with pytest.raises(ImproperlyConfigured, match="TIME_ZONE"):
        config.read_time_zone({"TIME_ZONE": "Mars/Olympus"}, "Asia/Jakarta")
    with pytest.raises(ImproperlyConfigured, match="LANGUAGE_CODE"):
        config.read_choice({"LANGUAGE_CODE": "fr"}, "LANGUAGE_CODE", "id", ["id", "en"])


def run_check(**env):
    """Start the app's `manage.py check` in a fresh process with only the given variables."""
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env=base | env, capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize(("env", "variable"), [
    ({"DEBUG": "maybe"}, "DEBUG"),
    ({"DEBUG": "true", "DATABASE_URL": "postgres//broken"}, "DATABASE_URL"),
    ({"DEBUG": "false", "ALLOWED_HOSTS": "timpora.example.go.id"}, "SECRET_KEY"),
    ({"DEBUG": "false", "SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS"),
    ({"DEBUG": "true", "TIME_ZONE": "Nowhere/City"}, "TIME_ZONE"),
])
def test_start_up_stops_on_bad_values_naming_the_variable(env, variable, tmp_path):
    result = run_check(TIMPORA_VAR_DIR=str(tmp_path), **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.splitlines()[-1]


def test_a_bare_checkout_checks_its_migrations_but_serves_nothing_without_a_key(tmp_path):
    """makemigrations only reads the source: it runs with no environment at all. A command that
    touches a database still refuses to start without SECRET_KEY when DEBUG is not set."""
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"),
            "TIMPORA_VAR_DIR": str(tmp_path)}

    def manage(*args):
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=base,
                              capture_output=True, text=True, timeout=120)

    checked = manage("makemigrations", "--check", "--dry-run")
    assert checked.returncode == 0, checked.stderr
    assert "No changes detected" in checked.stdout
    refused = manage("migrate", "--plan")
    assert refused.returncode != 0 and "SECRET_KEY" in refused.stderr


def test_start_up_succeeds_with_production_values(tmp_path):
    result = run_check(TIMPORA_VAR_DIR=str(tmp_path), DEBUG="false", SECRET_KEY=GOOD_KEY,
                       ALLOWED_HOSTS="timpora.example.go.id")
    assert result.returncode == 0, result.stderr


def test_without_redis_the_cache_is_shared_by_the_web_and_worker_processes(tmp_path):
    """Two separate processes, as the web server and the Celery worker of `make run` are: what
    one caches (or forgets) the other sees, so the worker can clear a count the web cached."""
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DEBUG": "true",
            "TIMPORA_VAR_DIR": str(tmp_path)}

    def shell(code: str) -> str:
        result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT,
                                env=base, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""

    shell("from django.core.cache import cache; cache.set('unread:7', 3, 300)")
    assert shell("from django.core.cache import cache; print(cache.get('unread:7'))") == "3"
    shell("from django.core.cache import cache; cache.delete('unread:7')")
    assert shell("from django.core.cache import cache; print(cache.get('unread:7'))") == "None"


def test_site_url_follows_port_in_development_and_an_explicit_one_wins():
    assert config.read_site_url({"PORT": "8080"}, debug=True) == "http://127.0.0.1:8080"
    assert config.read_site_url({}, debug=True) == "http://127.0.0.1:8000"
    assert config.read_site_url({"PORT": "8080", "SITE_URL": "https://timpora.example.go.id/"},
                                debug=True) == "https://timpora.example.go.id"
    # In production the operator sets SITE_URL; the port gunicorn binds to says nothing of it.
    assert config.read_site_url({"PORT": "8001"}, debug=False) == "http://127.0.0.1:8000"


@pytest.mark.parametrize(("env", "variable"), [
    ({"PORT": "eighty"}, "PORT"), ({"PORT": "70000"}, "PORT"), ({"SITE_URL": "timpora.go.id"},
                                                                 "SITE_URL"),
])
def test_site_url_refuses_bad_values_naming_the_variable(env, variable):
    with pytest.raises(ImproperlyConfigured, match=variable):
        config.read_site_url(env, debug=True)


def settings_site_url(tmp_path, **env) -> str:
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DEBUG": "true",
            "TIMPORA_VAR_DIR": str(tmp_path)}
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT,
                            env=base | env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_settings_link_to_the_port_the_development_server_runs_on(tmp_path):
    assert settings_site_url(tmp_path, PORT="8080") == "http://127.0.0.1:8080"
    assert settings_site_url(tmp_path, PORT="8080", SITE_URL="http://10.0.0.5:9000") == (
        "http://10.0.0.5:9000")


def test_make_run_gives_the_worker_the_web_servers_address():
    """honcho hands each Procfile process its own PORT (the worker gets PORT+100), so `make run`
    passes the web server's address to all of them: the worker's e-mails link to the web."""
    result = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True,
                            env={"PATH": os.environ["PATH"], "PORT": "8080"}, timeout=60)
    assert result.returncode == 0, result.stderr
    honcho = result.stdout.replace("\\\n", " ").splitlines()[-1]
    assert "honcho start" in honcho
    assert 'SITE_URL="${SITE_URL:-http://127.0.0.1:8080}"' in honcho
