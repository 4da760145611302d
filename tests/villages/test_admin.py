import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tests.conftest import page_queries
from tests.villages.conftest import png_bytes
from tests.villages.factories import DesaBinaanFactory, FigureFactory, VillageFactory, jambean
from villages import services
from villages.models import DesaBinaan, MigrantWorkerFigure

CHANGELIST = "/admin/villages/desabinaan/"
HEADER = ["village_code", "decree_number", "decree_date", "issuing_office", "status",
          "active_from", "active_until", "latitude", "longitude", "notes"]


def xlsx(rows, header=HEADER) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("desa.xlsx", buffer.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument"
                                           ".spreadsheetml.sheet")


@pytest.fixture(autouse=True)
def english(client, settings):
    """The row errors are checked in English, whatever the default language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def good_row(code, number="SK-1/2024", **changes):
    row = {"village_code": code, "decree_number": number, "decree_date": "2024-03-04",
           "issuing_office": "Kanim Kediri", "status": "active", "active_from": "2024-03-04",
           "active_until": "", "latitude": "-7.88", "longitude": "112.11", "notes": ""}
    row.update(changes)
    return [row[name] for name in HEADER]


def upload(client, url, file):
    # CSV is choice 0, XLSX choice 1 of the formats offered.
    return client.post(url, {"import_file": file, "format": "1" if file.name.endswith("xlsx")
                             else "0"})


@pytest.mark.django_db
def test_changelist_runs_the_same_number_of_queries_for_2_and_40_villages(client, admin_user,
                                                                          officer):
    client.force_login(admin_user)

    def add(count):
        for _n in range(count):
            desa = DesaBinaanFactory()
            services.pimpasa_assign(desa_binaan=desa, officer=officer,
                                    start=datetime.date(2024, 1, 1))

    add(2)
    with_two = page_queries(client, CHANGELIST)
    add(38)
    assert page_queries(client, CHANGELIST) == with_two


@pytest.mark.django_db
def test_changelist_search_and_filters(client, admin_user, officer, desa):
    services.pimpasa_assign(desa_binaan=desa, officer=officer, start=datetime.date(2024, 1, 1))
    DesaBinaanFactory(region=VillageFactory(name="Bleber"), status=DesaBinaan.Status.INACTIVE,
                      active_until=datetime.date(2025, 1, 1))
    client.force_login(admin_user)
    assert "Bleber" not in client.get(CHANGELIST, {"q": "jamb"}).content.decode()
    assert "Bleber" not in client.get(CHANGELIST, {"q": "35.06.03.2016"}).content.decode()
    page = client.get(CHANGELIST, {"status__exact": "inactive"}).content.decode()
    assert "Bleber" in page and "Jambean (35.06.03.2016)" not in page
    page = client.get(CHANGELIST, {"pimpasa": str(officer.pk)}).content.decode()
    assert "Jambean" in page and "Bleber" not in page
    district = desa.region.parent
    assert client.get(CHANGELIST, {"district": str(district.pk)}).status_code == 200
    assert client.get(CHANGELIST, {"regency": str(district.parent.pk)}).status_code == 200
    assert client.get(f"{CHANGELIST}add/").status_code == 200
    assert client.get(f"{CHANGELIST}{desa.pk}/change/").status_code == 200


@pytest.mark.django_db
def test_region_autocomplete_offers_only_villages(client, admin_user):
    village = jambean()
    client.force_login(admin_user)
    response = client.get("/admin/autocomplete/", {
        "app_label": "villages", "model_name": "desabinaan", "field_name": "region", "term": "",
    })
    codes = {item["text"] for item in json.loads(response.content)["results"]}
    assert codes == {str(village)}
    response = client.get("/admin/autocomplete/", {
        "app_label": "villages", "model_name": "desabinaan", "field_name": "region",
        "term": "Kras",
    })
    assert json.loads(response.content)["results"] == []


@pytest.mark.django_db
def test_admin_edits_keep_a_history(client, admin_user, desa):
    client.force_login(admin_user)
    services.desa_binaan_designate(
        region=desa.region, decree_number="SK-2/2025", decree_date=desa.decree_date,
        issuing_office=desa.issuing_office, active_from=desa.active_from,
    )
    assert desa.history.first().decree_number == "SK-2/2025"
    assert desa.history.last().decree_number != "SK-2/2025"
    assert client.get(f"{CHANGELIST}{desa.pk}/history/").status_code == 200


@pytest.mark.django_db
def test_a_good_xlsx_import_designates_the_villages(client, admin_user):
    first, second = VillageFactory(name="Pelas"), VillageFactory(name="Bleber")
    client.force_login(admin_user)
    response = upload(client, f"{CHANGELIST}import/",
                      xlsx([good_row(first.code), good_row(second.code, "SK-2/2024")]))
    assert response.status_code == 200
    confirm = response.context.get("confirm_form")
    assert confirm is not None
    response = client.post(f"{CHANGELIST}process_import/", confirm.initial)
    assert response.status_code == 302
    assert set(DesaBinaan.objects.values_list("region__name", flat=True)) == {"Pelas", "Bleber"}


@pytest.mark.django_db
@pytest.mark.parametrize(("bad", "message"), [
    ({"latitude": "30"}, "outside Indonesia"),
    ({"active_until": "2020-01-01"}, "before the start"),
    ({"village_code": "99.99.99.9999"}, "No region with code"),
    ({"status": "maybe"}, "not a valid choice"),
])
def test_a_broken_xlsx_is_refused_whole_with_the_row_error(client, admin_user, desa, bad,
                                                           message):
    good_village = VillageFactory(name="Pelas")
    before = list(DesaBinaan.objects.values())
    client.force_login(admin_user)
    response = upload(client, f"{CHANGELIST}import/", xlsx([
        good_row(good_village.code), good_row(desa.region.code, "SK-CHANGED"),
        good_row(VillageFactory(name="Bleber").code, **bad),
    ]))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert response.context.get("confirm_form") is None
    assert list(DesaBinaan.objects.values()) == before


@pytest.mark.django_db
def test_the_resource_rolls_back_every_row_when_one_is_bad(desa):
    import tablib

    from villages.admin import DesaBinaanResource

    good_village = VillageFactory(name="Pelas")
    dataset = tablib.Dataset(good_row(good_village.code), good_row(desa.region.code, "SK-NEW"),
                             good_row(good_village.code, "SK-3", latitude="30"), headers=HEADER)
    result = DesaBinaanResource().import_data(dataset, dry_run=False,
                                              rollback_on_validation_errors=True)
    assert result.has_validation_errors()
    assert DesaBinaan.objects.count() == 1
    desa.refresh_from_db()
    assert desa.decree_number != "SK-NEW"


@pytest.mark.django_db
def test_a_file_in_the_wrong_format_is_refused(client, admin_user):
    client.force_login(admin_user)
    response = upload(client, f"{CHANGELIST}import/",
                      SimpleUploadedFile("desa.xlsx", png_bytes(), content_type="image/png"))
    assert response.status_code == 200
    assert response.context.get("confirm_form") is None
    assert not DesaBinaan.objects.exists()


@pytest.mark.django_db
def test_figures_import_refuses_negative_and_non_numeric_counts(client, admin_user, desa):
    FigureFactory(desa_binaan=desa, year=2023, procedural=4)
    client.force_login(admin_user)
    header = ["village_code", "year", "destination", "procedural", "non_procedural", "source"]
    code = desa.region.code
    for bad in (["-1", "0"], ["banyak", "0"]):
        file = SimpleUploadedFile("f.csv", "\n".join([
            ",".join(header),
            f"{code},2023,MY,9,1,bp2mi",
            f"{code},2024,TW,{bad[0]},{bad[1]},bp2mi",
        ]).encode(), content_type="text/csv")
        response = upload(client, "/admin/villages/migrantworkerfigure/import/", file)
        assert response.status_code == 200
        assert response.context.get("confirm_form") is None
    assert list(MigrantWorkerFigure.objects.values_list("year", "procedural")) == [(2023, 4)]


@pytest.mark.django_db
def test_designations_and_figures_export(client, admin_user, desa):
    FigureFactory(desa_binaan=desa)
    client.force_login(admin_user)
    for url in (f"{CHANGELIST}export/", "/admin/villages/migrantworkerfigure/export/"):
        response = client.post(url, {"format": "0", "export_items": [], "resource": "0"})
        assert response.status_code == 200
