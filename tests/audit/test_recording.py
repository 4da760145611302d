"""Each recording point adds exactly one event with the right actor, action and object, and no
passport number, name or search text ever reaches the audit table."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from reports.models import Report
from tests.reports.test_pages import form_data

pytestmark = pytest.mark.django_db
PASSWORD = "timpora-test"


def only_event(**expected) -> AuditEvent:
    """The one event recorded, checked against `expected` field values."""
    events = list(AuditEvent.objects.all())
    assert len(events) == 1, [str(event) for event in events]
    event = events[0]
    for name, value in expected.items():
        assert getattr(event, name) == value, (name, getattr(event, name), value)
    return event


def signed_in(user) -> Client:
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.force_login(user)
    forget_events()  # the sign-in event of force_login
    return client


def forget_events() -> None:
    AuditEvent.objects.prune(before=timezone.now() + timedelta(days=1))


def kind(model) -> ContentType:
    return ContentType.objects.get_for_model(model)


def test_reading_a_report(world):
    report = world.objects["shared"]
    response = signed_in(world.users["polres"]).get(report.get_absolute_url())
    assert response.status_code == 200
    event = only_event(actor=world.users["polres"], actor_username="polres", action="read",
                       object_id=report.pk, object_code=report.code, object_label=report.number,
                       ip_address="10.1.2.3", path=report.get_absolute_url())
    assert event.content_type == kind(Report) and report.number.startswith("LI/")


def test_reading_a_person(world):
    person = world.objects["shared_person"]
    assert signed_in(world.users["officer"]).get(
        reverse("people:detail", args=[person.code])).status_code == 200
    event = only_event(action="read", object_code=person.code, object_label="",
                       actor_username="officer")
    assert event.content_type.model == "person"


def test_downloading_an_attachment(world):
    attachment = world.objects["shared_attachment"]
    response = signed_in(world.users["supervisor"]).get(
        reverse("reports:attachment", args=[attachment.code]))
    assert response.status_code == 200
    b"".join(response.streaming_content)
    only_event(action="read", object_code=attachment.code, actor_username="supervisor")


@pytest.mark.parametrize(("url_name", "model", "args"), [
    ("reports:export_csv", "report", []),
    ("reports:export_xlsx", "report", []),
    ("people:export_csv", "person", []),
    ("people:export_xlsx", "person", []),
    ("meetings:export_csv", "meeting", []),
    ("meetings:export_xlsx", "meeting", []),
])
def test_list_exports(world, url_name, model, args):
    response = signed_in(world.users["officer"]).get(reverse(url_name, args=args))
    assert response.status_code == 200
    event = only_event(action="export", actor_username="officer", object_code="")
    assert event.content_type.model == model
    assert event.detail["fmt"] == url_name.rsplit("_", 1)[1]
    assert event.detail["rows"] == response.export_rows > 0
    assert event.detail["filtered"] is False


def test_a_filtered_export_records_that_it_was_filtered_but_not_the_filter(world):
    response = signed_in(world.users["officer"]).get(
        reverse("people:export_csv"), {"q": "X1234567S"})
    assert response.status_code == 200 and b"BRAVO SHAREDPERSON" in response.content
    event = only_event(action="export")
    assert event.detail == {"fmt": "csv", "filtered": True, "rows": 1}


@pytest.mark.parametrize("fmt", ["xlsx", pytest.param("pdf", marks=pytest.mark.pdf)])
def test_monthly_report_downloads(world, fmt):
    response = signed_in(world.users["supervisor"]).get(
        reverse(f"monthly:{fmt}", kwargs={"month": "2024-06"}))
    assert response.status_code == 200
    event = only_event(action="export", actor_username="supervisor", content_type=None)
    assert event.detail == {"month": "2024-06", "fmt": fmt, "filtered": False}


@pytest.mark.pdf
def test_minutes_pdf(world):
    meeting = world.objects["meeting_published"]
    response = signed_in(world.users["polres"]).get(
        reverse("meetings:minutes_pdf", args=[meeting.code]))
    assert response.status_code == 200
    event = only_event(action="export", object_code=meeting.code, actor_username="polres")
    assert event.detail == {"fmt": "pdf"}


def test_a_refused_download_records_nothing_but_the_refusal(world):
    response = signed_in(world.users["polres"]).get(
        reverse("monthly:xlsx", kwargs={"month": "2024-06"}))
    assert response.status_code == 404
    assert not AuditEvent.objects.exists()  # no object page: a plain 404 is not a refusal


def test_search_records_the_number_of_results_only(world):
    response = signed_in(world.users["officer"]).get(reverse("overview:search"),
                                                     {"q": "SHAREDPERSON"})
    assert response.status_code == 200
    event = only_event(action="search", path=reverse("overview:search"), content_type=None)
    # The shared report that names him and the register person.
    assert event.detail == {"results": 2}


def test_creating_and_editing_a_report(world):
    client = signed_in(world.users["officer"])
    assert client.post(reverse("reports:create"), form_data()).status_code == 302
    report = Report.objects.get(title="WNA overstay in Jambean")
    only_event(action="create", object_code=report.code, actor_username="officer")
    forget_events()
    data = form_data(title="Edited", **{"people-TOTAL_FORMS": "0"})
    assert client.post(reverse("reports:edit", args=[report.code]), data).status_code == 302
    only_event(action="change", object_code=report.code, detail={})


def test_a_workflow_step(world):
    report = world.objects["submitted"]
    response = signed_in(world.users["supervisor"]).post(
        reverse("reports:verify", args=[report.code]), {"verify-note": ""})
    assert response.status_code == 302
    only_event(action="change", object_code=report.code, object_label=report.number,
               actor_username="supervisor", detail={"step": "verify"})


def test_a_refused_workflow_step_is_not_a_change(world):
    report = world.objects["shared"]  # already verified
    signed_in(world.users["supervisor"]).post(reverse("reports:verify", args=[report.code]),
                                              {"verify-note": ""})
    assert not AuditEvent.objects.filter(action="change").exists()


# --- sign-in ---------------------------------------------------------------------------------


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR="10.0.0.7")


def test_sign_in_and_sign_out(officer):
    client = Client()
    assert sign_in(client, "officer", PASSWORD).status_code == 302
    only_event(action="sign_in", actor=officer, actor_username="officer", ip_address="10.0.0.7")
    forget_events()
    assert client.post(reverse("logout")).status_code == 302
    only_event(action="sign_out", actor=officer, actor_username="officer")


def test_a_failed_sign_in_keeps_the_username_never_the_password(officer):
    assert sign_in(Client(), "officer", "Wrong-Secret-99").status_code == 200
    event = only_event(action="sign_in_failed", actor=None, actor_username="officer",
                       ip_address="10.0.0.7", path=reverse("login"))
    assert "Wrong-Secret-99" not in str(AuditEvent.objects.values().get())
    assert event.detail == {}


def test_a_lock_out(officer, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    for _attempt in range(2):
        sign_in(client, "officer", "wrong")
    assert AuditEvent.objects.filter(action="sign_in_failed").count() == 2
    assert AuditEvent.objects.filter(action="locked_out").count() == 1
    locked = AuditEvent.objects.get(action="locked_out")
    assert (locked.actor_username, locked.ip_address) == ("officer", "10.0.0.7")


# --- refusals --------------------------------------------------------------------------------


def test_a_report_that_exists_but_is_not_visible(world):
    draft = world.objects["draft"]
    response = signed_in(world.users["polres"]).get(draft.get_absolute_url())
    assert response.status_code == 404
    event = only_event(action="refused", actor_username="polres", object_code=draft.code,
                       object_id=draft.pk, detail={"status": 404})
    assert event.content_type == kind(Report)


def test_a_person_that_exists_but_is_not_visible(world):
    person = world.objects["submitted_person"]
    assert signed_in(world.users["disnaker"]).get(
        reverse("people:detail", args=[person.code])).status_code == 404
    only_event(action="refused", object_code=person.code, detail={"status": 404})


def test_a_code_that_does_not_exist_is_no_refusal(world):
    response = signed_in(world.users["polres"]).get(
        reverse("reports:detail", args=["222222222222"]))
    assert response.status_code == 404
    assert not AuditEvent.objects.exists()


def test_a_403_to_a_signed_in_user(world):
    meeting = world.objects["meeting_invited"]
    response = signed_in(world.users["polres"]).get(reverse("meetings:edit", args=[meeting.code]))
    assert response.status_code == 403
    only_event(action="refused", actor_username="polres", detail={"status": 403},
               path=reverse("meetings:edit", args=[meeting.code]))


def test_anonymous_visitors_are_sent_to_sign_in_not_recorded(world):
    assert Client().get(world.objects["draft"].get_absolute_url()).status_code == 302
    assert not AuditEvent.objects.exists()


# --- no personal data ------------------------------------------------------------------------


def test_no_passport_number_name_or_search_text_reaches_the_audit_table(world):
    """Every recording point, driven with a passport number and a name as search text."""
    officer = signed_in(world.users["officer"])
    polres = signed_in(world.users["polres"])
    passport, name = "X1234567S", "BRAVO SHAREDPERSON"
    person = world.objects["shared_person"]
    for text in (passport, name, "X1234567D"):
        for url in (reverse("overview:search"), reverse("reports:list"), reverse("people:list"),
                    reverse("reports:export_csv"), reverse("people:export_xlsx")):
            assert officer.get(url, {"q": text}).status_code == 200
    officer.get(reverse("people:detail", args=[person.code]), {"q": passport})
    officer.get(world.objects["shared"].get_absolute_url())
    polres.get(world.objects["draft"].get_absolute_url(), {"q": passport})  # refused
    sign_in(Client(), "officer", passport)
    rows = list(AuditEvent.objects.values())
    assert {row["action"] for row in rows} >= {"search", "export", "read", "refused",
                                               "sign_in_failed"}
    dump = str(rows)
    for secret in ("X1234567D", "X1234567S", "ALPHA DRAFTPERSON", "BRAVO", "SHAREDPERSON",
                   "DRAFT-7731", "SHARED-7732", "q="):
        assert secret not in dump, secret


@pytest.mark.parametrize(("url", "app_label", "model"), [
    (reverse("people:list"), "people", "person"), (reverse("reports:list"), "reports", "report")])
def test_a_list_searched_by_text_is_recorded_with_its_count_only(world, url, app_label, model):
    """Who looked up a passport number in the people list, say: the search is in the trail, its
    text is not; browsing, filtering and later pages are not searches."""
    officer = signed_in(world.users["officer"])
    officer.get(url)
    officer.get(url, {"nationality": "CN"} if model == "person" else {"status": "submitted"})
    assert not AuditEvent.objects.exists()
    response = officer.get(url, {"q": "X1234567S"})
    assert response.status_code == 200
    event = only_event(action="search", actor=world.users["officer"],
                       content_type=ContentType.objects.get(app_label=app_label, model=model))
    assert event.detail == {"results": response.context["page"].count, "capped": False}
    assert "X1234567S" not in str(AuditEvent.objects.values())
