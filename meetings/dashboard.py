"""The meetings' panels of the dashboard (registered in core.registry.dashboard_panels):
callables `(request) -> HTML`, "" when a panel is not for the user."""

from django.template.loader import render_to_string
from django.utils import timezone

from accounts.roles import Role, role_of
from meetings.models import FollowUpAction, Meeting

LIST_LENGTH = 5


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
