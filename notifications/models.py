from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.codes import new_public_code


class OutboxMessage(models.Model):
    """One message to one user: shown in the app, and sent by e-mail unless the user opted out.

    Written in the same transaction as the change that causes it; `key` makes writing idempotent
    and delivery claims the row with a conditional UPDATE (see notifications/outbox.py)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        IN_APP_ONLY = "in_app", _("In the app only")

    class Kind(models.TextChoices):
        REPORT_SUBMITTED = "report_submitted", _("Report submitted")
        REPORT_RETURNED = "report_returned", _("Report returned for revision")
        REPORT_VERIFIED = "report_verified", _("Report verified")
        REPORT_SHARED = "report_shared", _("Report shared with your agency")
        ACTION_ASSIGNED = "action_assigned", _("Follow-up action assigned")
        ACTION_OVERDUE = "action_overdue", _("Follow-up action overdue")
        MINUTES_PUBLISHED = "minutes_published", _("Minutes published")
        MEETING_INVITATION = "meeting_invitation", _("Meeting invitation")
        MEETING_UPDATED = "meeting_updated", _("Meeting rescheduled")
        MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
        MEETING_REMINDER = "meeting_reminder", _("Meeting reminder")
        DIGEST = "digest", _("Report digest")
        PERMIT_WATCH = "permit_watch", _("Stay permit watch")

    code = models.CharField(
        _("code"), max_length=22, unique=True, editable=False, default=new_public_code
    )
    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="outbox_messages",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    context = models.JSONField(_("context"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    attachment_name = models.CharField(_("attachment name"), max_length=120, blank=True)
    attachment_type = models.CharField(_("attachment type"), max_length=120, blank=True)
    attachment_content = models.TextField(_("attachment content"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at"]
        indexes = [
            # The sweep: pending rows due for an attempt, and rows stuck in "sending".
            models.Index(fields=["status", "next_attempt_at"], name="timpora_outbox_due"),
            # /notifications/: a user's newest messages first; the unread count in the menu.
            models.Index(fields=["recipient", "-created_at"], name="timpora_outbox_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="timpora_outbox_unread",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"
