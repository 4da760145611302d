"""Reads of the villages app, all through `DesaBinaan.objects.visible_to(user)`."""

from dataclasses import dataclass

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
    VillageContact,
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


@dataclass
class PartChange:
    """One change to a record kept on a Desa Binaan's page (a PIMPASA, a contact, a figure)."""

    record: object
    kind_label: str  # the record's kind, e.g. "PIMPASA assignment"
    label: str  # the record as it was then, e.g. the officer and period of an assignment
    kind: str  # "+" created, "~" changed, "-" deleted (django-simple-history's history_type)
    fields: list[str]


# The records edited on a Desa Binaan's admin page whose changes belong to its history.
DESA_BINAAN_PARTS = (PimpasaAssignment, VillageContact, MigrantWorkerFigure)


def desa_binaan_part_changes(desa: DesaBinaan, *, limit: int = 200) -> list[PartChange]:
    """The latest changes to the PIMPASA assignments, contacts and figures of one Desa Binaan,
    newest first, each with the names of the fields it changed: one query per kind."""
    changes = []
    for model in DESA_BINAAN_PARTS:
        fields = [field for field in model._meta.concrete_fields
                  if not field.primary_key and field.name != "desa_binaan"]
        relations = [field.name for field in fields if field.is_relation]
        records = list(model.history.model.objects.filter(desa_binaan_id=desa.pk)
                       .select_related("history_user", *relations)
                       .order_by("-history_date", "-history_id")[:limit])
        # Oldest first, so that each record's predecessor (same object) has been seen.
        latest_seen = {}
        for record in reversed(records):
            before = latest_seen.get(record.id)
            changed = []
            if record.history_type == "~" and before is not None:
                changed = [str(field.verbose_name) for field in fields
                           if getattr(record, field.attname) != getattr(before, field.attname)]
            latest_seen[record.id] = record
            instance = record.instance
            instance.desa_binaan = desa
            for name in relations:
                setattr(instance, name, getattr(record, name))
            changes.append(PartChange(record=record, kind_label=str(model._meta.verbose_name),
                                      label=str(instance), kind=record.history_type,
                                      fields=changed))
    changes.sort(key=lambda change: (change.record.history_date, change.record.history_id),
                 reverse=True)
    return changes[:limit]
