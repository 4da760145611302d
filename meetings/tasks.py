"""Celery tasks of the meetings: thin adapters over meetings/notify.py, scheduled in
django-celery-beat (see the migrations)."""

from celery import shared_task
from django.utils import timezone

from meetings import notify


@shared_task
def send_meeting_reminders() -> int:
    return notify.reminders_send_due()


@shared_task
def notify_overdue_actions() -> int:
    return notify.actions_overdue(today=timezone.localdate())
