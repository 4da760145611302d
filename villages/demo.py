"""Demo data of the villages: Desa Jambean (Kras, Kabupaten Kediri), where the office held its
TIMPORA meeting and outreach on 20 June 2024, and three more Desa Binaan. Idempotent."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from villages.models import DesaBinaan, OutreachEvent, PimpasaAssignment, Region, VillageContact
from villages.services import (
    desa_binaan_designate,
    figure_record,
    outreach_record,
    pimpasa_assign,
    regions_import,
)

DEMO_REGENCY = "35.06"
JAMBEAN = "35.06.03.2016"
ISSUING_OFFICE = "Kantor Imigrasi Kelas II Non TPI Kediri"

DESA_BINAAN = [
    # (village code, decree number, decree date, latitude, longitude)
    (JAMBEAN, "W15.IMI.IMI.8-GR.01.01-1021", datetime.date(2024, 3, 4), "-7.8842", "112.1101"),
    ("35.06.03.2011", "W15.IMI.IMI.8-GR.01.01-1022", datetime.date(2024, 3, 4), None, None),
    ("35.06.21.2008", "W15.IMI.IMI.8-GR.01.01-1490", datetime.date(2024, 7, 15), None, None),
    ("35.06.11.2007", "W15.IMI.IMI.8-GR.01.01-1491", datetime.date(2024, 7, 15), None, None),
]

CONTACTS = {
    JAMBEAN: [(VillageContact.Role.HEAD, "Suyanto", "0812 3300 4521"),
              (VillageContact.Role.SECRETARY, "Dwi Lestari", "0857 4411 2093")],
}

# (year, destination, source, procedural, non-procedural) for Jambean.
FIGURES = [
    (2022, "MY", "bp2mi", 14, 3), (2022, "TW", "bp2mi", 9, 1), (2022, "HK", "bp2mi", 7, 0),
    (2023, "MY", "bp2mi", 17, 4), (2023, "TW", "bp2mi", 11, 0), (2023, "HK", "bp2mi", 8, 1),
    (2023, "SA", "village", 0, 2),
    (2024, "MY", "bp2mi", 19, 2), (2024, "TW", "bp2mi", 12, 1), (2024, "HK", "bp2mi", 6, 0),
    (2024, "SA", "village", 1, 3),
]

OUTREACH_DATE = datetime.date(2024, 6, 20)
OUTREACH_TOPIC = "Sosialisasi paspor dan migrasi aman bagi calon PMI"
PARTNERS = ["Polres Kediri", "Disnaker Kab. Kediri", "Camat Kras", "Dukcapil Kab. Kediri"]


def _agencies(short_names):
    Agency = OutreachEvent._meta.get_field("partner_agencies").related_model
    return list(Agency.objects.filter(short_name__in=short_names))


def seed(stdout=None) -> None:
    if not Region.objects.filter(code=JAMBEAN).exists():
        regions_import(codes=[DEMO_REGENCY])
    officer = get_user_model().objects.get(username="officer")
    for code, number, date, latitude, longitude in DESA_BINAAN:
        desa = desa_binaan_designate(
            region=Region.objects.get(code=code), decree_number=number, decree_date=date,
            issuing_office=ISSUING_OFFICE, active_from=date,
            latitude=Decimal(latitude) if latitude else None,
            longitude=Decimal(longitude) if longitude else None,
        )
        if not PimpasaAssignment.objects.filter(desa_binaan=desa, officer=officer).exists():
            pimpasa_assign(desa_binaan=desa, officer=officer, start=date)
        for role, name, phone in CONTACTS.get(code, []):
            contact, created = VillageContact.objects.get_or_create(
                desa_binaan=desa, role=role, defaults={"name": name, "phone": phone}
            )
            # Saved only when it differs: every save writes a history record.
            if not created and (contact.name, contact.phone) != (name, phone):
                contact.name, contact.phone = name, phone
                contact.save()

    jambean = DesaBinaan.objects.get(region__code=JAMBEAN)
    for year, destination, source, procedural, non_procedural in FIGURES:
        figure_record(desa_binaan=jambean, year=year, destination=destination, source=source,
                      procedural=procedural, non_procedural=non_procedural)
    if not jambean.outreach_events.filter(date=OUTREACH_DATE).exists():
        supervisor = get_user_model().objects.get(username="supervisor")
        outreach_record(
            desa_binaan=jambean, recorded_by=officer, date=OUTREACH_DATE,
            kind=OutreachEvent.Kind.SAFE_MIGRATION, topic=OUTREACH_TOPIC,
            audience="Calon pekerja migran, keluarga PMI dan perangkat desa",
            participants_men=38, participants_women=47, officers=[officer, supervisor],
            partner_agencies=_agencies(PARTNERS),
            notes="Bersamaan dengan Rapat TIMPORA Kabupaten Kediri di Balai Desa Jambean.",
        )
    if stdout is not None:
        stdout.write(f"Desa Binaan: {DesaBinaan.objects.count()} villages.")
