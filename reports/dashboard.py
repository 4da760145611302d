"""The reports' panels of the dashboard (registered in core.registry.dashboard_panels): callables
`(request) -> HTML` that answer "" when a panel is not for the user's role. Every count and chart
starts from `visible_to(user)` and is grouped in the database: a panel runs the same few queries
whatever the number of reports.

The panels and the charts' figures are cached (`_cached`): under the SQL of the query they show,
which holds everything that decides what the user may see, and under a generation that every write
to a report (reports.services) renews, so a change shows on the next visit."""

import hashlib
import time as clock
from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_countries import countries

from accounts.roles import Role, is_office_staff, is_supervisor, role_of
from core.caching import forget
from core.charts import Series, horizontal_bar_chart, stacked_bar_chart
from reports.models import SOMEONE, Report, ReportPerson, user_agency

LIST_LENGTH = 10
CHART_MONTHS = 12
CHART_CATEGORIES = 4  # the most frequent categories get a colour each; the rest are summed
CHART_ROWS = 8  # nationalities and districts shown; the rest are summed
CLOSED_STATUSES = (Report.Status.DRAFT, Report.Status.DISMISSED, Report.Status.CLOSED)
# Changes made outside reports.services (the admin, a data import) show after this long at most.
CACHE_SECONDS = 600
GENERATION_KEY = "reports:dashboard:generation"


def statistics_changed() -> None:
    """A report or its people changed: every cached count and chart is recomputed on its next
    visit: the generation is forgotten, and the next visit starts a new one."""
    forget(GENERATION_KEY)


def _cached(queryset, compute, *also):
    """`compute()` (which reads no more than `queryset` gives), cached. The key is the query's SQL
    and parameters: the user, their office and their role are in it wherever they decide what is
    counted, so two users share a value only when the same query would give them the same rows.
    `also`: whatever else the value depends on (the language of rendered HTML)."""
    sql, params = queryset.query.sql_with_params()
    generation = cache.get_or_set(GENERATION_KEY, clock.time_ns, None)
    digest = hashlib.sha256(repr((sql, params, also)).encode()).hexdigest()
    key = f"reports:dashboard:{generation}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def _rows(queryset) -> list:
    return _cached(queryset, lambda: list(queryset))


