"""The daily clean-up of the audit trail, scheduled by a migration (editable in the admin)."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from audit.models import AuditEvent


@shared_task
def prune_audit_events() -> int:
    """Delete the events older than AUDIT_RETENTION_DAYS; `manage.py prune_audit` does the same
    on demand."""
    before = timezone.now() - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    return AuditEvent.objects.prune(before=before)
