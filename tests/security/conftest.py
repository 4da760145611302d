"""The world the security tests attack: one object of each kind, seen from every role."""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Agency
from meetings import services as meeting_services
from meetings.models import Meeting, Team
from notifications.models import OutboxMessage
from people import services as register
from people.models import Permit
from reports import services as report_services
from reports.models import Attachment, Report

# The browser fixtures, for the browser test of hostile input.
from tests.e2e.conftest import page  # noqa: F401
from tests.meetings.factories import (
    FollowUpActionFactory,
    MeetingFactory,
    MinutesFactory,
    TeamFactory,
    add_members,
    at,
    kediri_regions,
)
from tests.reports.factories import PersonFactory, name_person, png_bytes, report_in
from tests.villages.factories import DesaBinaanFactory
from villages import services as village_services
from villages.models import OutreachAttachment

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Figures the suite prints at its end (pytest_terminal_summary below).
TALLY: dict[str, int] = {}


def count(name: str, amount: int = 1) -> None:
    TALLY[name] = TALLY.get(name, 0) + amount


def pytest_terminal_summary(terminalreporter):
    if not TALLY:
        return
    terminalreporter.section("security figures")
    for name, value in sorted(TALLY.items()):
        terminalreporter.write_line(f"{name}: {value}")


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    # What each role must never find in any answer: titles, names and passport numbers of what
    # it may not read (agency members see passport numbers masked only).
    secrets: dict = field(default_factory=dict)
    calendar_token: str = ""


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(office, police, manpower, officer, other_officer, supervisor, polres_member, outsider,
          admin_user):
    """Reports, people, files, a village, meetings, minutes, an action, a notification and a
    calendar token; Polres is the agency things are shared with, Disnaker the one left out."""
    regions = kediri_regions()
    w = World(users={
        "anonymous": None, "officer": officer, "other_officer": other_officer,
        "supervisor": supervisor, "polres": polres_member, "disnaker": outsider,
        "admin": admin_user,
    })
    o = w.objects

    draft = report_in(Report.Status.DRAFT, author=officer, title="Rahasia DRAFT-7731")
    # Written in a draft: a mention held back from the register until the report is submitted.
    draft = report_services.report_update(report=draft, user=officer, fields={}, people=[
        {"full_name": "ALPHA DRAFTPERSON", "nationality": "CN", "passport_number": "X1234567D",
         "role": "subject"}])
    o["draft_mention"] = draft.people_links.get().mention
    report_services.attachment_add(
        report=draft, user=officer,
        upload=SimpleUploadedFile("draft.png", png_bytes(), content_type="image/png"))
    o["draft_attachment"] = Attachment.objects.get(report=draft)
    o["draft"] = draft

    shared = report_in(Report.Status.DRAFT, author=officer, title="Dibagikan SHARED-7732")
    o["shared_person"] = name_person(shared, person("BRAVO SHAREDPERSON", "X1234567S"))
    o["shared_mention"] = shared.people_links.get().mention
    report_services.attachment_add(
        report=shared, user=officer,
        upload=SimpleUploadedFile("shared.png", png_bytes(), content_type="image/png"))
    o["shared_attachment"] = Attachment.objects.get(report=shared)
    shared = report_services.report_submit(report=shared, user=officer)
    shared = report_services.report_verify(report=shared, user=supervisor)
    o["shared"] = report_services.report_share(report=shared, user=supervisor,
                                               sharing=Report.Sharing.AGENCIES,
                                               agencies=[police])

    submitted = report_in(Report.Status.SUBMITTED, author=officer, title="Terkirim SUBMITTED-7733")
    o["submitted_person"] = name_person(submitted, person("CHARLIE SUBMITTEDPERSON", "X1234567U"))
    o["submitted_mention"] = submitted.people_links.get().mention
    o["submitted"] = submitted
    o["proposed_permit"] = Permit.objects.create(person=o["submitted_person"], kind="itas",
                                                 number="PROPOSED-7734", state="proposed")
    o["merge"] = register.person_merge(
        user=officer, survivor=o["submitted_person"],
        merged=person("CHARLIE SUBMITTEDPERSON TWIN", "X1234567T"), choices={})

    desa = DesaBinaanFactory(region=regions["village"])
    o["desa"] = desa
    event = village_services.outreach_record(
        desa_binaan=desa, recorded_by=officer, date=dt.date(2024, 6, 20),
        kind="safe_migration", topic="Migrasi aman",
        files=[SimpleUploadedFile("hadir.pdf", PDF_BYTES, content_type="application/pdf")],
    )
    o["outreach_attachment"] = OutreachAttachment.objects.get(event=event)

    team = TeamFactory(chair_agency=office, area=regions["regency"])
    add_members(team, police)
    o["meeting_invited"] = MeetingFactory(team=team, created_by=officer, invited=[police],
                                          title="Rapat INVITED-7741")
    # A team Polres does not belong to, meeting without inviting it.
    district_team = TeamFactory(name="TIMPORA Kecamatan Kras", level=Team.Level.DISTRICT,
                                chair_agency=office, area=regions["district"])
    o["meeting_private"] = MeetingFactory(team=district_team, created_by=officer, invited=[],
                                          title="Rapat PRIVATE-7742")
    published = MeetingFactory(team=team, created_by=officer, invited=[police],
                               status=Meeting.Status.MINUTES_PUBLISHED, starts_at=at(-7),
                               title="Rapat PUBLISHED-7743")
    MinutesFactory(meeting=published, published_by=supervisor, published_at=published.starts_at)
    o["meeting_published"] = published
    o["action_polres"] = FollowUpActionFactory(meeting=published, agency=police)

    o["notification"] = OutboxMessage.objects.filter(recipient=polres_member).first()
    assert o["notification"] is not None, "sharing the report notifies Polres"
    w.calendar_token = meeting_services.calendar_token_issue(user=officer)

    draft_secrets = ["DRAFT-7731", "ALPHA DRAFTPERSON", "X1234567D"]
    passports = ["X1234567D", "X1234567S", "X1234567U", "X1234567T"]
    w.secrets = {
        "other_officer": draft_secrets,
        "supervisor": draft_secrets,
        "polres": [*draft_secrets, *passports, "SUBMITTED-7733", "CHARLIE SUBMITTEDPERSON",
                   "PRIVATE-7742", "PROPOSED-7734", o["shared_person"].code,
                   o["submitted_person"].code],
        "disnaker": [*draft_secrets, *passports, "SUBMITTED-7733", "CHARLIE SUBMITTEDPERSON",
                     "SHARED-7732", "BRAVO SHAREDPERSON", "PRIVATE-7742", "INVITED-7741",
                     "PUBLISHED-7743", "PROPOSED-7734"],
        "anonymous": [*draft_secrets, *passports, "SHARED-7732", "SUBMITTED-7733",
                      "PRIVATE-7742", "INVITED-7741", "PUBLISHED-7743"],
    }
    return w


def person(full_name: str, passport: str):
    return PersonFactory(full_name=full_name, passport_number=passport,
                         office=Agency.objects.get(kind=Agency.Kind.IMMIGRATION_OFFICE))
