"""A small office world for the dashboard, map and search: reports in every state that matters,
people with stay permits, meetings, actions and a Desa Binaan, each visible to some roles only."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import timezone

from meetings.models import Meeting
from reports import services
from reports.models import Report
from tests.meetings.factories import FollowUpActionFactory, MeetingFactory, TeamFactory, at
from tests.reports.factories import PersonFactory, name_person, report_in, village
from tests.villages.factories import DesaBinaanFactory, OutreachEventFactory, VillageFactory


@pytest.fixture
def english(client):
    """Pages in English, so that assertions read like the code's own strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def world(officer, other_officer, supervisor, polres_member, outsider, police):
    today = timezone.localdate()
    jambean = village()
    own_draft = report_in(Report.Status.DRAFT, author=officer, title="Officer own draft")
    others_draft = report_in(Report.Status.DRAFT, author=other_officer,
                             title="Colleague secret draft", latitude=-7.7, longitude=112.1)
    returned = report_in(Report.Status.RETURNED, author=officer, supervisor=supervisor,
                         title="Returned for the address", village=jambean)
    submitted = report_in(Report.Status.SUBMITTED, author=other_officer,
                          title="Awaiting review at the market", village=jambean,
                          category=Report.Category.ILLEGAL_WORK,
                          latitude=-7.83, longitude=112.09)
    Report.objects.filter(pk=submitted.pk).update(assigned_to=officer)
    shared = report_in(Report.Status.VERIFIED, author=other_officer, supervisor=supervisor,
                       title="Shared with Polres", latitude=-7.81, longitude=112.01)
    services.report_share(report=shared, user=supervisor, sharing=Report.Sharing.AGENCIES,
                          agencies=[police])
    office_only = report_in(Report.Status.VERIFIED, author=other_officer, supervisor=supervisor,
                            title="Office only finding", latitude=-7.85, longitude=112.05)
    expiring = name_person(submitted, PersonFactory(
        full_name="EXPIRING WNA", passport_number="EX1234567",
        permit_expires_on=today + dt.timedelta(days=10)))
    name_person(shared, PersonFactory(full_name="SHARED WNA", passport_number="SH7654321",
                                      nationality="MY"))
    later = name_person(returned, PersonFactory(
        full_name="LATER WNA", permit_expires_on=today + dt.timedelta(days=60)))
    # Written in a colleague's draft: a mention held back from the register.
    others_draft = services.report_update(
        report=others_draft, user=other_officer, fields={}, people=[
            {"full_name": "HIDDEN WNA", "nationality": "CN", "passport_number": "HD1111111",
             "permit_expires_on": today + dt.timedelta(days=5), "role": "subject"}])


    team = TeamFactory()
    invited = MeetingFactory(team=team, title="Rapat TIMPORA with Polres", invited=[police])
    draft_meeting = MeetingFactory(team=team, title="Rapat still in draft",
                                   status=Meeting.Status.DRAFT, starts_at=at(3, 9))
    past = MeetingFactory(team=team, title="Rapat Jambean June",
                          status=Meeting.Status.MINUTES_PUBLISHED,
                          starts_at=at(-30, 9), invited=[police])
    overdue = FollowUpActionFactory(meeting=past, agency=police,
                                    description="Check the boarding houses in Kras",
                                    due_date=today - dt.timedelta(days=3))
    done_later = FollowUpActionFactory(meeting=past, agency=police,
                                       description="Report the workers' permits",
                                       due_date=today + dt.timedelta(days=20))

    desa = DesaBinaanFactory(region=VillageFactory(code="35.06.03.2017", name="Bleber"),
                             latitude="-7.8342", longitude="112.0931")
    DesaBinaanFactory(region=VillageFactory(code="35.06.03.2018", name="Nowhere on map"))
    OutreachEventFactory(desa_binaan=desa, date=today, topic="Safe migration this quarter",
                         participants_men=7, participants_women=9)
    OutreachEventFactory(desa_binaan=desa, date=today - dt.timedelta(days=400),
                         topic="Outreach long ago")
    return SimpleNamespace(**locals())
