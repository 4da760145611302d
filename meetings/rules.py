"""Who may do what to a meeting, its minutes and its follow-up actions: the role checks in one
place, enforced by meetings/services.py (through core.rules.ensure) and asked by the views and
templates only to decide which buttons to show. Reading is decided by `visible_to` alone."""

from django.utils.translation import gettext_lazy as _

from accounts.roles import is_office_staff, is_supervisor
from meetings.models import FollowUpAction, Meeting

ONLY_OFFICE = _("Only the office's staff may do this.")
ONLY_SUPERVISOR_PUBLISHES = _("Only a supervisor may publish minutes.")
ONLY_SUPERVISOR_CORRECTS = _("Only a supervisor may correct published minutes.")
ONLY_RESPONSIBLE_AGENCY = _("Only the responsible agency may update this action.")


def can_manage(user) -> bool:
    """Office staff create and run meetings: schedule, agenda, attendance, minutes, actions."""
    return is_office_staff(user)


def can_publish_minutes(user) -> bool:
    return is_supervisor(user)


can_correct_minutes = can_publish_minutes


def can_update_action(user, action: FollowUpAction) -> bool:
    """Office staff, and members of the responsible agency, report progress on an action."""
    if is_office_staff(user) or user.is_superuser:
        return True
    profile = getattr(user, "profile", None)
    return profile is not None and profile.agency_id == action.agency_id


def can_read_minutes(user, meeting: Meeting) -> bool:
    """The minutes rule is `Meeting.objects.minutes_visible_to` (office staff always, invited
    agencies once published); this asks it for one meeting."""
    return Meeting.objects.minutes_visible_to(user).filter(pk=meeting.pk).exists()
