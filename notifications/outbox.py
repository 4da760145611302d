"""The outbox: every message to a user is a row written in the same transaction as its cause.

Writing (`message_enqueue`) happens inside the caller's transaction; a Celery task is asked to
deliver the row only after that transaction commits. Delivery claims the row with a conditional
UPDATE, so two workers (or a worker and the sweep) never send the same row twice; the sweep
re-dispatches rows whose dispatch was lost (broker down at commit) and rows whose worker died.
"""

import hashlib
import logging
import smtplib
from collections.abc import Callable
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from core.caching import forget
from notifications.models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# The menu's unread count is cached per user and forgotten whenever a message to them is written
# or read; the expiry only bounds a count cached by a reader racing such a change.
UNREAD_CACHE_SECONDS = 300


def message_enqueue_many(
    *,
    recipients,
    kind: str,
    key: str,
    context: dict,
    link: str = "",
    attachment: tuple[str, str, str] | Callable[[object], tuple[str, str, str]] | None = None,
) -> int:
    """Write one message per recipient, once: `key` plus the recipient make the idempotency key,
    so calling again for the same event writes nothing. Returns how many rows were written.

    `context` must be JSON-safe (codes, texts; datetimes become ISO strings). Messages are rendered
    at delivery, in each recipient's language. `attachment` is (name, type, content), the same for
    everyone, or a function of the recipient giving it (an invitation naming its invitee). Runs in
    the caller's transaction; delivery is asked for only after it commits.
    """
    users = {user.pk: user for user in recipients if user.is_active}
    if not users:
        return 0
    keys = {f"{key}:{pk}": user for pk, user in users.items()}
    known = set(OutboxMessage.objects.filter(key__in=keys).values_list("key", flat=True))
    safe_context = _json_safe(context)
    rows = []
    for message_key, user in keys.items():
        if message_key in known:
            continue
        name, mimetype, content = (attachment(user) if callable(attachment) else attachment
                                   ) or ("", "", "")
        wants_email = bool(user.email) and kind not in _muted_kinds(user)
        rows.append(OutboxMessage(
            key=message_key, recipient=user, kind=kind, context=safe_context, link=link,
            attachment_name=name, attachment_type=mimetype, attachment_content=content,
            status=(OutboxMessage.Status.PENDING if wants_email
                    else OutboxMessage.Status.IN_APP_ONLY),
        ))
    try:
        with transaction.atomic():
            created = OutboxMessage.objects.bulk_create(rows)
    except IntegrityError:
        # A concurrent writer of the same event won the unique keys: it wrote these messages.
        return 0
    pending = [row.pk for row in created if row.status == OutboxMessage.Status.PENDING]
    transaction.on_commit(lambda: dispatch_many(pending))
    unread_changed({row.recipient_id for row in created})
    return len(created)


def _unread_key(user_id: int) -> str:
    return f"outbox:unread:{user_id}"


def unread_count(user) -> int:
    """How many of the user's messages are unread (the menu's badge on every page)."""
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = OutboxMessage.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


def unread_changed(user_ids) -> None:
    """Forget the cached unread counts of these users: now, for the rest of this transaction, and
    again once it commits, so that a page read meanwhile cannot keep the count from before."""
    forget(*(_unread_key(user_id) for user_id in user_ids))


def dispatch_many(message_ids: list[int]) -> None:
    for message_id in message_ids:
        dispatch(message_id)


def dispatch(message_id: int) -> None:
    """Ask a worker to deliver a row; a broker that is down only delays it until the sweep."""
    from notifications.tasks import deliver_message

    try:
        deliver_message.apply_async((message_id,), retry=False)
    except Exception:  # noqa: BLE001 - the row is safe in the database; the sweep sends it later
        logger.warning("outbox: could not dispatch message %s; the sweep will", message_id)


def message_deliver(message_id: int, *, now: datetime | None = None) -> str:
    """Send one row by e-mail if it can be claimed; returns what happened (for logs and tests)."""
    now = now or timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id, status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
    ).update(status=OutboxMessage.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return "not claimed"
    message = OutboxMessage.objects.select_related("recipient__profile").get(pk=message_id)
    try:
        email_for(message).send()
    except Exception as error:  # noqa: BLE001 - every failure is recorded on the row
        return _record_failure(message, error, now)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def _record_failure(message: OutboxMessage, error: Exception, now: datetime) -> str:
    permanent = is_permanent(error)
    text = f"{type(error).__name__}: {error}"[:1000]
    if permanent or message.attempts >= MAX_ATTEMPTS:
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxMessage.Status.FAILED, last_error=text
        )
        logger.warning("outbox: message %s failed for good: %s", message.pk, text)
        return "failed"
    # Exponential backoff (30 s, 1 min, 2 min, … by default) capped at an hour; the sweep
    # re-dispatches the row when it is due.
    base = settings.OUTBOX_RETRY_BASE_SECONDS
    delay = timedelta(seconds=min(base * 2 ** (message.attempts - 1), 3600))
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.PENDING, last_error=text, next_attempt_at=now + delay
    )
    logger.info("outbox: message %s will be retried in %s: %s", message.pk, delay, text)
    return "retry"


