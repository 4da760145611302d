"""The indexes of the big pages, checked with EXPLAIN on PostgreSQL over the seed_scale data.

Sequential scans and sorts are priced out (`enable_seqscan`, `enable_sort` off), so each plan shows
whether an index can serve the query and its order at all; bench/pages.py measures the real
choice at 100,000 reports.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.models import Agency
from core.pagination import keyset_page
from portal.scale import scale_seed
from reports import selectors
from people.models import Person
from reports.models import Report
from tests.conftest import require
from tests.scale.conftest import SMALL

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner(db):
    require(connection.vendor == "postgresql", "EXPLAIN checks need PostgreSQL")
    scale_seed(**SMALL)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")


def _supervisor():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="scale-supervisor-01")


def _plan(queryset) -> str:
    return queryset.explain()


def test_report_list_first_and_deep_pages_walk_the_keyset_index(planner):
    user = _supervisor()
    reports = selectors.report_list(user=user, filters={})
    assert "reports_observed_keyset" in _plan(reports[:26])
    cursor = keyset_page(reports, order=selectors.report_order({}), cursor=None,
                         size=25).next_cursor
    deep = keyset_page(reports, order=selectors.report_order({}), cursor=cursor, size=25)
    assert not deep.is_first
    last = deep.object_list[-1]
    after = reports.filter(observed_at__lte=last.observed_at).exclude(
        observed_at=last.observed_at, pk__gte=last.pk)
    plan = _plan(after[:26])
    assert "reports_observed_keyset" in plan
    assert "Index Cond" in plan


def test_priority_sort_has_its_index(planner):
    reports = selectors.report_list(user=_supervisor(), filters={"sort": "-priority"})
    assert "reports_priority_keyset" in _plan(reports[:26])


def test_office_and_status_filter_uses_the_office_index(planner):
    office = Agency.objects.filter(kind=Agency.Kind.IMMIGRATION_OFFICE).order_by("pk").first()
    reports = Report.objects.filter(office=office, status=Report.Status.VERIFIED).order_by(
        "-observed_at")
    assert "reports_office_status_obs" in _plan(reports[:26])


def test_category_filter_has_its_index(planner):
    reports = Report.objects.filter(category=Report.Category.OVERSTAY).order_by("-observed_at")
    assert "reports_category_observed" in _plan(reports[:26])


def test_people_search_by_passport_is_an_index_lookup(planner):
    # Unordered here: with sorts priced out the planner would walk the name index instead.
    people = Person.objects.filter(passport_number="A00000001").order_by()
    assert "people_person_passport" in _plan(people)


def test_dashboard_month_and_category_counts_read_the_office_period_index(planner):
    office = Agency.objects.filter(kind=Agency.Kind.IMMIGRATION_OFFICE).order_by("pk").first()
    counts = (Report.objects.filter(office=office, observed_at__gte=timezone.now()
                                    - timedelta(days=365))
              .exclude(status=Report.Status.DRAFT)
              .annotate(month=TruncMonth("observed_at")).order_by()
              .values("month", "category").annotate(n=Count("pk")))
    plan = _plan(counts)
    # An index-only scan once VACUUM has marked the pages all-visible; a range scan before.
    assert "reports_office_observed_cover" in plan
    assert "Index Cond: ((office_id = " in plan


def test_digest_window_is_an_index_range(planner):
    end = timezone.now()
    reports = (Report.objects.filter(updated_at__gte=end - timedelta(days=1), updated_at__lt=end)
               .order_by("-updated_at"))
    plan = _plan(reports[:200])
    assert "reports_updated" in plan


def test_the_permit_watch_reads_the_expiry_index(planner):
    from people.watch import expiring, page_rows

    plan = _plan(page_rows(expiring(_supervisor(), days=30)).order_by("expires_on", "pk")[:26])
    assert "people_permit_expires" in plan
    assert "Index Cond: ((expires_on >= " in plan
