"""The minutes as a printable page and as a PDF, in Indonesian, with the attendance list."""

import io
import sys

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Meeting
from tests.meetings.factories import AgendaItemFactory, AttendeeFactory, MinutesFactory, at


@pytest.fixture
def published(make_meeting, supervisor, officer, police, office):
    meeting = make_meeting(status=Meeting.Status.MINUTES_PUBLISHED, starts_at=at(-7),
                           chair=supervisor, minute_taker=officer, title="Rapat TIMPORA Jambean")
    AgendaItemFactory(meeting=meeting, title="Situasi orang asing", discussion="**Tegas**")
    AttendeeFactory(meeting=meeting, agency=police, name="Agus Prasetyo", position="Kasat Intelkam")
    AttendeeFactory(meeting=meeting, agency=office, name="Rina Wulandari", presence="excused")
    MinutesFactory(meeting=meeting, published_by=supervisor, published_at=meeting.starts_at,
                   summary="Ringkasan <script>alert(1)</script> rapat")
    return meeting


@pytest.mark.pdf
@pytest.mark.django_db
def test_the_pdf_holds_the_attendees_and_signatures_in_indonesian(client, published,
                                                                  polres_member):
    client.force_login(polres_member)
    client.cookies["django_language"] = "en"  # the document stays Indonesian
    response = client.get(reverse("meetings:minutes_pdf", args=[published.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("Agus Prasetyo", "Rina Wulandari", "Kasat Intelkam", "Polres Kediri",
                     "NOTULEN RAPAT", "Daftar hadir", "Ketua rapat", "Notulis"):
        assert expected in text, expected
    assert "alert(1)" not in text or "<script>" not in text


@pytest.mark.django_db
def test_the_printable_page_renders_markdown_safely(client, published, officer):
    client.force_login(officer)
    page = client.get(reverse("meetings:minutes_print", args=[published.code])).content.decode()
    assert "Agus Prasetyo" in page and "Rina Wulandari" in page
    assert "<strong>Tegas</strong>" in page
    assert "<script>alert(1)</script>" not in page


@pytest.mark.django_db
def test_the_sign_in_sheet_lists_the_invited_agencies(client, published, officer):
    client.force_login(officer)
    page = client.get(reverse("meetings:signin_sheet", args=[published.code])).content.decode()
    assert "DAFTAR HADIR" in page
    assert "Polres Kediri" in page and "Kanim Kediri" in page


@pytest.fixture
def no_weasyprint(monkeypatch):
    """Rendering is impossible: importing WeasyPrint fails, as on a machine without its
    libraries. What is tested is the permission check, which must come first."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)


@pytest.mark.django_db
def test_a_refused_user_is_refused_before_any_pdf_is_rendered(client, make_meeting, published,
                                                              outsider, polres_member,
                                                              supervisor, manpower, no_weasyprint):
    url = reverse("meetings:minutes_pdf", args=[published.code])
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    client.force_login(outsider)  # Disnaker sees nothing of this meeting
    assert client.get(url).status_code == 404
    # A team member who was not invited sees the meeting but not its minutes.
    not_invited = make_meeting(status=Meeting.Status.MINUTES_PUBLISHED, starts_at=at(-7),
                               invited=[manpower])
    MinutesFactory(meeting=not_invited, published_by=supervisor,
                   published_at=not_invited.starts_at)
    client.force_login(polres_member)
    assert client.get(reverse("meetings:minutes_pdf", args=[not_invited.code])).status_code == 404
    # The same member may read the first meeting's minutes: only then is WeasyPrint needed,
    # which shows that rendering really is impossible in this test.
    with pytest.raises(ImportError):
        client.get(url)
