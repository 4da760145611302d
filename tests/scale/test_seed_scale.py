"""seed_scale: refuses production, fills an empty database consistently, numbers continue."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Agency
from accounts.roles import Role, role_of
from meetings.models import Meeting
from portal.scale import SCALE_PASSWORD
from reports import services
from reports.models import Report, ReportNumberCounter, ReportPerson, StatusEvent
from tests.scale.conftest import SMALL


def test_refuses_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_scale", reports=10)
    assert not Report.objects.exists()


def test_refuses_a_database_that_has_reports(small_scale, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="empty"):
        call_command("seed_scale", reports=10)


def test_the_command_seeds_the_sizes_asked(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_scale", reports=40, people=20, meetings=4, desa_binaan=3, agencies=5,
                 users=10, offices=2, regions=["35.06.03"])
    assert Report.objects.count() == 40
    assert Meeting.objects.count() == 4
    assert Agency.objects.filter(kind=Agency.Kind.IMMIGRATION_OFFICE).count() == 2
    assert "reports: 40" in capsys.readouterr().out


def test_numbers_are_unique_per_office_and_year_and_counters_match(small_scale):
    numbered = list(Report.objects.exclude(number="").values_list("office_id", "number"))
    assert len(numbered) == len(set(numbered))
    assert not Report.objects.filter(status=Report.Status.DRAFT).exclude(number="").exists()
    assert not Report.objects.exclude(status=Report.Status.DRAFT).filter(number="").exists()
    per_year = Counter((office, number.split("/")[1]) for office, number in numbered)
    counters = {(c.office_id, str(c.year)): c.last_number
                for c in ReportNumberCounter.objects.all()}
    assert counters == dict(per_year)
    for (office, year), last in counters.items():
        assert Report.objects.filter(office_id=office, number=f"LI/{year}/{last:06d}").exists()


def test_every_report_has_people_and_its_timeline(small_scale):
    assert small_scale.counts["reports"] == SMALL["reports"]
    assert not Report.objects.exclude(pk__in=ReportPerson.objects.values("report")).exists()
    for report in Report.objects.exclude(status=Report.Status.DRAFT)[:30]:
        steps = list(StatusEvent.objects.filter(report=report).order_by("at", "pk")
                     .values_list("to_status", flat=True))
        assert steps[0] == Report.Status.SUBMITTED
        assert steps[-1] == report.status
        assert report.submitted_at is not None


def test_a_report_submitted_afterwards_continues_the_numbering(small_scale, client):
    draft = Report.objects.filter(status=Report.Status.DRAFT).select_related("author").first()
    assert role_of(draft.author) == Role.OFFICER
    assert client.login(username=draft.author.username, password=SCALE_PASSWORD)
    counter = ReportNumberCounter.objects.filter(office=draft.office).order_by("-year").first()
    services.report_submit(report=draft, user=draft.author)
    draft.refresh_from_db()
    year, number = draft.number.split("/")[1:]
    if int(year) == counter.year:
        assert int(number) == counter.last_number + 1
    else:  # the seed gave no number yet this year
        assert int(number) == 1
