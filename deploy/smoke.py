"""Smoke test of the production set-up on this machine, run by deploy/smoke.sh.

Starts what docs/deploy.md describes — two gunicorn web processes (deploy/gunicorn.conf.py) on
two ports, two Celery workers and one beat, on PostgreSQL and Redis, with a local SMTP sink — then:
signs in on the first web process, writes a report on the second and submits it, waits until the
workers have e-mailed the supervisor; schedules a meeting and waits until beat's reminder run has
been delivered to the invited agency. Stops everything it started and exits non-zero on failure.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from datetime import timedelta
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv" / "bin"
DATABASE = os.environ.get("SMOKE_DATABASE", "timpora_smoke")
SERVER = os.environ.get("SMOKE_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/13")
DEMO_PASSWORD = "timpora-demo"  # noqa: S105 - the README's demo accounts
WAIT_SECONDS = 150


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    subprocess.run([str(VENV / "python"), "manage.py", *args],  # noqa: S603 - fixed commands
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def step(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {text}", flush=True)


class Sink:
    """The SMTP server the workers deliver to: it keeps who each message went to."""

    def __init__(self):
        self.recipients: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.recipients.extend(envelope.rcpt_tos)
        return "250 OK"


class Browser:
    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port, method, path, fields=None) -> tuple[int, str, str]:
        connection = HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Host": "127.0.0.1",
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        text = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, response.getheader("Location", ""), text

    def form_fields(self, page: str) -> dict[str, str]:
        """The hidden inputs of a page (CSRF token, formset management form)."""
        fields = {}
        for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", page):
            name = re.search(r'name="([^"]+)"', tag)
            value = re.search(r'value="([^"]*)"', tag)
            if name:
                fields[name.group(1)] = value.group(1) if value else ""
        return fields


def wait_for(description: str, check) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if check():
            step(f"ok: {description}")
            return
        time.sleep(1)
    raise SystemExit(f"FAILED: {description} within {WAIT_SECONDS} s")


def main() -> None:
    import psycopg2
    import redis

    admin = psycopg2.connect(f"{SERVER}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    admin.close()
    redis.Redis.from_url(REDIS_URL).flushdb()
    smtp_port = free_port()
    var = ROOT / "var" / "smoke"
    env = dict(os.environ)
    env.update({
        "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false", "SECURE_HSTS_SECONDS": "0",
        "OTP_REQUIRED": "true", "DATABASE_URL": f"{SERVER}/{DATABASE}", "REDIS_URL": REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}", "TIMPORA_VAR_DIR": str(var),
        # One media folder for every process, as a shared mount would be in production.
        "MEDIA_ROOT": str(var / "media"), "WEB_CONCURRENCY": "2", "CELERY_CONCURRENCY": "2",
        "GUNICORN_ACCESS_LOG": "/dev/null", "GUNICORN_LOG_LEVEL": "warning",
    })
    step(f"database {DATABASE}, Redis {REDIS_URL}, SMTP sink on port {smtp_port}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    # Demo accounts carry a published password, so seed_demo runs only with DEBUG on.
    manage({**env, "DEBUG": "true"}, "seed_demo")

    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    ports = [free_port(), free_port()]
    commands = [
        *[[str(VENV / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "timpora.wsgi:application",
           "--bind", f"127.0.0.1:{port}"] for port in ports],
        *[[str(VENV / "celery"), "-A", "timpora", "worker", f"--hostname=smoke{n}@%h",
           "--concurrency=2", "--loglevel=WARNING"] for n in (1, 2)],
        [str(VENV / "celery"), "-A", "timpora", "beat", "--loglevel=WARNING",
         "--schedule", str(var / "celerybeat-schedule")],
    ]
    processes = []
    try:
        for command in commands:
            processes.append(subprocess.Popen(command, cwd=ROOT, env=env,  # noqa: S603
                                              start_new_session=True))
        step("started 2 web processes (ports {} and {}), 2 workers, 1 beat".format(*ports))
        run_checks(env, ports, sink)
        print("SMOKE TEST PASSED", flush=True)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
        controller.stop()
        step("stopped every process")


def run_checks(env: dict, ports: list[int], sink: Sink) -> None:
    def healthy(port):
        try:
            connection = HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            return connection.getresponse().status == 200
        except OSError:
            return False

    for port in ports:
        wait_for(f"/healthz on port {port} answers 200", lambda port=port: healthy(port))

    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "timpora.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import close_old_connections
    from django.utils import timezone
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from meetings.models import Meeting, Team
    from meetings.services import meeting_create, meeting_schedule
    from notifications.models import OutboxMessage
    from reports.models import Report

    # Two-factor sign-in is on, as in production: the officer has an authenticator, whose
    # current code this script computes as the phone app would.
    officer = get_user_model().objects.get(username="officer")
    device, _created = TOTPDevice.objects.get_or_create(
        user=officer, name="Smoke test authenticator", defaults={"confirmed": True})
    browser = Browser()
    _status, _location, page = browser.request(ports[0], "GET", "/accounts/login/")
    status, location, _page = browser.request(ports[0], "POST", "/accounts/login/", {
        # The page's language switch has a hidden "next" of its own: name the sign-in's.
        **browser.form_fields(page), "next": "/", "username": "officer",
        "password": DEMO_PASSWORD})
    if status != 302 or "/two-factor/verify/" not in location:
        raise SystemExit(f"FAILED: the password step answered {status} ({location})")
    _status, _location, page = browser.request(ports[0], "GET", location)
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    status, location, _page = browser.request(ports[0], "POST", location, {
        **browser.form_fields(page), "token": token})
    if status != 302 or location != "/":
        raise SystemExit(f"FAILED: the code step answered {status} ({location})")
    step(f"ok: signed in as officer with password and code on port {ports[0]} "
         f"(redirected to {location})")

    # The session lives in PostgreSQL, so the other web process knows the officer too.
    _status, _location, page = browser.request(ports[1], "GET", "/reports/new/")
    observed = timezone.localtime() - timedelta(hours=3)
    title = f"Smoke test {secrets.token_hex(3)}"
    status, location, page = browser.request(ports[1], "POST", "/reports/new/", {
        **browser.form_fields(page), "title": title, "category": "overstay", "priority": "2",
        "observed_at": observed.strftime("%Y-%m-%dT%H:%M"),
        "narrative": "Warga melaporkan orang asing tinggal melewati izin.",
        "source_type": "patrol", "source_reliability": "B", "information_credibility": "2",
        "people-0-full_name": "Smoke Person", "people-0-nationality": "CN",
        "people-0-sex": "male", "people-0-passport_number": "SM0KE123",
        "people-0-permit_kind": "itk", "people-0-role": "subject",
    })
    if status != 302:
        errors = re.findall(r'class="[^"]*invalid-feedback[^"]*"[^>]*>(.*?)<', page, re.S)
        raise SystemExit(f"FAILED: the report form answered {status}: {errors[:5]}")
    code = location.rstrip("/").rsplit("/", 1)[-1]
    _status, _location, page = browser.request(ports[1], "GET", location)
    status, _location, _page = browser.request(ports[1], "POST", f"/reports/{code}/submit/",
                                               browser.form_fields(page))
    report = Report.objects.get(code=code)
    if status != 302 or report.status != Report.Status.SUBMITTED:
        raise SystemExit(f"FAILED: submitting answered {status}, status {report.status}")
    step(f"ok: report {report.number} written and submitted on port {ports[1]}")

    def delivered(kind, **filters):
        close_old_connections()
        messages = OutboxMessage.objects.filter(kind=kind, **filters)
        return messages.exists() and not messages.exclude(status="sent").exists()

    supervisor = get_user_model().objects.get(username="supervisor")
    wait_for("the supervisor's notice of the submitted report was e-mailed by a worker",
             lambda: delivered(OutboxMessage.Kind.REPORT_SUBMITTED, recipient=supervisor)
             and supervisor.email in sink.recipients)

    team = Team.objects.order_by("pk").first()
    starts = timezone.now() + timedelta(minutes=50)
    meeting = meeting_create(team=team, title="Rapat smoke test", kind=Meeting.Kind.COORDINATION,
                             starts_at=starts, ends_at=starts + timedelta(hours=1),
                             venue="Aula", created_by=supervisor)
    meeting_schedule(meeting=meeting, by=supervisor)
    step("scheduled a meeting 50 minutes ahead: its 60-minute reminder is due now")
    wait_for("beat's reminder run was delivered by the workers",
             lambda: delivered(OutboxMessage.Kind.MEETING_REMINDER))
    count = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.MEETING_REMINDER).count()
    step(f"ok: {count} reminders sent; the SMTP sink received {len(sink.recipients)} "
         f"messages in all")


if __name__ == "__main__":
    main()
