from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.models import OutboxMessage
from notifications.outbox import message_retry


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only view of the outbox; failed messages can be put back in the queue."""

    list_display = ["created_at", "kind", "recipient", "status", "attempts", "sent_at", "read_at"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient__username", "recipient__email", "key"]
    list_select_related = ["recipient"]
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]
    actions = ["retry_failed"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected failed messages again"))
    def retry_failed(self, request, queryset):
        retried = sum(message_retry(message=message)
                      for message in queryset.filter(status=OutboxMessage.Status.FAILED))
        self.message_user(
            request,
            ngettext("%(count)d message queued again.", "%(count)d messages queued again.",
                     retried) % {"count": retried},
            messages.SUCCESS,
        )
