"""Reads of the villages app, all through `DesaBinaan.objects.visible_to(user)`."""

from django.db.models import IntegerField, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from villages.models import (
    DesaBinaan,
    MigrantWorkerFigure,
    OutreachAttachment,
    OutreachEvent,
    PimpasaAssignment,
    Region,
)


def _figure_total(field: str) -> Coalesce:
    totals = (
        MigrantWorkerFigure.objects.filter(desa_binaan=OuterRef("pk"))
        .order_by()
        .values("desa_binaan")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(totals, output_field=IntegerField()), 0)


def desa_binaan_list(*, user, query: str = "", district: str = "", status: str = ""):
    """The Desa Binaan a user may see, with district, current PIMPASA, last outreach and
    migrant-worker totals, in a constant number of queries."""
    last_outreach = (
        OutreachEvent.objects.filter(desa_binaan=OuterRef("pk")).order_by("-date").values("date")[:1]
    )
    desas = (
        DesaBinaan.objects.visible_to(user)
        .select_related("region__parent__parent")
        .annotate(
            last_outreach=Subquery(last_outreach),
            procedural_total=_figure_total("procedural"),
            non_procedural_total=_figure_total("non_procedural"),
        )
        .prefetch_related(
            Prefetch(
                "pimpasa_assignments",
                queryset=PimpasaAssignment.objects.current().select_related("officer"),
                to_attr="current_pimpasa",
            )
        )
        .order_by("region__parent__name", "region__name")
    )
    query = query.strip()
    if query:
        desas = desas.filter(
            Q(region__name__icontains=query)
            | Q(region__parent__name__icontains=query)
            | Q(region__code__startswith=query)
            | Q(decree_number__icontains=query)
        )
    if district:
        desas = desas.filter(region__parent__code=district)
    if status in DesaBinaan.Status.values:
        desas = desas.filter(status=status)
    return desas


def desa_binaan_districts(*, user):
    """The districts that hold at least one Desa Binaan the user may see, for the filter."""
    visible = DesaBinaan.objects.visible_to(user)
    return Region.objects.filter(children__desa_binaan__in=visible).distinct().order_by("name")


def desa_binaan_for_page(*, user, code: str) -> DesaBinaan:
    return get_object_or_404(
        DesaBinaan.objects.visible_to(user).select_related("region__parent__parent"), code=code
    )


def desa_binaan_profile(desa: DesaBinaan) -> dict:
    """What the village page shows besides the designation itself."""
    assignments = list(desa.pimpasa_assignments.select_related("officer__profile"))
    current = set(PimpasaAssignment.objects.filter(desa_binaan=desa).current()
                  .values_list("pk", flat=True))
    figures = list(desa.figures.order_by("-year", "destination", "source"))
    events = desa.outreach_events.prefetch_related(
        "officers", "partner_agencies",
        Prefetch("attachments", queryset=OutreachAttachment.objects.order_by("id")),
    )
    return {
        "contacts": list(desa.contacts.all()),
        "current_pimpasa": [a for a in assignments if a.pk in current],
        "past_pimpasa": [a for a in assignments if a.pk not in current],
        "figures": figures,
        "figure_years": _totals_by_year(figures),
        "events": list(events),
    }


def _totals_by_year(figures) -> list[dict]:
    years: dict[int, dict] = {}
    for figure in figures:
        year = years.setdefault(figure.year, {"year": figure.year, "procedural": 0,
                                              "non_procedural": 0})
        year["procedural"] += figure.procedural
        year["non_procedural"] += figure.non_procedural
    for year in years.values():
        year["total"] = year["procedural"] + year["non_procedural"]
    return sorted(years.values(), key=lambda year: year["year"], reverse=True)


def attachment_for_download(*, user, code: str) -> OutreachAttachment:
    return get_object_or_404(
        OutreachAttachment.objects.filter(event__in=OutreachEvent.objects.visible_to(user)),
        code=code,
    )
