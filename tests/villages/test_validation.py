import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from tests.villages.conftest import PDF_BYTES, png_bytes
from tests.villages.factories import FigureFactory, kediri_district
from villages import services
from villages.models import DesaBinaan, MigrantWorkerFigure, OutreachEvent, PimpasaAssignment


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def designate(desa, **changes):
    fields = {"region": desa.region, "decree_number": desa.decree_number,
              "decree_date": desa.decree_date, "issuing_office": desa.issuing_office,
              "active_from": desa.active_from, **changes}
    return services.desa_binaan_designate(**fields)


@pytest.mark.django_db
@pytest.mark.parametrize(("latitude", "longitude", "field"), [
    ("7.5", "112.1", "latitude"),      # north of Miangas
    ("-12", "112.1", "latitude"),      # south of Rote
    ("-7.8", "94.5", "longitude"),     # west of Sabang
    ("-7.8", "141.5", "longitude"),    # east of Merauke, in Papua New Guinea
    ("-7.8", None, "longitude"),       # only half a position
])
def test_coordinates_outside_indonesia_are_refused(desa, latitude, longitude, field):
    with pytest.raises(ValidationError) as excinfo:
        designate(desa, latitude=Decimal(latitude),
                  longitude=Decimal(longitude) if longitude else None)
    assert field in errors_of(excinfo)
    desa.refresh_from_db()
    assert desa.latitude is None


@pytest.mark.django_db
def test_coordinates_in_indonesia_are_kept(desa):
    designate(desa, latitude=Decimal("-7.884200"), longitude=Decimal("112.110100"))
    desa.refresh_from_db()
    assert desa.latitude == Decimal("-7.884200")


@pytest.mark.django_db
def test_the_database_refuses_coordinates_outside_indonesia_too(desa):
    with pytest.raises(IntegrityError), transaction.atomic():
        DesaBinaan.objects.filter(pk=desa.pk).update(latitude=Decimal(20), longitude=Decimal(100))


@pytest.mark.django_db
def test_end_before_start_and_inactive_without_end_are_refused(desa):
    with pytest.raises(ValidationError) as excinfo:
        designate(desa, active_until=desa.active_from - datetime.timedelta(days=1))
    assert "active_until" in errors_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        designate(desa, status=DesaBinaan.Status.INACTIVE)
    assert "active_until" in errors_of(excinfo)
    designate(desa, status=DesaBinaan.Status.INACTIVE, active_until=datetime.date(2025, 1, 1))


@pytest.mark.django_db
def test_only_a_village_can_be_designated():
    with pytest.raises(ValidationError) as excinfo:
        services.desa_binaan_designate(
            region=kediri_district(), decree_number="1", decree_date=datetime.date(2024, 1, 1),
            issuing_office="Kanim Kediri", active_from=datetime.date(2024, 1, 1),
        )
    assert "region" in errors_of(excinfo)
    assert not DesaBinaan.objects.exists()


@pytest.mark.django_db
def test_pimpasa_must_be_an_immigration_officer(desa, officer, supervisor, polres_member,
                                                admin_user):
    start = datetime.date(2024, 3, 4)
    services.pimpasa_assign(desa_binaan=desa, officer=officer, start=start)
    services.pimpasa_assign(desa_binaan=desa, officer=supervisor, start=start)
    # A police member, and an office account without an officer's role, cannot be PIMPASA.
    for user in (polres_member, admin_user):
        with pytest.raises(ValidationError) as excinfo:
            services.pimpasa_assign(desa_binaan=desa, officer=user, start=start)
        assert "officer" in errors_of(excinfo)
    officer.is_active = False
    officer.save()
    with pytest.raises(ValidationError):
        services.pimpasa_assign(desa_binaan=desa, officer=officer, start=datetime.date(2025, 1, 1))
    assert PimpasaAssignment.objects.count() == 2


