"""A file chosen in the report form survives the form coming back with a message: it is held
(reports.pending) and stored with the report on the next successful save, for its user only."""

import datetime as dt
import os
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reports import pending
from reports.models import Report
from tests.reports.factories import png_bytes, report_in
from tests.reports.test_pages import form_data

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="held_attachments" value="([^"]+)"')


def held_files() -> list[str]:
    try:
        return default_storage.listdir(pending.FOLDER)[1]
    except FileNotFoundError:
        return []


def first_try(client, **overrides):
    """A new report with a photo and no title: refused, the photo held."""
    response = client.post("/reports/new/", form_data(
        title="", attachments=[SimpleUploadedFile("photo.png", png_bytes())], **overrides))
    assert response.status_code == 200 and not Report.objects.exists()
    page = response.content.decode()
    assert "Attached: photo.png" in page
    return TOKEN.search(page).group(1)


def test_the_file_of_a_refused_try_is_stored_on_the_next_save(
        english, officer, django_capture_on_commit_callbacks):
    english.force_login(officer)
    token = first_try(english)
    assert len(held_files()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post("/reports/new/", form_data(held_attachments=token))
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == f"/reports/{report.code}/"
    attachment = report.attachments.get()
    assert attachment.original_name == "photo.png" and attachment.content_type == "image/png"
    with attachment.file.open("rb") as stored:
        assert stored.read() == png_bytes()
    assert held_files() == []  # used, and let go


def test_a_held_file_the_user_removes_is_not_stored(english, officer,
                                                    django_capture_on_commit_callbacks):
    english.force_login(officer)
    token = first_try(english)
    with django_capture_on_commit_callbacks(execute=True):
        english.post("/reports/new/", form_data(held_attachments=token, remove_held=token))
    assert not Report.objects.get().attachments.exists()
    assert held_files() == []


def test_a_second_refusal_keeps_holding_the_file(english, officer):
    english.force_login(officer)
    token = first_try(english)
    response = english.post("/reports/new/", form_data(title="", held_attachments=token))
    assert TOKEN.search(response.content.decode()).group(1) == token
    assert "Attached: photo.png" in response.content.decode()


def test_the_edit_page_holds_files_too(english, officer, django_capture_on_commit_callbacks):
    report = report_in(Report.Status.DRAFT, author=officer)
    english.force_login(officer)
    response = english.post(f"/reports/{report.code}/edit/", form_data(
        title="", attachments=[SimpleUploadedFile("scan.png", png_bytes())]))
    token = TOKEN.search(response.content.decode()).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        english.post(f"/reports/{report.code}/edit/", form_data(held_attachments=token))
    assert [a.original_name for a in report.attachments.all()] == ["scan.png"]


def test_another_user_cannot_use_a_held_file(english, officer, other_officer):
    english.force_login(officer)
    token = first_try(english)
    english.force_login(other_officer)
    response = english.post("/reports/new/", form_data(held_attachments=token))
    assert response.status_code == 200 and not Report.objects.exists()
    assert "A file attached earlier is no longer held; choose it again." in (
        response.content.decode())
    assert "photo.png" not in response.content.decode()
    # Nor remove it.
    english.post("/reports/new/", form_data(title="", held_attachments=token,
                                            remove_held=token))
    assert len(held_files()) == 1


@pytest.mark.parametrize("token", ["nonsense", "a:b:c", "x" * 500])
def test_a_forged_token_is_refused_with_a_message(english, officer, token):
    english.force_login(officer)
    response = english.post("/reports/new/", form_data(held_attachments=token))
    assert response.status_code == 200 and not Report.objects.exists()
    assert "no longer held" in response.content.decode()


def test_held_files_expire_and_are_swept(english, officer):
    english.force_login(officer)
    token = first_try(english)
    [name] = held_files()
    long_ago = (timezone.now() - pending.MAX_AGE - dt.timedelta(minutes=5)).timestamp()
    os.utime(default_storage.path(f"{pending.FOLDER}/{name}"), (long_ago, long_ago))
    # The next file held by anyone sweeps the stale one away.
    first_try(english)
    assert name not in held_files() and len(held_files()) == 1
    response = english.post("/reports/new/", form_data(held_attachments=token))
    assert not Report.objects.exists() and "no longer held" in response.content.decode()
