"""Report numbers: LI/<year>/<6 digits>, unique per office and year under concurrent submission."""

import threading

import pytest
from django.db import IntegrityError, connection, connections
from django.utils import timezone

from accounts.roles import Role
from reports import services
from reports.models import Report, report_number
from tests.conftest import require
from tests.factories import ImmigrationOfficeFactory, make_user
from tests.reports.factories import ReportFactory


def test_the_number_format_pads_the_sequence_to_six_digits():
    assert report_number(2026, 7) == "LI/2026/000007"
    assert report_number(2026, 1234567) == "LI/2026/1234567"


@pytest.mark.django_db
def test_numbers_count_per_office_and_year(officer):
    elsewhere = ImmigrationOfficeFactory(name="Kantor Imigrasi Blitar", short_name="Kanim Blitar")
    blitar = make_user("blitar", Role.OFFICER, elsewhere)
    year = timezone.localdate().year
    numbers = [services.report_submit(report=ReportFactory(author=user), user=user).number
               for user in (officer, officer, blitar)]
    assert numbers == [f"LI/{year}/000001", f"LI/{year}/000002", f"LI/{year}/000001"]


@pytest.mark.django_db
def test_the_database_refuses_a_second_report_with_the_same_number(officer):
    ReportFactory(author=officer, number="LI/2024/000001")
    with pytest.raises(IntegrityError):
        ReportFactory(author=officer, number="LI/2024/000001")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_distinct_numbers(officer):
    require(connection.vendor == "postgresql", "concurrent numbering needs PostgreSQL")
    drafts = [ReportFactory(author=officer) for _ in range(12)]
    barrier = threading.Barrier(len(drafts))
    errors = []

    def submit(report):
        try:
            barrier.wait(timeout=10)
            services.report_submit(report=report, user=officer)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(report,)) for report in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    year = timezone.localdate().year
    numbers = sorted(Report.objects.values_list("number", flat=True))
    assert numbers == [f"LI/{year}/{n:06d}" for n in range(1, 13)]
