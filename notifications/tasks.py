"""Celery tasks of the outbox and the digests: thin adapters that take ids and call services
(notifications/outbox.py, notifications/digests.py). Periodic ones are scheduled in
django-celery-beat (see the migrations)."""

import time

from celery import shared_task
from django.core.cache import cache

from notifications import digests, outbox

HEARTBEAT_TTL = 600


@shared_task
def heartbeat(token: str) -> None:
    """Record that a worker ran a task: the proof, for operators and tests, that workers work."""
    cache.set(f"heartbeat:{token}", time.time(), HEARTBEAT_TTL)


@shared_task
def deliver_message(message_id: int) -> str:
    return outbox.message_deliver(message_id)


@shared_task
def sweep_outbox() -> int:
    return outbox.outbox_sweep()


@shared_task
def send_digests() -> int:
    return digests.digests_send_due()
