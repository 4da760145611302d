"""Benchmark: the big pages under gunicorn on PostgreSQL, the digest and the reminder fan-out.

Usage: bench/run.sh [--reports 100000] [--duration 10] (see docs/benchmarks.md)

1. Creates the PostgreSQL database (timpora_bench by default) if missing, migrates it and, when
   it holds no reports, fills it with `manage.py seed_scale` (timed).
2. Starts gunicorn on 127.0.0.1 with production settings (DEBUG off, a generated SECRET_KEY).
3. Signs in through the login form and loads each page with wrk (keep-alive, loopback only):
   a minimal signed-in page (/ping/, the floor), the report list (page 1 and a deep keyset page),
   a report, people search by passport, the dashboard, a meeting and the admin's report list.
   Prints requests per second, p50 and p95, the ratio to the floor and the queries per page.
4. Times a supervisor's digest over 10,000 reports and runs bench/reminder_fanout.py.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import tracemalloc
from datetime import timedelta
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv/bin/python")
GUNICORN = str(ROOT / ".venv/bin/gunicorn")
LUA = str(Path(__file__).with_name("wrk_report.lua"))
DIGEST_REPORTS = 10_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="timpora_bench")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432",
                        help="Server URL without the database name.")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--reports", type=int, default=100_000,
                        help="Size of a fresh seed (the other sizes scale with it).")
    parser.add_argument("--all-regions", action=argparse.BooleanOptionalAction, default=True,
                        help="Import every village of Indonesia (--no-all-regions: Kediri only).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_database(server: str, name: str) -> None:
    import psycopg2

    connection = psycopg2.connect(f"{server}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
    connection.close()


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def seed_sizes(reports: int, all_regions: bool) -> list[str]:
    sizes = ["--reports", str(reports), "--people", str(max(reports // 2, 10)),
             "--meetings", str(max(reports * 3 // 100, 10)),
             "--desa-binaan", str(min(500, max(reports // 200, 5)))]
    return sizes if all_regions else [*sizes, "--regions", "35.06"]


class Session:
    """A signed-in browser: cookies from the login form, kept for wrk's Cookie header."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        connection = HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": self.cookie_header(), "Host": "127.0.0.1"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        text = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, text

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def sign_in(self, username: str, password: str, device) -> None:
        """The password step, then the authenticator code step."""
        for path, fields in (("/accounts/login/", {"username": username, "password": password}),
                             ("/accounts/two-factor/verify/", None)):
            _status, page = self.request("GET", path)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            fields = fields or {"token": current_code(device)}
            status, _page = self.request("POST", path, urlencode(
                {"csrfmiddlewaretoken": token, **fields}))
            if status != 302 or "sessionid" not in self.cookies:
                raise SystemExit(f"signing in as {username} failed at {path} (HTTP {status})")
        status, _page = self.request("GET", "/")
        if status != 200:
            raise SystemExit(f"{username} is not fully signed in (HTTP {status} on /)")


