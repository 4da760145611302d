"""Report digests: daily or weekly, each user's own period, built from the sections other apps
register. Writes outbox rows; sends nothing itself.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Profile
from accounts.roles import Role, role_of
from accounts.selectors import active_users
from core.registry import Registry
from notifications.models import OutboxMessage
from notifications.outbox import message_enqueue_many

Kind = OutboxMessage.Kind

# `section(*, user, start, end) -> {"title_key": ..., "items": [...]}` ({} or no items: left out),
# registered by each app from its AppConfig.ready().
digest_sections = Registry("digest sections", signature="section(*, user, start, end) -> dict")


# --- digests -----------------------------------------------------------------------------------

def digest_frequency(user) -> str:
    chosen = user.profile.digest_frequency
    if chosen:
        return chosen
    return (Profile.DigestFrequency.DAILY if role_of(user) == Role.SUPERVISOR
            else Profile.DigestFrequency.WEEKLY)


def period_end(frequency: str, now: datetime) -> datetime | None:
    """The latest digest boundary at or before `now`: 07:00 office time, Mondays for weekly."""
    local = timezone.localtime(now)
    at_seven = datetime.combine(local.date(), time(7), tzinfo=local.tzinfo)
    if frequency == Profile.DigestFrequency.DAILY:
        return at_seven if local >= at_seven else at_seven - timedelta(days=1)
    if frequency == Profile.DigestFrequency.WEEKLY:
        monday = at_seven - timedelta(days=local.weekday())
        return monday if local >= monday else monday - timedelta(days=7)
    return None


def sections_for(user, start: datetime, end: datetime) -> list[dict]:
    """Each section holds only what the user may see, from the apps that registered one."""
    sections = []
    for section_of in digest_sections:
        section = section_of(user=user, start=start, end=end)
        if section and section.get("items"):
            sections.append(section)
    return sections


def digests_send_due(*, now: datetime | None = None) -> int:
    """Write the digests whose period has ended. The period [sent_until, boundary) is claimed with
    a conditional UPDATE, so periods never overlap and a tick run twice writes nothing twice; a
    period missed while workers were down is sent once, when they return."""
    now = now or timezone.now()
    written = 0
    for user in active_users().prefetch_related("groups").filter(profile__isnull=False):
        end = period_end(digest_frequency(user), now)
        if end is None:
            continue
        start = user.profile.digest_sent_until
        if start is not None and start >= end:
            continue
        with transaction.atomic():
            claimed = Profile.objects.filter(
                pk=user.profile.pk, digest_sent_until=start
            ).update(digest_sent_until=end)
            if not claimed or start is None:
                # Another tick took this period, or this is the user's first: digests start now.
                continue
            with translation.override(user.profile.language):
                sections = sections_for(user, start, end)
            if sections:
                written += message_enqueue_many(
                    recipients=[user],
                    kind=Kind.DIGEST,
                    key=f"digest:{end.isoformat()}",
                    context={"start_at": start, "end_at": end, "sections": sections},
                    link=reverse("notifications:list"),
                )
    return written
