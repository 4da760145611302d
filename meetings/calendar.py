"""Meetings as iCalendar (RFC 5545) for calendar apps: one meeting, or a personal feed, and the
invitation attached to an e-mail (iTIP, RFC 5546: METHOD, ORGANIZER and the invitee as ATTENDEE,
so that mail programs offer to accept or decline)."""

from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//TIMPORA//Meetings//ID"
REQUEST, CANCEL = "REQUEST", "CANCEL"


def meeting_uid(meeting) -> str:
    # Stable across edits and reschedules: calendar apps replace the event, never duplicate it.
    return f"meeting-{meeting.code}@timpora"


def organizer(meeting) -> vCalAddress:
    """The office's sender address (DEFAULT_FROM_EMAIL), named after the meeting's team."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    person = vCalAddress(f"mailto:{address}")
    person.params["cn"] = vText(str(meeting.team))
    return person


def attendee(user, *, method: str) -> vCalAddress:
    person = vCalAddress(f"mailto:{user.email}")
    person.params["cn"] = vText(user.get_full_name() or user.get_username())
    person.params["role"] = vText("REQ-PARTICIPANT")
    person.params["cutype"] = vText("INDIVIDUAL")
    if method == REQUEST:
        person.params["partstat"] = vText("NEEDS-ACTION")
        person.params["rsvp"] = vText("TRUE")
    return person


def _event(meeting, base_url: str, *, method: str | None = None, invitee=None) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", meeting.updated_at)
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", timezone.localtime(meeting.starts_at))
    event.add("dtend", timezone.localtime(meeting.ends_at))
    event.add("summary", meeting.title)
    location = meeting.venue
    if meeting.village_id:
        location = f"{location}, {meeting.village.name}"
    event.add("location", location)
    event.add("description", f"{meeting.team} — {meeting.get_kind_display()}")
    # Raised by every change of a scheduled meeting (meetings.services), so the newest wins.
    event.add("sequence", meeting.sequence)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("url", base_url + reverse("meetings:detail", args=[meeting.code]))
    if method:
        event.add("organizer", organizer(meeting))
        if invitee is not None and invitee.email:
            event.add("attendee", attendee(invitee, method=method))
    return event


def meetings_calendar(meetings, *, base_url: str, name: str) -> bytes:
    """A calendar to download or subscribe to (no METHOD: it is published, not an invitation)."""
    calendar = _calendar(name)
    for meeting in meetings:
        calendar.add_component(_event(meeting, base_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def invitation_method(meeting) -> str:
    return CANCEL if meeting.is_cancelled else REQUEST


def meeting_invitation(meeting, *, base_url: str, invitee) -> bytes:
    """The file attached to the invitation, change or cancellation e-mail to one invitee."""
    method = invitation_method(meeting)
    calendar = _calendar(meeting.title)
    calendar.add("method", method)
    calendar.add_component(_event(meeting, base_url, method=method, invitee=invitee))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar
