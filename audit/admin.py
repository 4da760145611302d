from django.contrib import admin

import audit
from audit.models import AuditEvent


class AuditedAdminMixin:
    """For the admin pages of a model the audit log watches: opening an object is a read and a
    search of its list is a search (with its number of results, never the text), as on the app's
    own pages. Both are taken from the page's context, so they cost the one INSERT."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        shown = (getattr(response, "context_data", None) or {}).get("original")
        if request.method == "GET" and response.status_code == 200 and shown is not None:
            audit.record(request, audit.Action.READ, shown)
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None and changelist.query:
            audit.record(request, audit.Action.SEARCH, model=self.model,
                         results=changelist.result_count)
        return response


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
