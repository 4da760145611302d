from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only, nobody adds, changes or deletes events here."""

    list_display = ("occurred_at", "actor_username", "action", "content_type", "object_label",
                    "object_code", "ip_address", "path")
    list_filter = ("action",)
    search_fields = ("=actor_username", "=object_code", "=object_label")
    list_select_related = ("content_type",)
    readonly_fields = [field.name for field in AuditEvent._meta.fields]
    actions = None
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