def _local_midnight(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _months(today) -> list[tuple[int, int]]:
    """(year, month) of the last CHART_MONTHS months, the current one last."""
    year, month = today.year, today.month
    months = []
    for _step in range(CHART_MONTHS):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _statistics_base(user, since):
    """The reports the charts count: visible, past the draft stage, submitted since `since` (the
    panel says "submitted reports"; a report observed long before it was written counts when it
    reached the office)."""
    return (Report.objects.visible_to(user).exclude(status=Report.Status.DRAFT)
            .filter(submitted_at__gte=since))


def waiting_reports(user):
    """What waits for the user's action: their drafts and returned reports, reports assigned to
    them, and for supervisors the submitted reports of their office to review."""
    mine = Q(author=user, status__in=Report.EDITABLE_STATUSES)
    assigned = Q(assigned_to=user) & ~Q(status__in=CLOSED_STATUSES)
    wanted = mine | assigned
    if is_supervisor(user):
        wanted |= Q(status=Report.Status.SUBMITTED)
    return (Report.objects.visible_to(user).filter(wanted)
            .select_related("village").order_by("-priority", "observed_at", "pk"))


def _waiting_reason(user, report) -> str:
    if report.author_id == user.pk and report.status == Report.Status.DRAFT:
        return _("Your draft")
    if report.author_id == user.pk and report.status == Report.Status.RETURNED:
        return _("Returned to you")
    if report.status == Report.Status.SUBMITTED and is_supervisor(user):
        return _("To review")
    return _("Assigned to you")


def waiting_panel(request) -> str:
    user = request.user
    if not is_office_staff(user):
        return ""
    reports = waiting_reports(user)

    def render():
        rows = [(report, _waiting_reason(user, report)) for report in reports[:LIST_LENGTH]]
        return render_to_string("dashboard/waiting.html", {
            "rows": rows, "total": reports.count(), "week_count": new_this_week(user).count(),
        })

    # The panel as a whole, under the waiting query (the week's count has the same visibility
    # and changes with the day).
    return _cached(reports, render, translation.get_language(), timezone.localdate().isoformat())


def new_this_week(user, now=None):
    """Reports submitted since Monday 00:00 in the office's time zone."""
    today = timezone.localdate(now)
    monday = today - timedelta(days=today.weekday())
    return (Report.objects.visible_to(user).exclude(status=Report.Status.DRAFT)
            .filter(submitted_at__gte=_local_midnight(monday)))


def monthly_by_category(user, today):
    """{(year, month): {category: count}} over the chart's months, by the month of submission,
    counted in the database."""
    months = _months(today)
    since = _local_midnight(today.replace(year=months[0][0], month=months[0][1], day=1))
    rows = _rows(_statistics_base(user, since)
                 .annotate(month=TruncMonth("submitted_at"))
                 .order_by().values("month", "category").annotate(n=Count("pk")))
    counts: dict[tuple[int, int], dict[str, int]] = {month: {} for month in months}
    for row in rows:
        month = timezone.localtime(row["month"])
        counts.setdefault((month.year, month.month), {})[row["category"]] = row["n"]
    return months, counts


def _month_chart(user, today):
    months, counts = monthly_by_category(user, today)
    totals: dict[str, int] = {}
    for per_category in counts.values():
        for category, n in per_category.items():
            totals[category] = totals.get(category, 0) + n
    leading = sorted(totals, key=lambda category: (-totals[category], category))
    shown, rest = leading[:CHART_CATEGORIES], leading[CHART_CATEGORIES:]
    series = [Series(str(Report.Category(category).label),
                     tuple(counts[month].get(category, 0) for month in months))
              for category in shown]
    if rest:
        series.append(Series(_("Other categories"), tuple(
            sum(counts[month].get(category, 0) for category in rest) for month in months)))
    firsts = [today.replace(year=y, month=m, day=1) for y, m in months]
    labels = [formats.date_format(first, "F Y") for first in firsts]
    # Under the bars: the month, and the year under the first month and every January.
    axis_labels = [(formats.date_format(first, "M"),) + ((str(first.year),)
                   if index == 0 or first.month == 1 else ())
                   for index, first in enumerate(firsts)]
    if not series:
        return None
    return stacked_bar_chart(
        title=_("Reports per month by category"),
        description=_("Reports submitted in each of the last 12 months, stacked by category. "
                      "A table with the same figures follows."),
        labels=labels, axis_labels=axis_labels, series=series, row_heading=_("Month"),
    )


def _ranked_chart(rows, *, key: str, label, other: str, **chart):
    """A horizontal bar chart of grouped rows (`key`, `n`), largest first: the first CHART_ROWS
    rows each get a bar, the rest are summed into `other`; None when there is nothing."""
    rows = list(rows)
    if not rows:
        return None
    labels = [label(row[key]) for row in rows[:CHART_ROWS]]
    values = [row["n"] for row in rows[:CHART_ROWS]]
    if len(rows) > CHART_ROWS:
        labels.append(other)
        values.append(sum(row["n"] for row in rows[CHART_ROWS:]))
    return horizontal_bar_chart(labels=labels, values=values, **chart)


def _nationality_chart(user, since):
    rows = _rows(ReportPerson.objects.filter(report__in=_statistics_base(user, since))
                 .values("mention__nationality")
                 .annotate(n=Count(SOMEONE, distinct=True))
                 .order_by("-n", "mention__nationality"))
    return _ranked_chart(
        rows, key="mention__nationality", label=lambda code: str(countries.name(code) or code),
        other=_("Other nationalities"),
        title=_("People in reports by nationality"),
        description=_("People named in the reports of the last 12 months, by nationality. "
                      "A table with the same figures follows."),
        row_heading=_("Nationality"), value_heading=_("People"),
    )


def _district_chart(user, since):
    rows = _rows(_statistics_base(user, since).values("village__parent__name")
                 .annotate(n=Count("pk")).order_by("-n", "village__parent__name"))
    return _ranked_chart(
        rows, key="village__parent__name", label=lambda name: name or _("No village given"),
        other=_("Other districts"),
        title=_("Reports by district"),
        description=_("Reports of the last 12 months by the district of their village. "
                      "A table with the same figures follows."),
        row_heading=_("District"), value_heading=_("Reports"),
    )


def charts_panel(request) -> str:
    user = request.user
    if not is_office_staff(user):
        return ""
    today = timezone.localdate()
    since = _local_midnight(today - timedelta(days=365))

    def render():
        charts = [_month_chart(user, today), _nationality_chart(user, since),
                  _district_chart(user, since)]
        return render_to_string("dashboard/charts.html", {"charts": charts})

    # The panel as a whole: its three charts count exactly the rows of the statistics' query.
    return _cached(_statistics_base(user, since), render, translation.get_language(),
                   today.isoformat())


def shared_reports(user):
    """Reports shared with the user's agency (not their own submissions)."""
    agency = user_agency(user)
    if agency is None:
        return Report.objects.none()
    return (Report.objects.visible_to(user)
            .filter(Report.objects.shared_with_q(agency), status__in=Report.SHAREABLE_STATUSES)
            .select_related("village").order_by("-observed_at", "-pk"))


def shared_panel(request) -> str:
    user = request.user
    if role_of(user) != Role.AGENCY_MEMBER:
        return ""
    reports = shared_reports(user)
    return render_to_string("dashboard/shared.html", {
        "reports": reports[:LIST_LENGTH], "total": reports.count(),
    })
