"""Reads: the filtered report list, related reports. All start from `visible_to`."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q

from people import rules as register_rules
from reports import rules
from reports.models import Report, ReportPerson

RELATED_WINDOW = timedelta(days=30)
# The list's sort options (ReportFilterForm.sort) and the ordering each stands for.
SORTS = {
    "-observed": ("-observed_at", "-pk"),
    "observed": ("observed_at", "pk"),
    "-priority": ("-priority", "-observed_at", "-pk"),
    "number": ("number", "pk"),
    "-number": ("-number", "-pk"),
}


def report_list(*, user, filters: dict):
    """The reports `user` may read, narrowed by the cleaned filters of ReportFilterForm."""
    reports = Report.objects.visible_to(user)
    if text := filters.get("q"):
        reports = reports.search(text, include_passports=rules.can_see_passports(user))
    if status := filters.get("status"):
        reports = reports.filter(status=status)
    if category := filters.get("category"):
        reports = reports.filter(category=category)
    if priority := filters.get("priority"):
        reports = reports.filter(priority=priority)
    if region := filters.get("region"):
        within = Q(village__code=region) | Q(village__code__startswith=region + ".")
        reports = reports.filter(within)
    if nationality := filters.get("nationality"):
        reports = reports.filter(Exists(ReportPerson.objects.filter(
            report=OuterRef("pk"), mention__nationality=nationality)))
    if start := filters.get("observed_from"):
        reports = reports.filter(observed_at__date__gte=start)
    if end := filters.get("observed_to"):
        reports = reports.filter(observed_at__date__lte=end)
    if filters.get("mine"):
        reports = reports.filter(assigned_to=user)
    return reports.select_related("village__parent", "office").order_by(*report_order(filters))


def report_order(filters: dict) -> tuple[str, ...]:
    """The list's ordering for the chosen sort; its last field is unique (keyset pagination)."""
    return SORTS.get(filters.get("sort") or "-observed", SORTS["-observed"])


def report_detail(*, user, code: str) -> Report:
    """One visible report with what its page shows; Report.DoesNotExist otherwise."""
    return (
        Report.objects.visible_to(user)
        # Few joins: PostgreSQL plans this query on every view, and each join added to it
        # cost more planning time (~1 ms) than the separate look-up of a source agency or an
        # assignee takes when the report has one.
        .select_related("office", "author", "village__parent__parent")
        .prefetch_related("shared_with")
        .get(code=code)
    )


def related_reports(*, user, report: Report):
    """Reports naming one of the same people, or in the same village within 30 days. Who the
    people are is the register's decision: only those who read the register see it here."""
    people = ReportPerson.objects.filter(report=report, mention__person__isnull=False)
    candidates = ReportPerson.objects.filter(
        mention__person__in=people.values("mention__person"),
    )
    if not (user.is_superuser or register_rules.can_match_for(user, report.office_id)):
        candidates = candidates.none()
    candidates = candidates.order_by().values_list("report_id", flat=True)
    if report.village_id:
        candidates = candidates.union(Report.objects.filter(
            village_id=report.village_id,
            observed_at__range=(report.observed_at - RELATED_WINDOW,
                                report.observed_at + RELATED_WINDOW),
        ).order_by().values_list("pk", flat=True))
    # The few candidates first, then visibility and order: asked in one query, PostgreSQL walked
    # the whole list index newest first looking for them (450 ms at 100,000 reports).
    return (Report.objects.visible_to(user).filter(pk__in=list(candidates))
            .exclude(pk=report.pk).select_related("village").order_by("-observed_at")[:20])
