"""Mentions of people, passport normalisation, attachment checks and script neutralised."""

import io
import zipfile
from email.message import Message

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.markdown import render_markdown
from core.uploads import check_upload, clean_file_name
from reports import services
from people.models import Mention, Person, normalise_passport
from reports.models import Attachment
from tests.reports.factories import (
    PersonFactory,
    ReportFactory,
    drain,
    name_person,
    png_bytes,
)

pytestmark = pytest.mark.django_db

ROW = {"full_name": "LIU YANG", "sex": "male", "nationality": "CN",
       "passport_number": "ej-482 1937", "entry_mode": "voa", "role": "subject"}


def test_passport_numbers_are_stored_normalised():
    assert normalise_passport(" ej-482 1937 ") == "EJ4821937"


def test_a_known_passport_is_only_a_candidate_never_a_link(officer):
    """Naming a passport the register holds links nothing and changes nobody: the mention waits
    for office staff, with the person as its candidate."""
    known = PersonFactory(office=officer.profile.agency, full_name="LIU YANG",
                          passport_number="EJ4821937", occupation="")
    report = ReportFactory(author=officer)
    services.report_update(report=report, user=officer, fields={}, people=[
        {**ROW, "occupation": "Trader"}])
    mention = report.people_links.get().mention
    assert (mention.state, mention.person, mention.passport_number) == (
        "pending", None, "EJ4821937")
    assert (mention.candidate_count, mention.best_score) == (1, 1.0)
    known.refresh_from_db()
    assert known.occupation == "" and not known.mentions.exists()


def test_a_twin_passport_is_refused_by_the_model_and_the_database(officer):
    first = PersonFactory(passport_number="EJ4821937", nationality="CN")
    twin = Person(full_name="X", nationality="CN", passport_number="ej4821937",
                  office=first.office)
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "passport_number" in error.value.message_dict


def test_removed_rows_remove_the_mention_but_keep_the_register_person(officer):
    report = ReportFactory(author=officer)
    person = name_person(report, PersonFactory(office=report.office))
    services.report_update(report=report, user=officer, fields={}, people=[])
    assert not report.people_links.exists()
    assert not Mention.objects.exists()
    assert Person.objects.get() == person


def _office_zip(entries: dict[str, bytes], first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first, entries.pop(first))
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _office_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _office_zip({"mimetype": b"application/vnd.oasis.opendocument.text",
                   "content.xml": b"<office:document-content/>"}, first="mimetype")


@pytest.mark.parametrize(("name", "content", "mime"), [
    ("photo.png", png_bytes(), "image/png"),
    ("scan.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF", "application/pdf"),
    ("memo.docx", DOCX,
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("memo.odt", ODT, "application/vnd.oasis.opendocument.text"),
])
def test_accepted_files(name, content, mime):
    assert check_upload(SimpleUploadedFile(name, content)) == mime


@pytest.mark.parametrize(("name", "content", "code"), [
    ("photo.jpg", b"<?php system($_GET['c']); ?>", "type"),      # a script dressed as a photo
    ("scan.pdf", b"<html><script>alert(1)</script></html>", "type"),
    ("report.docx", _office_zip({"evil.sh": b"rm -rf /"}), "type"),  # any ZIP is not a docx
    ("photo.pdf", png_bytes(), "extension"),                    # content and name disagree
    ("memo.docx", ODT, "extension"),
    ("empty.png", b"", "empty"),
    ("broken.png", png_bytes()[:40], "damaged"),
])
def test_rejected_files_say_why(name, content, code):
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content))
    assert error.value.code == code
    assert name in error.value.messages[0]


def test_files_over_the_limit_are_refused(settings):
    settings.MAX_UPLOAD_SIZE = 1024
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("big.png", png_bytes((200, 200)) + b"\0" * 2048))
    assert error.value.code == "too_large"


def test_stored_under_a_random_name_with_a_clean_original_name(officer):
    report = ReportFactory(author=officer)
    upload = SimpleUploadedFile("../../etc/<b>passwd</b>\x00.png", png_bytes())
    attachment = services.attachment_add(report=report, user=officer, upload=upload)
    assert "/" not in attachment.original_name and "\x00" not in attachment.original_name
    stored = attachment.file.name.rsplit("/", 1)[-1]
    assert len(stored) == 36 and stored.endswith(".png")
    assert "passwd" not in attachment.file.name


def test_clean_file_name():
    assert clean_file_name("C:\\Users\\x\\scan 1.pdf") == "scan 1.pdf"
    assert clean_file_name("a\x07b.pdf") == "ab.pdf"
    assert clean_file_name("") == "file"


def test_script_in_the_narrative_never_runs():
    html = render_markdown(
        "Hello <script>alert(1)</script> **bold** <img src=x onerror=alert(2)> "
        "[link](javascript:alert(3)) <a href='https://example.org' onclick='x()'>ok</a>"
    )
    assert "<script" not in html and "onerror" not in html and "onclick" not in html
    assert "javascript:" not in html
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html


def test_script_in_narrative_title_and_file_name_is_shown_as_text(client, officer):
    payload = "<script>alert('x')</script>"
    report = ReportFactory(author=officer, title=payload, narrative=f"# Hi\n\n{payload}")
    Attachment.objects.create(report=report, original_name=f"{payload}.pdf",
                              content_type="application/pdf", size=1, uploaded_by=officer,
                              file="reports/attachments/x.pdf")
    client.force_login(officer)
    body = client.get(reverse("reports:detail", args=[report.code])).content.decode()
    assert payload not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body


def test_the_download_name_is_quoted_safely(client, officer):
    report = ReportFactory(author=officer)
    upload = SimpleUploadedFile('a"; filename=evil.html; x=".pdf',
                                b"%PDF-1.4\n%%EOF")
    attachment = services.attachment_add(report=report, user=officer, upload=upload)
    client.force_login(officer)
    response = client.get(reverse("reports:attachment", args=[attachment.code]))
    disposition = response["Content-Disposition"]
    drain(response)
    assert disposition.startswith("attachment;")
    header = Message()
    header["Content-Disposition"] = disposition
    assert header.get_filename().endswith(".pdf")  # one file name, not a second parameter