@pytest.mark.django_db
def test_pimpasa_periods_end_after_start_and_do_not_overlap(desa, officer):
    with pytest.raises(ValidationError) as excinfo:
        services.pimpasa_assign(desa_binaan=desa, officer=officer,
                                start=datetime.date(2024, 5, 1), end=datetime.date(2024, 4, 1))
    assert "end" in errors_of(excinfo)
    services.pimpasa_assign(desa_binaan=desa, officer=officer, start=datetime.date(2024, 1, 1),
                            end=datetime.date(2024, 6, 30))
    with pytest.raises(ValidationError) as excinfo:
        services.pimpasa_assign(desa_binaan=desa, officer=officer, start=datetime.date(2024, 6, 1))
    assert "start" in errors_of(excinfo)
    # The rotation: the same officer may come back after the first period ended.
    services.pimpasa_assign(desa_binaan=desa, officer=officer, start=datetime.date(2024, 7, 1))
    assert PimpasaAssignment.objects.current(datetime.date(2024, 8, 1)).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("changes", "field"), [
    ({"procedural": -1}, "procedural"),
    ({"non_procedural": -5}, "non_procedural"),
    ({"procedural": "many"}, "procedural"),
    ({"destination": "XX"}, "destination"),
    ({"destination": "Malaysia"}, "destination"),
    ({"year": 1999}, "year"),
    ({"year": 2031}, "year"),
    ({"source": "rumour"}, "source"),
])
@time_machine.travel(datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_bad_figures_are_refused(desa, changes, field):
    fields = {"year": 2024, "destination": "MY", "source": "bp2mi", "procedural": 3,
              "non_procedural": 1, **changes}
    with pytest.raises(ValidationError) as excinfo:
        services.figure_record(desa_binaan=desa, **fields)
    assert field in errors_of(excinfo)
    assert not MigrantWorkerFigure.objects.exists()


@pytest.mark.django_db
def test_recording_a_figure_again_replaces_it(desa):
    services.figure_record(desa_binaan=desa, year=2024, destination="TW", source="bp2mi",
                           procedural=3, non_procedural=1)
    services.figure_record(desa_binaan=desa, year=2024, destination="TW", source="bp2mi",
                           procedural=5, non_procedural=0)
    assert MigrantWorkerFigure.objects.get().procedural == 5


@pytest.mark.django_db
def test_the_database_keeps_one_figure_per_year_destination_and_source(desa):
    FigureFactory(desa_binaan=desa)
    with pytest.raises(IntegrityError), transaction.atomic():
        FigureFactory(desa_binaan=desa)


def outreach(desa, officer, **changes):
    fields = {"desa_binaan": desa, "recorded_by": officer, "date": datetime.date(2024, 6, 20),
              "kind": OutreachEvent.Kind.SAFE_MIGRATION, "topic": "Migrasi aman",
              "participants_men": 3, "participants_women": 4, **changes}
    return services.outreach_record(**fields)


@pytest.mark.django_db
@pytest.mark.parametrize(("changes", "field"), [
    ({"participants_men": -1}, "participants_men"),
    ({"participants_women": "a few"}, "participants_women"),
    ({"date": datetime.date(2099, 1, 1)}, "date"),
    ({"kind": "party"}, "kind"),
    ({"topic": ""}, "topic"),
])
def test_bad_outreach_is_refused(desa, officer, changes, field):
    with pytest.raises(ValidationError) as excinfo:
        outreach(desa, officer, **changes)
    assert field in errors_of(excinfo)
    assert not OutreachEvent.objects.exists()


@pytest.mark.django_db
def test_outreach_keeps_photos_and_pdfs_checked_by_content(desa, officer):
    event = outreach(desa, officer, files=[
        SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png"),
        SimpleUploadedFile("daftar-hadir.pdf", PDF_BYTES, content_type="application/pdf"),
    ])
    kinds = sorted(event.attachments.values_list("content_type", flat=True))
    assert kinds == ["application/pdf", "image/png"]
    with event.attachments.get(content_type="image/png").file.open("rb") as stored:
        assert stored.read() == png_bytes()


@pytest.mark.django_db
@pytest.mark.parametrize("upload", [
    SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
    SimpleUploadedFile("foto.jpg", b"<html><script>x()</script></html>", content_type="image/jpeg"),
])
def test_outreach_with_a_disguised_file_is_refused_whole(desa, officer, upload):
    with pytest.raises(ValidationError):
        outreach(desa, officer, files=[
            SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png"), upload,
        ])
    assert not OutreachEvent.objects.exists()


@pytest.mark.django_db
def test_attachments_larger_than_the_limit_are_refused(desa, officer, settings):
    settings.MAX_UPLOAD_SIZE = 2048
    big = SimpleUploadedFile("scan.pdf", PDF_BYTES + b"0" * 4096, content_type="application/pdf")
    with pytest.raises(ValidationError, match="files may be at most"):
        outreach(desa, officer, files=[big])
    assert not OutreachEvent.objects.exists()


def test_public_codes_match_the_project_url_converter():
    from core.codes import CODE_PATTERN, new_public_code

    assert re.fullmatch(CODE_PATTERN, new_public_code())
