"""Celery tasks of the register: thin adapters over its services, scheduled in
django-celery-beat (see the migrations)."""

from celery import shared_task
from django.utils import timezone

from people import watch


@shared_task
def watch_notify() -> int:
    return watch.watch_notify(today=timezone.localdate())