def wrk(url: str, cookie: str, *, connections: int, seconds: int) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", LUA,
               "-H", f"Cookie: {cookie}", "-H", "Host: 127.0.0.1", url]
    output = subprocess.run(  # noqa: S603 - wrk with arguments built here
        command, capture_output=True, text=True, check=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    if "Non-2xx" in output or result["errors"]:
        raise SystemExit(f"{url} answered errors under load:\n{output}")
    return result


def start_gunicorn(env: dict, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - the project's gunicorn, fixed arguments
        [GUNICORN, "timpora.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", "2",
         "--keep-alive", "5", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def authenticator_for(user):
    """The user's confirmed authenticator (TOTP) device, created once."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="Benchmark authenticator", defaults={"confirmed": True})
    return device


def current_code(device) -> str:
    """What an authenticator app shows now for `device`."""
    from django_otp.oath import totp

    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def prepare(password: str) -> dict:
    """In this process (same settings as gunicorn): the accounts, codes and cursors to load."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from core.pagination import _encode, _fields
    from meetings.models import Meeting
    from reports import selectors
    from reports.models import Report, ReportPerson

    User = get_user_model()
    supervisor = User.objects.get(username="scale-supervisor-01")
    admin, created = User.objects.get_or_create(username="scale-admin", defaults={
        "is_staff": True, "is_superuser": True, "email": "scale-admin@example.go.id"})
    if created or not admin.check_password(password):
        admin.set_password(password)
        admin.save(update_fields=["password"])
    # Office staff and admins sign in with a second factor in production: so do the benchmark's.
    devices = {role: authenticator_for(user) for role, user in
               (("supervisor", supervisor), ("admin", admin))}
    visible = selectors.report_list(user=supervisor, filters={})
    order = selectors.report_order({})
    total = visible.count()
    # The deep page starts after row 80% of the way down the list (page 3,200 of 4,000 at 100k).
    depth = max(total * 4 // 5, 1)
    deep_after = _encode(visible.order_by(*order)[depth - 1], _fields(order)[0])
    report = visible.filter(people_links__isnull=False).first()
    passport = (ReportPerson.objects.filter(report__in=Report.objects.visible_to(supervisor))
                .exclude(mention__passport_number="").order_by("-pk")
                .values_list("mention__passport_number", flat=True)[0])
    meeting = (Meeting.objects.visible_to(supervisor)
               .filter(status=Meeting.Status.MINUTES_PUBLISHED).order_by("-starts_at").first())
    return {
        "supervisor": supervisor, "admin": admin, "devices": devices, "visible": total,
        "depth": depth,
        "pages": [
            ("floor: /ping/", "/ping/", "supervisor"),
            ("report list, page 1", reverse("reports:list"), "supervisor"),
            (f"report list, after row {depth}",
             reverse("reports:list") + "?" + urlencode({"after": deep_after}), "supervisor"),
            ("report detail", report.get_absolute_url(), "supervisor"),
            ("people search by passport",
             reverse("people:list") + "?" + urlencode({"q": passport}), "supervisor"),
            ("dashboard", reverse("dashboard"), "supervisor"),
            ("meeting detail", reverse("meetings:detail", args=[meeting.code]), "supervisor"),
            ("admin report list", "/admin/reports/report/", "admin"),
        ],
    }


def count_queries(pages, users, devices) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY

    counts = {}
    clients = {}
    for role, user in users.items():
        clients[role] = Client(HTTP_HOST="127.0.0.1")
        clients[role].force_login(user)
        session = clients[role].session  # verified by the second factor, as after its code step
        session[DEVICE_ID_SESSION_KEY] = devices[role].persistent_id
        session.save()
    for label, path, role in pages:
        clients[role].get(path)  # warm caches as a second visitor would find them
        with CaptureQueriesContext(connection) as queries:
            status = clients[role].get(path).status_code
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        counts[label] = len(queries)
    return counts


def digest(supervisor) -> list[str]:
    """A supervisor's daily digest over DIGEST_REPORTS reports changed in its period, and over the
    part of them changed in its first two hours, to show the query count does not grow with the
    reports."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django.utils.translation import override

    from notifications.digests import sections_for
    from notifications.models import OutboxMessage
    from notifications.outbox import message_enqueue_many
    from reports.models import Report

    end = timezone.now().replace(microsecond=0)
    start = end - timedelta(days=1)
    office = supervisor.profile.agency
    ids = list(Report.objects.filter(office=office).exclude(status=Report.Status.DRAFT)
               .order_by("pk").values_list("pk", flat=True)[:DIGEST_REPORTS])
    with connection.cursor() as cursor:
        # Spread the chosen reports over the period; everything else is moved out of it.
        cursor.execute("UPDATE reports_report SET updated_at = %s WHERE updated_at >= %s",
                       [start - timedelta(days=1), start])
        cursor.execute("UPDATE reports_report SET updated_at = %s + (id %% 86000) * "
                       "interval '1 second' WHERE id = ANY(%s)", [start, ids])
    lines = []
    for window_end in (end, start + timedelta(hours=2)):
        in_window = Report.objects.visible_to(supervisor).filter(
            updated_at__gte=start, updated_at__lt=window_end).count()
        tracemalloc.start()
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            began = time.perf_counter()
            with override(supervisor.profile.language):
                sections = sections_for(supervisor, start, window_end)
            written = message_enqueue_many(
                recipients=[supervisor], kind=OutboxMessage.Kind.DIGEST,
                key=f"bench-digest:{time.time_ns()}",
                context={"start_at": start, "end_at": window_end, "sections": sections})
            seconds = time.perf_counter() - began
            transaction.set_rollback(True)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        items = sum(len(section["items"]) for section in sections)
        lines.append(f"digest over {in_window} reports: {seconds:.2f} s, "
                     f"{len(queries)} queries, peak {peak / 2**20:.1f} MiB, {items} items "
                     f"listed, {written} message written")
    return lines


def main() -> None:
    args = parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: deploy/system-packages.sh bench installs it (as root)")
    database_url = f"{args.postgres}/{args.database}"
    ensure_database(args.postgres, args.database)
    password = "timpora-scale"  # noqa: S105 - seed_scale's published benchmark password
    env = dict(os.environ)
    env.update({
        "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false", "SECURE_HSTS_SECONDS": "0",
        "OTP_REQUIRED": "true", "DATABASE_URL": database_url, "REDIS_URL": args.redis_url,
        "TIMPORA_VAR_DIR": str(ROOT / "var" / "bench"),
    })
    manage(env, "migrate", "--noinput", "-v0")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "timpora.settings"
    import django

    django.setup()
    from django.db import connection

    from reports.models import Report

    if not Report.objects.exists():
        started = time.perf_counter()
        manage({**env, "DEBUG": "true"}, "seed_scale",
               *seed_sizes(args.reports, args.all_regions))
        print(f"seed_scale: {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    manage(env, "collectstatic", "--noinput", "-v0")
    print(f"{Report.objects.count()} reports in {args.database}; PostgreSQL "
          f"{connection.pg_version // 10000}, gunicorn {args.workers} workers x 2 threads, "
          f"wrk {args.connections} connections x {args.duration} s per page, "
          f"{os.cpu_count()} CPUs")
    plan = prepare(password)
    print(f"scale-supervisor-01 sees {plan['visible']} reports")
    queries = count_queries(plan["pages"], {"supervisor": plan["supervisor"],
                                            "admin": plan["admin"]}, plan["devices"])
    connection.close()

    port = args.port or free_port()
    server = start_gunicorn(env, port, args.workers)
    try:
        sessions = {"supervisor": Session(port), "admin": Session(port)}
        sessions["supervisor"].sign_in("scale-supervisor-01", password,
                                       plan["devices"]["supervisor"])
        sessions["admin"].sign_in("scale-admin", password, plan["devices"]["admin"])
        results = {}
        for label, path, role in plan["pages"]:
            url = f"http://127.0.0.1:{port}{path}"
            cookie = sessions[role].cookie_header()
            wrk(url, cookie, connections=args.connections, seconds=2)  # warm-up
            results[label] = wrk(url, cookie, connections=args.connections,
                                 seconds=args.duration)
    finally:
        server.terminate()
        server.wait(timeout=30)
    floor = results["floor: /ping/"]["rps"]
    print(f"\n{'page':38} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'x floor':>8} {'queries':>8}")
    for label, result in results.items():
        print(f"{label[:38]:38} {result['rps']:8.1f} {result['p50'] / 1000:8.1f} "
              f"{result['p95'] / 1000:8.1f} {result['rps'] / floor:8.2f} {queries[label]:8d}")
    print()
    for line in digest(plan["supervisor"]):
        print(line)
    print()
    fanout = subprocess.run(  # noqa: S603 - the sibling benchmark script
        [PYTHON, "bench/reminder_fanout.py", "--members", "500"], cwd=ROOT,
        env={**env, "DEBUG": "true", "REDIS_URL": ""}, capture_output=True, text=True,
        check=True)
    print("reminder fan-out (bench/reminder_fanout.py --members 500):")
    print(fanout.stdout.strip())
    print(f"\nbenchmark database: {urlsplit(database_url).path.lstrip('/')}")


if __name__ == "__main__":
    main()
