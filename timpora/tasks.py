"""Celery tasks: thin adapters that take ids and call services (see timpora/outbox.py and
timpora/notifications.py). Periodic ones are scheduled in django-celery-beat (see migrations)."""

import time

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from timpora import notifications, outbox

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
def send_meeting_reminders() -> int:
    return notifications.reminders_send_due()


@shared_task
def send_digests() -> int:
    return notifications.digests_send_due()


@shared_task
def notify_overdue_actions() -> int:
    return notifications.actions_overdue(today=timezone.localdate())
