"""The dashboard at /: the meetings' own panels, and the panels other apps contribute through
settings.DASHBOARD_PANELS (dotted paths to callables `(request) -> HTML`, "" when a panel is not
for the user). The project lists the panels in settings because timpora may not import reports."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import conditional_escape, format_html_join
from django.utils.module_loading import import_string

from timpora.models import FollowUpAction, Meeting
from timpora.roles import Role, role_of

LIST_LENGTH = 5


def dashboard_panels(request):
    """The panels in their configured order; a plain string is escaped, so a panel returns safe
    HTML (e.g. from render_to_string) to show markup. Panels render their templates without the
    request, so that the context processors (the menu's unread count) run once per page."""
    rendered = (import_string(path)(request) for path in settings.DASHBOARD_PANELS)
    return format_html_join("\n", "{}", ((conditional_escape(html),) for html in rendered if html))


def upcoming_meetings(user, now=None):
    now = now or timezone.now()
    return (Meeting.objects.visible_to(user).upcoming(now)
            .exclude(status=Meeting.Status.CANCELLED).select_related("team", "village"))


def meetings_panel(request) -> str:
    if role_of(request.user) is None:
        return ""
    meetings = upcoming_meetings(request.user)
    return render_to_string("dashboard/meetings.html", {
        "meetings": meetings[:LIST_LENGTH], "total": meetings.count(),
    })


def dashboard_actions(user, today=None):
    """Office staff: the overdue actions of their meetings. Agency members: their agency's open
    actions, the overdue ones first."""
    today = today or timezone.localdate()
    actions = FollowUpAction.objects.visible_to(user).select_related("agency", "meeting")
    if role_of(user) == Role.AGENCY_MEMBER:
        return actions.still_open().filter(agency_id=user.profile.agency_id).order_by(
            "due_date", "pk")
    return actions.overdue(today).order_by("due_date", "pk")


def actions_panel(request) -> str:
    role = role_of(request.user)
    if role is None:
        return ""
    actions = dashboard_actions(request.user)
    return render_to_string("dashboard/actions.html", {
        "actions": actions[:LIST_LENGTH], "total": actions.count(),
        "for_agency": role == Role.AGENCY_MEMBER, "today": timezone.localdate(),
    })
