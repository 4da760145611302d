"""Real components for the message tests: an SMTP server (aiosmtpd), a private Redis server and
Celery worker processes, so that faults (a server down, a worker killed) can be caused for real."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailSink:
    """An SMTP server's handler that keeps what it accepted. `refuse` answers every recipient
    with that SMTP reply; `stall` makes RCPT wait, to catch a sender in the middle of a send."""

    def __init__(self):
        self.messages = []
        self.refuse = None
        self.stall = 0.0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.stall:
            time.sleep(self.stall)
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [message["Message-ID"] for message in self.messages]


class SmtpServer:
    def __init__(self):
        self.port = free_port()
        self.sink = MailSink()
        self.controller = None

    def start(self):
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server; the app's e-mail backend points at it."""
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


class RedisServer:
    """A private redis-server process, so a test can stop and start it without disturbing others."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.directory = directory
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


class Worker:
    """A `celery worker` process (with `--beat` optional) on the given broker and database."""

    def __init__(self, env: dict, log: Path, name: str):
        self.env = env
        self.log = log
        self.name = name
        self.process = None

    def start(self):
        self.handle = self.log.open("a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "timpora", "worker", "--pool=threads",
             "--concurrency=2", "--loglevel=INFO", "--without-heartbeat", "--without-mingle",
             "--without-gossip", f"--hostname={self.name}@%h"],
            cwd=ROOT, env=self.env, stdout=self.handle, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self):
        """Kill -9: the worker gets no chance to finish or to give its task back."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None
            self.handle.close()

    def stop(self):
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            self.process = None
            self.handle.close()


def use_broker(app, url: str) -> None:
    """Point this process's Celery app at another broker, dropping pooled connections (Celery's
    close() keeps the producer pool, hence the reset of its cache)."""
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    app.close()
    app.amqp._producer_pool = None


@pytest.fixture
def fault_lab(transactional_db, settings, tmp_path, smtp_server):
    """PostgreSQL (shared with the worker), a private Redis broker and worker processes."""
    require(connection.vendor == "postgresql",
            "worker tests need PostgreSQL (set DATABASE_URL) so the worker sees the test data")
    require(shutil.which("redis-server") is not None, "redis-server is not installed")
    from timpora.celery import app

    redis_server = RedisServer(tmp_path)
    redis_server.start()
    old_broker = app.conf.broker_url
    use_broker(app, redis_server.url)
    settings.CELERY_BROKER_URL = redis_server.url
    db = connection.settings_dict
    env = os.environ.copy() | {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
                        f"/{db['NAME']}",
        "REDIS_URL": redis_server.url,
        "EMAIL_URL": smtp_server.url,
        "DEBUG": "true",
        # Short timings so that faults heal within a test: retry after 1 s, a claim is stale
        # after 3 s.
        "OUTBOX_RETRY_BASE_SECONDS": "1",
        "OUTBOX_STALE_CLAIM_SECONDS": "3",
        "OUTBOX_SWEEP_GRACE_SECONDS": "0",
    }
    settings.OUTBOX_RETRY_BASE_SECONDS = 1
    settings.OUTBOX_STALE_CLAIM_SECONDS = 3
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    workers = []

    class Lab:
        smtp = smtp_server
        redis = redis_server

        def worker(self, name="w1"):
            worker = Worker(env, tmp_path / f"{name}.log", f"{name}-{os.getpid()}")
            worker.start()
            workers.append(worker)
            return worker

        def logs(self):
            return "\n".join(path.read_text() for path in tmp_path.glob("*.log"))

    yield Lab()
    for worker in workers:
        worker.stop()
    redis_server.stop()
    use_broker(app, old_broker)


def wait_for(condition, timeout=60, interval=0.2, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {message}")
