import datetime

import pytest
from django.core.management import call_command
from django.core.serializers import serialize

from villages.models import (
    DesaBinaan,
    MigrantWorkerFigure,
    OutreachEvent,
    PimpasaAssignment,
    Region,
    VillageContact,
)


def snapshot():
    return [serialize("json", model.objects.order_by("pk")) for model in (
        Region, DesaBinaan, PimpasaAssignment, VillageContact, MigrantWorkerFigure, OutreachEvent,
        # A second run changes nothing, so it writes no history either.
        VillageContact.history.model, DesaBinaan.history.model, MigrantWorkerFigure.history.model,
    )]


@pytest.mark.django_db
def test_the_demo_tells_the_jambean_story_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first

    jambean = DesaBinaan.objects.get(region__code="35.06.03.2016")
    assert jambean.region.parent.name == "Kras"
    assert [a.officer.username for a in jambean.pimpasa_assignments.current()] == ["officer"]
    assert set(jambean.figures.values_list("year", flat=True)) == {2022, 2023, 2024}
    assert {"MY", "TW", "HK", "SA"} <= set(jambean.figures.values_list("destination", flat=True))
    event = jambean.outreach_events.get(date=datetime.date(2024, 6, 20))
    assert event.partner_agencies.filter(short_name="Polres Kediri").exists()
    in_kediri = DesaBinaan.objects.filter(region__code__startswith="35.06.")
    assert in_kediri.count() >= 4
