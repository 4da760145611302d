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
    # The register is the office's: Polres has no page of it.
    assert page.goto(page.base_url + "/people/").status == 404


@pytest.mark.django_db(transaction=True)
def test_a_chosen_photo_survives_a_refused_try_and_the_supervisor_regrades(
        page, settings, tmp_path, officer, supervisor):
    settings.MEDIA_ROOT = tmp_path / "media"
    sign_in(page, "officer")
    page.goto(page.base_url + "/reports/new/")
    # Nothing is graded for the officer.
    assert page.locator("[name=source_reliability]").input_value() == ""
    assert page.locator("[name=information_credibility]").input_value() == ""
    page.fill("[name=observed_at]", "2024-06-20T14:00")
    page.select_option("[name=category]", "overstay")
    page.fill("[name=narrative]", "Seen at the market of Kras.")
    page.select_option("[name=source_type]", "patrol")
    page.select_option("[name=information_credibility]", "2")
    page.set_input_files("[name=attachments]", files=[
        {"name": "photo.png", "mimeType": "image/png", "buffer": png_bytes()}])
    page.click("#report-form button[type=submit]")  # no title, no reliability
    page.wait_for_load_state()
    # (Assertions on structure: the officer's pages may be in Indonesian.)
    assert page.locator("select[name=source_reliability].is-invalid").is_visible()
    held = page.locator("li").filter(has=page.locator("input[name=remove_held]"))
    assert held.count() == 1 and "photo.png" in held.inner_text()
    assert_accessible(page)
    page.fill("[name=title]", "WNA overstay di Desa Jambean")
    page.select_option("[name=source_reliability]", "C")
    page.click("#report-form button[type=submit]")  # the photo is not chosen again
    page.wait_for_url(re.compile(r"/reports/[a-z0-9]{12}/$"))
    assert page.get_by_role("link", name="photo.png").is_visible()
    detail_url = page.url
    page.click("form[action$='/submit/'] button")
    page.wait_for_load_state()

    sign_out(page)
    sign_in(page, "supervisor")
    page.goto(detail_url)
    page.select_option("[name=grade-source_reliability]", "E")
    page.select_option("[name=grade-information_credibility]", "5")
    page.fill("[name=grade-note]", "Not confirmed by the village head.")
    page.click("form[action$='/grade/'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".timeline").get_by_text(re.compile(r"C2\b.*\bE5\b")).is_visible()
    report = Report.objects.get()
    assert (report.grading, report.status) == ("E5", Report.Status.SUBMITTED)
    assert [a.original_name for a in report.attachments.all()] == ["photo.png"]
