"""The report journey in a real browser: an officer logs a report with two people and a photo,
the supervisor verifies it and shares it with Polres Kediri, whose member sees it masked."""

import re

import pytest

from reports.models import Report
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.reports.factories import png_bytes

pytestmark = pytest.mark.browser


def sign_out(page):
    page.context.clear_cookies()


@pytest.mark.django_db(transaction=True)
def test_report_from_officer_to_supervisor_to_police(page, settings, tmp_path, officer,
                                                     supervisor, police, polres_member):
    settings.MEDIA_ROOT = tmp_path / "media"
    sign_in(page, "officer")
    page.goto(page.base_url + "/reports/new/")
    assert_accessible(page)
    page.fill("[name=title]", "WNA overstay di Desa Jambean")
    page.fill("[name=observed_at]", "2024-06-20T14:00")
    page.select_option("[name=category]", "overstay")
    page.select_option("[name=priority]", "3")
    page.fill("[name=narrative]", "Seen at the **market** of Kras.")
    page.select_option("[name=source_type]", "patrol")
    page.select_option("[name=source_reliability]", "B")
    page.select_option("[name=information_credibility]", "2")
    page.fill("[name=people-0-full_name]", "LIU YANG")
    page.select_option("[name=people-0-nationality]", "CN")
    page.fill("[name=people-0-passport_number]", "EJ4821937")
    page.click("#add-person")
    page.fill("[name=people-1-full_name]", "SITI AMINAH")
    page.select_option("[name=people-1-nationality]", "ID")
    page.select_option("[name=people-1-role]", "witness")
    page.set_input_files("[name=attachments]", files=[
        {"name": "photo.png", "mimeType": "image/png", "buffer": png_bytes()}])
    page.click("#report-form button[type=submit]")
    page.wait_for_url(re.compile(r"/reports/[a-z0-9]{12}/$"))
    detail_url = page.url
    assert page.locator("table .passport").first.inner_text() == "EJ4821937"
    assert page.get_by_role("link", name="photo.png").is_visible()
    page.click("form[action$='/submit/'] button")
    page.wait_for_load_state()
    report = Report.objects.get()
    assert report.status == Report.Status.SUBMITTED
    assert report.people_links.count() == 2
    screenshot(page, "report-submitted")

    sign_out(page)
    sign_in(page, "supervisor")
    page.goto(detail_url)
    assert_accessible(page)
    page.click("form[action$='/verify/'] button[type=submit]")
    page.wait_for_load_state()
    page.check("input[name=share-sharing][value=agencies]")
    page.get_by_label("Polres Kediri").check()
    page.click("form[action$='/share/'] button[type=submit]")
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == Report.Status.VERIFIED
    assert list(report.shared_with.all()) == [police]
    screenshot(page, "report-verified-shared")

    sign_out(page)
    sign_in(page, "polres")
    page.goto(page.base_url + "/reports/")
    assert_accessible(page)
    page.get_by_role("link", name="WNA overstay di Desa Jambean").click()
    page.wait_for_load_state()
    assert page.url == detail_url
    assert page.locator("table .passport").first.inner_text() == "*****1937"
    assert "EJ4821937" not in page.content()
    assert page.locator("form[action$='/verify/']").count() == 0
    screenshot(page, "report-seen-by-police")
    assert_accessible(page)
    page.goto(page.base_url + "/people/")
    assert page.locator("td.passport").first.inner_text() == "*****1937"
    assert_accessible(page)
