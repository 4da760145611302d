import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.cache import cache

from notifications.tasks import heartbeat
from tests.conftest import require
from timpora.celery import app

ROOT = Path(__file__).resolve().parents[2]


def redis_answers(url: str) -> bool:
    try:
        return bool(url) and redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def redis_worker():
    """A real `celery worker` process on the Redis broker of REDIS_URL."""
    require(redis_answers(settings.REDIS_URL), "REDIS_URL is not set or Redis does not answer")
    app.conf.task_always_eager = False
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "timpora", "worker", "--pool=solo",
         "--loglevel=INFO", f"--hostname=test-{uuid.uuid4().hex[:8]}@%h"],
        cwd=ROOT, env=os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        worker.stdout.close()


@pytest.mark.services
def test_a_real_worker_runs_a_task_sent_through_redis(redis_worker):
    assert app.conf.broker_url.startswith("redis://")
    assert app.conf.task_serializer == "json"
    assert app.conf.task_acks_late is True
    assert app.conf.worker_prefetch_multiplier == 1
    token = uuid.uuid4().hex
    heartbeat.delay(token)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and cache.get(f"heartbeat:{token}") is None:
        assert redis_worker.poll() is None, redis_worker.stdout.read()
        time.sleep(0.2)
    assert cache.get(f"heartbeat:{token}") is not None, "the worker did not run the task"
