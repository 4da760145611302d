"""Writes of the in-app inbox and the notification settings. Every change of what is unread goes
through here, so that the cached unread count of the menu is forgotten with it."""

from django.db import transaction
from django.utils import timezone

from core.rules import ensure
from notifications import rules
from notifications.models import OutboxMessage
from notifications.outbox import unread_changed


@transaction.atomic
def message_mark_read(*, message: OutboxMessage, user) -> bool:
    """Mark one message read; False when it already was."""
    ensure(rules.can_mark_read(user, message), rules.ONLY_RECIPIENT)
    changed = OutboxMessage.objects.filter(pk=message.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if changed:
        unread_changed([user.pk])
    return bool(changed)


@transaction.atomic
def messages_mark_all_read(*, user) -> int:
    count = OutboxMessage.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    unread_changed([user.pk])
    return count


def preferences_save(*, user, digest_frequency: str, muted_kinds) -> None:
    profile = user.profile
    profile.digest_frequency = digest_frequency
    profile.email_muted_kinds = sorted(muted_kinds)
    profile.full_clean(validate_unique=False)
    profile.save(update_fields=["digest_frequency", "email_muted_kinds"])
