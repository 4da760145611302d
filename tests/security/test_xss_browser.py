"""In a real browser, pages showing hostile input open no dialog and break no policy: every
payload below is stored through the services, then the pages that display it are visited."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings import services as meeting_services
from people import services as register
from people.models import Address, Mention
from reports import services as report_services
from reports.models import ReportPerson
from tests.e2e.conftest import sign_in
from tests.reports.factories import PersonFactory, png_bytes, report_in
from tests.security.conftest import count
from tests.security.test_input_attacks import XSS
from villages import services as village_services

pytestmark = pytest.mark.browser


def store_payloads(world):
    """Each payload in a report (title, narrative, person, file name), a meeting and an outreach;
    returns the pages that show them."""
    officer, supervisor = world.users["officer"], world.users["supervisor"]
    pages = set()
    for index, payload in enumerate(XSS):
        report = report_in("draft", author=officer, title=payload[:200],
                           narrative=f"# {payload}\n\n{payload}", location_text=payload[:200])
        report_services.attachment_add(report=report, user=officer, upload=SimpleUploadedFile(
            f"{payload[:60]}.png", png_bytes(), content_type="image/png"))
        person = PersonFactory(full_name=payload[:200], occupation=payload[:120])
        Address.objects.create(person=person, street=payload[:255])
        register.person_refresh(person)
        mention = Mention.objects.create(office=report.office, full_name=payload[:200],
                                         address=payload[:255], nationality="CN",
                                         state="linked", person=person)
        ReportPerson.objects.create(report=report, mention=mention)
        pages |= {report.get_absolute_url(), f"/people/{person.code}/",
                  f"/people/mentions/{mention.code}/"}
        village_services.outreach_record(
            desa_binaan=world.objects["desa"], recorded_by=officer,
            date=f"2024-06-{index + 1:02d}", kind="safe_migration", topic=payload[:200],
            notes=payload)
        count("browser payloads stored")
    meeting = world.objects["meeting_published"]
    minutes = meeting.minutes
    minutes.summary = "\n\n".join(XSS)
    minutes.decisions = "\n".join(XSS)
    minutes.save()
    meeting_services.meeting_update(meeting=world.objects["meeting_invited"], editor=officer,
                                    title=XSS[1][:200], venue=XSS[0][:200])
    del supervisor
    pages |= {"/reports/", "/people/", "/meetings/", meeting.get_absolute_url(),
              f"/meetings/{meeting.code}/minutes/print/",
              world.objects["meeting_invited"].get_absolute_url(),
              f"/villages/{world.objects['desa'].code}/", "/search/?q=alert",
              "/search/?q=%3Cscript%3E"}
    return sorted(pages)


@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_in_the_browser(page, world):
    paths = store_payloads(world)
    dialogs, violations = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: violations.append((page.url, message.text[:90]))
            if "Content Security Policy" in message.text else None)
    sign_in(page, "officer")
    for path in paths:
        response = page.goto(page.base_url + path)
        assert response.status < 500, path
        page.wait_for_load_state("load")
        count("browser pages visited with payloads")
    count("browser dialogs opened (executions)", len(dialogs))
    assert dialogs == []
    # The policy was not needed to stop them, and the app's own pages break no rule of it.
    assert violations == [], sorted(set(violations))
