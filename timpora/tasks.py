import time

from celery import shared_task
from django.core.cache import cache

HEARTBEAT_TTL = 600


@shared_task
def heartbeat(token: str) -> None:
    """Record that a worker ran a task: the proof, for operators and tests, that workers work."""
    cache.set(f"heartbeat:{token}", time.time(), HEARTBEAT_TTL)
