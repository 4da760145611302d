"""Meetings as iCalendar (RFC 5545) for calendar apps: one meeting, or a personal feed."""

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//TIMPORA//Meetings//ID"


def meeting_uid(meeting) -> str:
    # Stable across edits and reschedules: calendar apps replace the event, never duplicate it.
    return f"meeting-{meeting.code}@timpora"


def _event(meeting, base_url: str) -> Event:
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
    event.add("sequence", meeting.sequence)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("url", base_url + reverse("meetings:detail", args=[meeting.code]))
    return event


def meetings_calendar(meetings, *, base_url: str, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(_event(meeting, base_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()