def is_permanent(error: Exception) -> bool:
    """A 5xx answer of the mail server is permanent; everything else may pass on a later try."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    # Connection problems (smtplib's errors are OSErrors too) pass; a rendering bug does not.
    return not isinstance(error, OSError)


def message_retry(*, message: OutboxMessage) -> bool:
    """Put a failed row back in the queue (the admin's retry action)."""
    updated = OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxMessage.Status.FAILED
    ).update(status=OutboxMessage.Status.PENDING, attempts=0, next_attempt_at=timezone.now())
    if updated:
        transaction.on_commit(lambda: dispatch(message.pk))
    return bool(updated)


def outbox_sweep(*, now: datetime | None = None) -> int:
    """Re-dispatch rows whose dispatch was lost or whose worker died; returns how many."""
    now = now or timezone.now()
    # A row claimed longer ago than this belongs to a worker that died mid-send.
    stale = timedelta(seconds=settings.OUTBOX_STALE_CLAIM_SECONDS)
    # Rows younger than this are left to the dispatch that their own commit triggered.
    grace = timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS)
    OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENDING, claimed_at__lt=now - stale
    ).update(status=OutboxMessage.Status.PENDING)
    due = list(
        OutboxMessage.objects.filter(
            status=OutboxMessage.Status.PENDING,
            next_attempt_at__lte=now,
            created_at__lte=now - grace,
        ).values_list("pk", flat=True)[:500]
    )
    dispatch_many(due)
    return len(due)


# --- rendering ---------------------------------------------------------------------------------

def message_id_for(message: OutboxMessage) -> str:
    """The same row always gets the same Message-ID, so a resent copy is recognisably the same."""
    digest = hashlib.sha256(message.key.encode()).hexdigest()[:32]
    return f"<{digest}@{settings.EMAIL_MESSAGE_ID_DOMAIN}>"


def choice_label(instance, field: str) -> dict:
    """A choice to be shown by its label in the reader's language: stored as model, field and
    value, and turned into the label when the message is rendered."""
    meta = instance._meta
    return {"choice": f"{meta.label}.{field}", "value": getattr(instance, field)}


def _label(reference: dict) -> str:
    label, field = reference["choice"].rsplit(".", 1)
    choices = dict(apps.get_model(label)._meta.get_field(field).flatchoices)
    return str(choices.get(reference["value"], reference["value"]))


def render_context(message: OutboxMessage) -> dict:
    context = dict(message.context)
    for name, value in message.context.items():
        if name.endswith("_at") and isinstance(value, str):
            context[name] = parse_datetime(value)
        elif isinstance(value, dict) and "choice" in value:
            context[name] = _label(value)
    context["recipient"] = message.recipient
    context["link_url"] = absolute_url(message.link) if message.link else ""
    context["site_url"] = settings.SITE_URL
    return context


def render_subject(message: OutboxMessage) -> str:
    text = render_to_string(f"emails/{message.kind}-subject.txt", render_context(message))
    return " ".join(text.split())


def email_for(message: OutboxMessage) -> EmailMultiAlternatives:
    profile = getattr(message.recipient, "profile", None)
    language = profile.language if profile else settings.LANGUAGE_CODE
    with translation.override(language):
        context = render_context(message)
        subject = render_subject(message)
        text = render_to_string(f"emails/{message.kind}-body.txt", context)
        html = render_to_string(f"emails/{message.kind}-body.html", context)
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[message.recipient.email],
        headers={"Message-ID": message_id_for(message)},
        connection=get_connection(),
    )
    email.attach_alternative(html, "text/html")
    if message.attachment_name:
        email.attach(message.attachment_name, message.attachment_content, message.attachment_type)
    return email


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _json_safe(context: dict) -> dict:
    return {
        name: value.isoformat() if isinstance(value, datetime) else value
        for name, value in context.items()
    }


def _muted_kinds(user) -> set[str]:
    profile = getattr(user, "profile", None)
    return set(profile.email_muted_kinds) if profile else set()
