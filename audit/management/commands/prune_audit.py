"""Delete audit events older than the retention period: the one path that removes events."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit.models import AuditEvent


class Command(BaseCommand):
    help = "Delete audit events older than --older-than-days (default AUDIT_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, default=None,
                            help="Keep this many days of events (default AUDIT_RETENTION_DAYS).")

    def handle(self, *args, older_than_days=None, **options):
        days = settings.AUDIT_RETENTION_DAYS if older_than_days is None else older_than_days
        if days < 1:
            raise CommandError("--older-than-days must be at least 1.")
        cutoff = timezone.now() - timedelta(days=days)
        deleted = AuditEvent.objects.prune(before=cutoff)
        self.stdout.write(f"Deleted {deleted} audit events older than {days} days.")
