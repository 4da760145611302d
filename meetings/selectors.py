"""Reads of the meetings part: what a page shows, always through the models' `visible_to`."""

from dataclasses import dataclass
from datetime import timedelta

import lokal.holidays
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from accounts.models import Agency
from meetings.models import ActionUpdate, FollowUpAction, Meeting, Minutes, Team


@dataclass(frozen=True)
class MeetingFilters:
    team: Team | None = None
    status: str = ""
    agency: Agency | None = None
    when: str = "upcoming"  # "upcoming" or "past"


def meeting_list(*, user, filters: MeetingFilters, now=None):
    """The meetings a user may see, filtered; upcoming ones soonest first, past ones latest."""
    now = now or timezone.now()
    meetings = Meeting.objects.visible_to(user).select_related("team", "village")
    if filters.team is not None:
        meetings = meetings.filter(team=filters.team)
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    if filters.agency is not None:
        meetings = meetings.filter(invited_agencies=filters.agency)
    meetings = meetings.past(now) if filters.when == "past" else meetings.upcoming(now)
    return meetings.annotate(
        open_actions=Count("actions", filter=Q(actions__status__in=["open", "in_progress"]))
    )


def meeting_detail(*, user, code: str) -> Meeting:
    """The meeting with what its page shows; raises Meeting.DoesNotExist when not visible."""
    return (
        Meeting.objects.visible_to(user)
        .select_related("team__area", "team__chair_agency", "village", "chair", "minute_taker",
                        "created_by")
        .prefetch_related("invited_agencies", "agenda_items", "reschedules__rescheduled_by")
        .get(code=code)
    )


def meeting_minutes(meeting: Meeting) -> Minutes | None:
    """The minutes of a meeting, or None; the caller has asked rules.can_read_minutes."""
    return (
        Minutes.objects.filter(meeting=meeting)
        .select_related("published_by", "updated_by")
        .prefetch_related("revisions__revised_by")
        .first()
    )


def meeting_attendees(meeting: Meeting):
    return meeting.attendees.select_related("agency").order_by("agency__name", "name")


def actions_with_updates(actions):
    return actions.select_related("agency", "meeting").prefetch_related(
        Prefetch("updates", queryset=ActionUpdate.objects.select_related("author"))
    )


def meeting_actions(*, user, meeting: Meeting):
    return actions_with_updates(
        FollowUpAction.objects.visible_to(user).filter(meeting=meeting)
    )


# The meeting page shows at most this many open actions of earlier meetings (a team that has met
# for years has hundreds); each earlier meeting's page lists all of its own. The page's template
# (meetings/detail.html) repeats the number.
CARRIED_OVER_LIMIT = 20


def carried_over_actions(*, user, meeting: Meeting):
    """Tindak lanjut: the still-open actions of the team's earlier meetings, the earliest due
    first; CARRIED_OVER_LIMIT of them and one more, which tells the page that there are more."""
    return actions_with_updates(
        FollowUpAction.objects.visible_to(user)
        .still_open()
        .filter(meeting__team_id=meeting.team_id, meeting__starts_at__lt=meeting.starts_at)
        .exclude(meeting=meeting)
        .order_by("due_date", "pk")
    )[:CARRIED_OVER_LIMIT + 1]


def agency_actions(*, user, agency_id: int):
    """The actions assigned to an agency, open ones first, as far as the user may see them."""
    return (
        FollowUpAction.objects.visible_to(user)
        .filter(agency_id=agency_id)
        .select_related("meeting", "agency")
        .order_by("status", "due_date", "pk")
    )


def holidays_on(day) -> list[str]:
    """Names of the Indonesian public holidays and collective leave days on a date (the lokal
    package knows the years the government has decreed; other years give no warning)."""
    if day.year not in lokal.holidays.HOLIDAY_YEARS:
        return []
    return [holiday.name for holiday in lokal.holidays.holidays_on(day)]


def meeting_holidays(meeting: Meeting) -> list[str]:
    return holidays_on(timezone.localtime(meeting.starts_at).date())


def calendar_meetings(*, user):
    """The meetings of a personal calendar feed: visible, not drafts, from a year back."""
    since = timezone.now() - timedelta(days=365)
    return (
        Meeting.objects.visible_to(user)
        .exclude(status=Meeting.Status.DRAFT)
        .filter(ends_at__gte=since)
        .select_related("team", "village")
        .order_by("starts_at")
    )
