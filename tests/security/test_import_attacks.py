"""Broken and hostile import files for the admin's two imports (Desa Binaan designations and
migrant-worker figures): each is refused with a message or shown inert, none gives a 500, and
nothing already saved changes."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from tests.security.conftest import count
from tests.security.test_input_attacks import XSS, assert_inert
from tests.villages.factories import DesaBinaanFactory, FigureFactory, VillageFactory
from villages.models import DesaBinaan, MigrantWorkerFigure

pytestmark = pytest.mark.django_db

IMPORTS = {
    "designations": (
        "/admin/villages/desabinaan/import/",
        ["village_code", "decree_number", "decree_date", "issuing_office", "status",
         "active_from", "active_until", "latitude", "longitude", "notes"],
    ),
    "figures": (
        "/admin/villages/migrantworkerfigure/import/",
        ["village_code", "year", "destination", "procedural", "non_procedural", "source"],
    ),
}
CSV_FORMAT, XLSX_FORMAT = "0", "1"


def workbook_bytes(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return buffer.getvalue()


def broken_files(header: list[str], village_code: str):
    """(label, file name, bytes, format) of files that must not be imported."""
    header_line = ",".join(header)
    good_xlsx = workbook_bytes([header, [village_code] + ["1"] * (len(header) - 1)])
    yield "empty csv", "data.csv", b"", CSV_FORMAT
    yield "empty xlsx", "data.xlsx", b"", XLSX_FORMAT
    yield "png named xlsx", "data.xlsx", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, XLSX_FORMAT
    yield "truncated xlsx", "data.xlsx", good_xlsx[: len(good_xlsx) // 2], XLSX_FORMAT
    yield "zip without a workbook", "data.xlsx", zip_without_workbook(), XLSX_FORMAT
    yield "xlsx sent as csv", "data.csv", good_xlsx, CSV_FORMAT
    yield "nul bytes", "data.csv", f"{header_line}\n{village_code}\0,\0\0\n".encode(), CSV_FORMAT
    yield "utf-16", "data.csv", f"{header_line}\n{village_code},x\n".encode("utf-16"), CSV_FORMAT
    yield "latin-1", "data.csv", f"{header_line}\n{village_code},Caf\xe9\n".encode("latin-1"), \
        CSV_FORMAT
    yield "wrong header", "data.csv", f"kode,nomor\n{village_code},1\n".encode(), CSV_FORMAT
    yield "unbalanced quote", "data.csv", \
        f'{header_line}\n"{village_code},"SK-1\n'.encode(), CSV_FORMAT
    yield "five thousand columns", "data.csv", \
        (",".join(f"c{n}" for n in range(5000)) + "\n" + ",".join("x" * 5000)).encode(), \
        CSV_FORMAT
    yield "unknown village", "data.csv", \
        f"{header_line}\n99.99.99.9999{',1' * (len(header) - 1)}\n".encode(), CSV_FORMAT
    yield "overlong values", "data.csv", \
        f"{header_line}\n{village_code}{(',' + 'x' * 20_000) * (len(header) - 1)}\n".encode(), \
        CSV_FORMAT
    yield "impossible dates and numbers", "data.xlsx", workbook_bytes([
        header, [village_code] + ["9999-99-99"] * (len(header) - 1)]), XLSX_FORMAT


def refusal_shown(response) -> bool:
    """The form names what is wrong with the file, or the import's result lists row errors."""
    form = response.context.get("form")
    result = response.context.get("result")
    return bool(form is not None and form.errors) or bool(
        result is not None and (result.has_errors() or result.has_validation_errors()))


def saved_state():
    return (list(DesaBinaan.objects.order_by("pk").values()),
            list(MigrantWorkerFigure.objects.order_by("pk").values()))


@pytest.fixture
def importer(client, admin_user, settings):
    client.force_login(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def saved_data():
    desa = DesaBinaanFactory()
    FigureFactory(desa_binaan=desa, year=2023, procedural=4)
    return desa


@pytest.mark.parametrize("kind", IMPORTS)
def test_broken_import_files_are_refused_and_change_nothing(importer, saved_data, kind):
    url, header = IMPORTS[kind]
    before = saved_state()
    for label, name, content, fmt in broken_files(header, VillageFactory().code):
        upload = io.BytesIO(content)
        upload.name = name
        response = importer.post(url, {"import_file": upload, "format": fmt})
        assert response.status_code == 200, f"{kind}, {label}: {response.status_code}"
        assert response.context.get("confirm_form") is None, f"{kind}, {label}: accepted"
        assert refusal_shown(response), f"{kind}, {label}: no message"
        count("import files refused")
    assert saved_state() == before


def test_script_payloads_in_an_import_are_shown_inert_and_change_nothing(importer,
                                                                         saved_data):
    url, header = IMPORTS["designations"]
    before = saved_state()
    for payload in XSS:
        row = dict.fromkeys(header, "")
        row.update(village_code=VillageFactory().code, decree_number=payload[:100],
                   decree_date="2024-03-04", issuing_office=payload[:200], status="active",
                   active_from="2024-03-04", notes=payload)
        upload = io.BytesIO(workbook_bytes([header, [row[name] for name in header]]))
        upload.name = "data.xlsx"
        response = importer.post(url, {"import_file": upload, "format": XLSX_FORMAT})
        assert_inert(response, f"import preview with {payload}")
        count("input attack payloads tried")
    assert saved_state() == before
