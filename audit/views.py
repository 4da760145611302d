"""The audit page, its CSV export and the change history: for supervisors and administrators.

Everyone else gets 404, as for the office's other staff-only pages: the page's existence is not
announced. Nothing here writes to the trail except the export, which is itself recorded.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.roles import is_supervisor
from audit import exported, hooks, selectors
from audit.forms import ChangeFilterForm, EventFilterForm
from core.exports import download
from core.pagination import keyset_page, query_without_cursor

PAGE_SIZE = 50
EXPORT_LIMIT = 10_000


def may_read(user) -> bool:
    """Supervisors, superusers, and staff given the permission."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (user.is_superuser or is_supervisor(user)
            or (user.is_staff and user.has_perm("audit.view_auditevent")))


def _require_reader(user) -> None:
    if not may_read(user):
        raise Http404


def _scope(user):
    """All events for superusers and staff given the permission; for a supervisor, the part
    union of the scopes other apps register in audit.hooks.event_scopes."""
    if user.is_superuser or (user.is_staff and user.has_perm("audit.view_auditevent")):
        return None
    scope = Q(pk__in=[])
    for part in hooks.event_scopes:
        scope |= part(user)
    return scope


def _filters(request):
    form = EventFilterForm(request.GET or None)
    form.is_valid()
    # An invalid filter is shown with its message and ignored; the valid ones still apply.
    return form, getattr(form, "cleaned_data", {})


@require_GET
def event_list(request):
    _require_reader(request.user)
    form, filters = _filters(request)
    events = selectors.event_list(filters, scope=_scope(request.user))
    # The page shows no total: a count of the trail is not worth its query.
    page = keyset_page(events, order=selectors.EVENT_ORDER, cursor=request.GET.get("after"),
                       size=PAGE_SIZE, counted=False)
    return render(request, "audit/events.html", {
        "form": form, "page": page, "query": query_without_cursor(request),
    })


def _event_rows(events):
    for event in events[:EXPORT_LIMIT]:
        yield (
            timezone.localtime(event.occurred_at).strftime("%Y-%m-%d %H:%M:%S"),
            event.actor_username, event.get_action_display(),
            event.content_type.name if event.content_type else "",
            event.object_label, event.object_code, event.ip_address or "", event.path,
            ", ".join(f"{key}={value}" for key, value in sorted(event.detail.items())),
        )


@require_GET
@exported("audit.AuditEvent")
def event_export(request, fmt: str):
    _require_reader(request.user)
    _form, filters = _filters(request)
    header = [_("Time"), _("User"), _("Event"), _("Object type"), _("Number"), _("Code"),
              _("IP address"), _("Path"), _("Detail")]
    events = selectors.event_list(filters, scope=_scope(request.user))
    return download(fmt, name="audit", header=header, rows=_event_rows(events),
                    sheet_title=_("Audit log"))


@require_GET
def change_list(request):
    _require_reader(request.user)
    form = ChangeFilterForm(request.GET or None)
    cleaned = form.cleaned_data if form.is_bound and form.is_valid() else {}
    label = cleaned.get("kind") or hooks.history_models.labels()[0].lower()
    page, changes = selectors.change_page(
        user=request.user, label=label, target=cleaned.get("target", ""),
        page_number=request.GET.get("page"), size=PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/changes.html", {
        "form": form, "page": page, "changes": changes, "query_string": query.urlencode(),
    })
