"""The dashboard per role: the right panels, only visible data, counts in the database."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports import dashboard, services
from reports.models import Report
from tests.reports.factories import report_in

pytestmark = pytest.mark.django_db


def page_of(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_officer_sees_their_work_and_the_office_figures(english, world):
    page = page_of(english, world.officer)
    assert "Waiting for your action" in page
    assert "3 reports wait for you." in page
    assert "Officer own draft" in page and "Your draft" in page
    assert "Returned for the address" in page and "Returned to you" in page
    assert "Awaiting review at the market" in page and "Assigned to you" in page
    # Four reports were submitted this week; drafts are not reports yet.
    assert "4 new reports this week" in page
    assert "Colleague secret draft" not in page
    # Permits: only people of visible reports, only within 30 days.
    assert "EXPIRING WNA" in page
    assert "LATER WNA" not in page and "HIDDEN WNA" not in page
    # Meetings and actions of the office, including its draft meeting.
    assert "Rapat TIMPORA with Polres" in page and "Rapat still in draft" in page
    assert "Overdue follow-up actions" in page
    assert "Check the boarding houses in Kras" in page
    assert "Report the workers&#x27; permits" not in page  # open, but not overdue
    assert "Outreach this quarter" in page and "Safe migration this quarter" in page
    assert "Outreach long ago" not in page
    assert page.count('role="img"') == 3
    assert "Reports shared with your agency" not in page


def test_supervisor_sees_submitted_reports_to_review(english, world):
    page = page_of(english, world.supervisor)
    assert "1 report waits for you." in page
    assert "Awaiting review at the market" in page and "To review" in page
    assert "Officer own draft" not in page and "Colleague secret draft" not in page


def test_agency_member_sees_only_what_is_shared_with_their_agency(english, world):
    page = page_of(english, world.polres_member)
    assert "Reports shared with your agency" in page
    assert "Shared with Polres" in page
    for hidden in ("Office only finding", "Awaiting review at the market", "Officer own draft",
                   "Rapat still in draft", "EXPIRING WNA", "Waiting for your action",
                   "Outreach this quarter", 'role="img"'):
        assert hidden not in page, hidden
    assert "Rapat TIMPORA with Polres" in page
    assert "Your agency's open actions" in page
    assert "Check the boarding houses in Kras" in page and "overdue" in page
    assert "Report the workers&#x27; permits" in page


def test_member_of_an_agency_nothing_was_shared_with_sees_empty_panels(english, world):
    page = page_of(english, world.outsider)
    assert "No report has been shared with your agency yet." in page
    assert "No upcoming meeting." in page
    assert "Your agency has no open action." in page
    assert "Shared with Polres" not in page


def test_admin_without_a_role_gets_the_account_card_only(english, world, admin_user):
    page = page_of(english, admin_user)
    assert "Administrator" in page
    assert "Waiting for your action" not in page and "Upcoming meetings" not in page


def test_month_chart_counts_visible_reports_by_category_in_the_database(world):
    today = timezone.localdate()
    months, counts = dashboard.monthly_by_category(world.officer, today)
    assert len(months) == 12 and months[-1] == (today.year, today.month)
    submitted = timezone.localtime(world.submitted.submitted_at)
    month = counts[(submitted.year, submitted.month)]
    # Returned, submitted, shared and office-only; neither draft.
    assert sum(sum(per.values()) for per in counts.values()) == 4
    assert month.get("illegal_work") == 1
    months, counts = dashboard.monthly_by_category(world.polres_member, today)
    assert sum(sum(per.values()) for per in counts.values()) == 1


def test_month_chart_counts_by_the_month_of_submission_not_of_observation(english, officer):
    today = timezone.localdate()
    this_month = (today.year, today.month)
    long_ago = timezone.now() - dt.timedelta(days=70)
    # Observed ten weeks ago, written up and submitted today.
    late = report_in(Report.Status.SUBMITTED, author=officer, observed_at=long_ago,
                     category=Report.Category.OVERSTAY)
    # Observed this month, but (as far as the chart is concerned) submitted over a year ago.
    old = report_in(Report.Status.SUBMITTED, author=officer, category=Report.Category.SMUGGLING)
    Report.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - dt.timedelta(days=400))
    observed = timezone.localtime(late.observed_at)
    assert (observed.year, observed.month) != this_month

    _months, counts = dashboard.monthly_by_category(officer, today)
    assert counts[this_month] == {"overstay": 1}
    assert sum(sum(per.values()) for per in counts.values()) == 1
    page = page_of(english, officer)
    assert "Reports submitted in each of the last 12 months" in page
    assert "Reports observed in each" not in page


def test_new_this_week_counts_from_monday_midnight_in_the_office_zone(world):
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    sunday_night = timezone.make_aware(dt.datetime.combine(monday, dt.time.min)) - dt.timedelta(
        minutes=1)
    Report.objects.filter(pk=world.returned.pk).update(submitted_at=sunday_night)
    titles = {report.title for report in dashboard.new_this_week(world.officer)}
    assert titles == {"Awaiting review at the market", "Shared with Polres", "Office only finding"}


def test_chart_tables_carry_the_figures(english, world):
    page = page_of(english, world.officer)
    assert "Reports per month by category" in page
    assert '<th scope="row">Malaysia</th><td>1</td>' in page
    assert '<th scope="row">China</th><td>2</td>' in page
    assert '<th scope="row">No village given</th><td>2</td>' in page


@pytest.mark.parametrize("user_fixture", ["officer", "supervisor", "polres_member"])
def test_dashboard_query_count_is_the_same_for_few_and_many_reports(client, request, user_fixture,
                                                          world, django_assert_num_queries):
    user = request.getfixturevalue(user_fixture)
    client.force_login(user)
    client.get("/")  # a first visit may write the session; measure the next
    cache.clear()  # the figures are cached (test_cache.py): count the queries that compute them
    with CaptureQueriesContext(connection) as few:
        assert client.get("/").status_code == 200
    for number in range(38):
        report = report_in(Report.Status.SUBMITTED, author=world.other_officer,
                           title=f"Bulk report {number}", village=world.jambean,
                           category=list(Report.Category.values)[number % 11])
        if number % 2:
            services.report_verify(report=report, user=world.supervisor)
            services.report_share(report=report, user=world.supervisor,
                                  sharing=Report.Sharing.TEAM)
    cache.clear()
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get("/").status_code == 200


def test_ranked_charts_sum_what_is_beyond_the_shown_rows():
    rows = [{"district": f"District {n}", "n": 20 - n} for n in range(10)]
    html = dashboard._ranked_chart(rows, key="district", label=str, other="Other districts",
                                   title="Reports by district", description="By district.",
                                   row_heading="District", value_heading="Reports")
    assert html.count("<rect ") == dashboard.CHART_ROWS + 1
    assert '<th scope="row">Other districts</th><td>23</td>' in html  # 12 + 11
    assert dashboard._ranked_chart([], key="district", label=str, other="", title="",
                                   description="", row_heading="", value_heading="") is None


def test_panels_do_not_run_the_context_processors_again(client, world):
    client.force_login(world.officer)
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    unread_counts = [q for q in queries.captured_queries
                     if "notifications_outboxmessage" in q["sql"]]
    assert len(unread_counts) == 1
