"""The audit trail: who read, exported, searched or changed what, sign-ins and refusals.

Rows are only ever added. The model refuses to save an existing row or to delete one, its queryset
refuses bulk updates and deletes, and on PostgreSQL a trigger (migration 0002) refuses UPDATE and
DELETE on the table, so the trail cannot be edited through the app. `prune_audit` is the one path
that removes rows, those older than the retention period.

No personal data is stored (docs/security.md, "Controls"): objects are named by their public
code and number, never by a person's name or passport number, and paths are kept without their
query string.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.actions import Action

# The PostgreSQL session setting that the trigger checks before it lets a DELETE through.
PRUNE_GUARD_SETTING = "audit.allow_prune"


class AppendOnlyError(RuntimeError):
    """The audit trail is append-only."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events are removed only by the prune_audit command.")

    def prune(self, *, before) -> int:
        """Delete the events older than `before` (the retention rule); the number deleted.

        On PostgreSQL the trigger's guard is lifted for this one statement: the setting is
        transaction-local and put back before returning, in case a caller's transaction goes on.
        """
        old = self.filter(occurred_at__lt=before)
        connection = connections[old.db]
        if connection.vendor != "postgresql":
            return old._raw_delete(old.db)
        with transaction.atomic(using=old.db), connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', true)", [PRUNE_GUARD_SETTING])
            deleted = old._raw_delete(old.db)
            # Should the DELETE fail, rolling back the savepoint undoes the setting too.
            cursor.execute("SELECT set_config(%s, 'off', true)", [PRUNE_GUARD_SETTING])
            return deleted


class AuditEvent(models.Model):
    Action = Action

    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("actor"),
    )
    # A copy of the username, so the trail still names who acted after the account is deleted;
    # for a failed sign-in, the name that was typed.
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("object type"),
    )
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    object_code = models.CharField(_("object code"), max_length=40, blank=True)
    object_label = models.CharField(
        _("object number"), max_length=40, blank=True,
        help_text=_("A public reference such as a report number; never a name or a passport "
                    "number."),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=255, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            # The page, newest first, and its date filter and the retention rule:
            # "ORDER BY occurred_at DESC, id DESC", "occurred_at >= … AND occurred_at < …".
            models.Index(fields=["occurred_at", "id"], name="audit_occurred"),
            # Actor filter: "actor_username = … ORDER BY occurred_at DESC".
            models.Index(fields=["actor_username", "occurred_at"], name="audit_actor"),
            # Action filter: "action = … ORDER BY occurred_at DESC".
            models.Index(fields=["action", "occurred_at"], name="audit_action"),
            # Object filter: "object_code = … OR object_label = …" (a code or a report number).
            models.Index(fields=["object_code"], name="audit_object_code"),
            models.Index(fields=["object_label"], name="audit_object_label"),
        ]

    def __str__(self):
        reference = self.object_label or self.object_code
        who = self.actor_username or "-"
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {who} {self.action} {reference}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are removed only by the prune_audit command.")
