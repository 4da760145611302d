"""Outreach photos and documents get the checks and the download response of report attachments
(core.uploads): content, extension and image integrity; saved, never shown, sandboxed."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.villages.conftest import PDF_BYTES, image_bytes, png_bytes
from villages import services
from villages.admin import OutreachAttachmentForm
from villages.models import OutreachAttachment, OutreachEvent

pytestmark = pytest.mark.django_db


def html_that_starts_like_a_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("x.html", b"%PDF-1.4\n<html><script>alert(1)</script></html>",
                              content_type="application/pdf")


def record(desa, officer, files):
    return services.outreach_record(
        desa_binaan=desa, recorded_by=officer, date=datetime.date(2024, 6, 20),
        kind=OutreachEvent.Kind.SAFE_MIGRATION, topic="Migrasi aman", files=files)


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_an_html_file_that_starts_like_a_pdf_is_refused_saying_why(desa, officer, settings):
    with pytest.raises(ValidationError) as excinfo:
        record(desa, officer, [SimpleUploadedFile("foto.png", png_bytes()),
                               html_that_starts_like_a_pdf()])
    assert excinfo.value.messages == [
        "x.html does not contain what its extension says; rename it to .pdf or choose another "
        "file."]
    assert not OutreachEvent.objects.exists() and stored_files(settings) == []


@pytest.mark.parametrize("upload", [
    SimpleUploadedFile("rusak.png", png_bytes()[:40]),  # a PNG header, then nothing
    SimpleUploadedFile("catatan.docx", b"PK\x03\x04 not an outreach file"),
])
def test_damaged_photos_and_other_types_are_refused(desa, officer, upload):
    with pytest.raises(ValidationError):
        record(desa, officer, [upload])
    assert not OutreachEvent.objects.exists()


def test_a_good_pdf_and_jpeg_are_kept_with_their_checked_type(desa, officer):
    event = record(desa, officer, [SimpleUploadedFile("hadir.pdf", PDF_BYTES),
                                   SimpleUploadedFile("Foto Kegiatan.JPG", image_bytes("JPEG"))])
    kept = {item.original_name: item for item in event.attachments.all()}
    assert {name: item.content_type for name, item in kept.items()} == {
        "hadir.pdf": "application/pdf", "Foto Kegiatan.JPG": "image/jpeg"}
    photo = kept["Foto Kegiatan.JPG"]
    assert photo.file.name == f"villages/outreach/{photo.code}.jpg"
    with photo.file.open("rb") as stored:
        assert stored.read() == image_bytes("JPEG")


def test_the_form_refuses_the_file_by_name_and_keeps_what_was_typed(client, officer, desa,
                                                                    settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer)
    response = client.post(reverse("villages:outreach_new", args=[desa.code]), {
        "date": "2024-06-20", "kind": "safe_migration", "topic": "Migrasi aman",
        "participants_men": "1", "participants_women": "2",
        "attachments": [SimpleUploadedFile("hadir.pdf", PDF_BYTES),
                        html_that_starts_like_a_pdf()],
    })
    assert response.status_code == 200
    assert response.context["form"].errors["attachments"] == [
        "x.html does not contain what its extension says; rename it to .pdf or choose another "
        "file."]
    assert 'value="Migrasi aman"' in response.content.decode()
    assert not OutreachEvent.objects.exists() and stored_files(settings) == []


@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("foto.png", png_bytes(), "image/png"),
    ("hadir.pdf", PDF_BYTES, "application/pdf"),
])
def test_downloads_are_saved_never_shown_and_sandboxed(client, officer, desa, name, content,
                                                       content_type):
    event = record(desa, officer, [SimpleUploadedFile(name, content)])
    client.force_login(officer)
    response = client.get(reverse("villages:attachment", args=[event.attachments.get().code]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == content
    response.close()


def test_a_file_missing_from_storage_answers_404(client, officer, desa):
    event = record(desa, officer, [SimpleUploadedFile("hadir.pdf", PDF_BYTES)])
    attachment = event.attachments.get()
    attachment.file.delete(save=False)
    client.force_login(officer)
    assert client.get(reverse("villages:attachment", args=[attachment.code])).status_code == 404


def test_replacing_a_file_in_the_admin_with_a_refused_one_keeps_the_stored_file(desa, officer):
    event = record(desa, officer, [SimpleUploadedFile("hadir.pdf", PDF_BYTES)])
    attachment = event.attachments.get()
    form = OutreachAttachmentForm(data={}, files={"file": html_that_starts_like_a_pdf()},
                                  instance=attachment)
    assert not form.is_valid()
    assert form.errors["file"] == [
        "x.html does not contain what its extension says; rename it to .pdf or choose another "
        "file."]
    attachment = OutreachAttachment.objects.get()
    assert (attachment.original_name, attachment.content_type) == ("hadir.pdf", "application/pdf")
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES


def test_the_admin_form_takes_a_good_file_with_its_checked_type(desa, officer):
    event = record(desa, officer, [SimpleUploadedFile("hadir.pdf", PDF_BYTES)])
    photo = SimpleUploadedFile("f.jpg", image_bytes("JPEG"))
    form = OutreachAttachmentForm(data={}, files={"file": photo}, instance=event.attachments.get())
    assert form.is_valid(), form.errors
    saved = form.save()
    assert (saved.original_name, saved.content_type) == ("f.jpg", "image/jpeg")
