import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import page_queries
from tests.factories import make_user
from tests.villages.conftest import PDF_BYTES, png_bytes
from tests.villages.factories import (
    DesaBinaanFactory,
    FigureFactory,
    OutreachEventFactory,
    VillageFactory,
    kediri_district,
)
from villages import services
from villages.models import DesaBinaan, OutreachAttachment, OutreachEvent
from villages.panels import village_page_panels


def outreach_data(**changes):
    return {"date": "2024-06-20", "kind": "safe_migration", "topic": "Migrasi aman",
            "audience": "Calon PMI", "participants_men": "12", "participants_women": "15",
            "notes": "", **changes}


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client, desa):
    for url in (reverse("villages:list"), reverse("villages:detail", args=[desa.code]),
                reverse("villages:outreach_new", args=[desa.code])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("user_fixture", ["officer", "supervisor", "polres_member", "outsider"])
def test_the_team_reads_the_list_and_the_village_page(client, request, desa, user_fixture,
                                                      officer):
    services.pimpasa_assign(desa_binaan=desa, officer=officer, start=datetime.date(2024, 3, 4))
    FigureFactory(desa_binaan=desa, year=2023, destination="TW", procedural=9, non_procedural=1)
    FigureFactory(desa_binaan=desa, year=2024, destination="MY", procedural=19, non_procedural=2)
    OutreachEventFactory(desa_binaan=desa, topic="Paspor dan migrasi aman")
    client.force_login(request.getfixturevalue(user_fixture))
    page = client.get(reverse("villages:list")).content.decode()
    assert "Jambean" in page
    assert "Kras" in page
    assert officer.get_full_name() in page
    assert ">28<" in page  # procedural migrant workers, all years
    detail = client.get(reverse("villages:detail", args=[desa.code])).content.decode()
    assert "Paspor dan migrasi aman" in detail
    assert "Taiwan" in detail
    assert "64172" in detail


@pytest.mark.django_db
def test_a_user_without_a_role_sees_no_village(client, desa, office):
    stranger = make_user("stranger", None, office)
    client.force_login(stranger)
    assert "Jambean" not in client.get(reverse("villages:list")).content.decode()
    assert client.get(reverse("villages:detail", args=[desa.code])).status_code == 404


@pytest.mark.django_db
def test_unknown_codes_answer_404(client, officer):
    client.force_login(officer)
    assert client.get("/villages/abcdefghjkmn/").status_code == 404
    assert client.get("/villages/12/").status_code == 404


@pytest.mark.django_db
def test_search_and_filters(client, officer, desa):
    other_district = kediri_district("35.06.21", "Kunjang")
    DesaBinaanFactory(region=VillageFactory(code="35.06.21.2008", name="Wonorejo",
                                            parent=other_district),
                      status=DesaBinaan.Status.INACTIVE, active_until=datetime.date(2025, 1, 1))
    client.force_login(officer)
    url = reverse("villages:list")

    def shown(**params):
        page = client.get(url, params).content.decode()
        return {name for name in ("Jambean", "Wonorejo") if name in page}

    assert shown() == {"Jambean", "Wonorejo"}
    assert shown(q="jamb") == {"Jambean"}
    assert shown(q="Kunjang") == {"Wonorejo"}
    assert shown(status="inactive") == {"Wonorejo"}
    assert shown(district="35.06.03") == {"Jambean"}
    # Nonsense in the query string is ignored, never an error page.
    assert client.get(url, {"district": "x' OR 1=1", "status": "zzz", "page": "999"}
                      ).status_code == 200


def add_villages(count, officer):
    for _n in range(count):
        desa = DesaBinaanFactory()
        FigureFactory(desa_binaan=desa)
        OutreachEventFactory(desa_binaan=desa)
        services.pimpasa_assign(desa_binaan=desa, officer=officer, start=datetime.date(2024, 1, 1))




@pytest.mark.django_db
def test_the_list_runs_the_same_number_of_queries_for_2_and_40_villages(client, officer):
    client.force_login(officer)
    url = reverse("villages:list")
    add_villages(2, officer)
    with_two = page_queries(client, url)
    add_villages(38, officer)
    with_forty = page_queries(client, url)
    assert with_two == with_forty
    # Of which ours: districts for the filter, count, the page of rows, their current PIMPASA.
    assert with_forty <= 14


@pytest.mark.django_db
def test_an_officer_records_outreach_with_photos_and_documents(client, officer, supervisor,
                                                               police, desa):
    client.force_login(officer)
    url = reverse("villages:outreach_new", args=[desa.code])
    assert client.get(url).status_code == 200
    response = client.post(url, outreach_data(
        officers=[officer.pk, supervisor.pk], partner_agencies=[police.pk],
        attachments=[SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png"),
                     SimpleUploadedFile("hadir.pdf", PDF_BYTES, content_type="application/pdf")],
    ))
    assert response.status_code == 302
    assert response["Location"] == reverse("villages:detail", args=[desa.code])
    event = OutreachEvent.objects.get()
    assert event.recorded_by == officer
    assert set(event.officers.all()) == {officer, supervisor}
    assert list(event.partner_agencies.all()) == [police]
    assert event.attachments.count() == 2
    photo = event.attachments.get(content_type="image/png")
    download = client.get(reverse("villages:attachment", args=[photo.code]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == png_bytes()
    download.close()


@pytest.mark.django_db
@pytest.mark.parametrize(("changes", "field"), [
    ({"participants_men": "-3"}, "participants_men"),
    ({"participants_women": "banyak"}, "participants_women"),
    ({"date": "2099-01-01"}, "date"),
    ({"date": "kemarin"}, "date"),
    ({"attachments": [SimpleUploadedFile("a.pdf", b"not a pdf", content_type="application/pdf")]},
     "attachments"),
])
def test_bad_outreach_input_is_shown_at_the_field_and_keeps_the_rest(client, officer, desa,
                                                                      changes, field):
    client.force_login(officer)
    response = client.post(reverse("villages:outreach_new", args=[desa.code]),
                           outreach_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'value="Migrasi aman"' in response.content.decode()
    assert 'id="error-summary"' in response.content.decode()
    assert not OutreachEvent.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("user_fixture", ["polres_member", "outsider"])
def test_agency_members_read_but_cannot_record_outreach(client, request, desa, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    url = reverse("villages:outreach_new", args=[desa.code])
    assert client.get(url).status_code == 403
    assert client.post(url, outreach_data()).status_code == 403
    assert not OutreachEvent.objects.exists()
    page = client.get(reverse("villages:detail", args=[desa.code])).content.decode()
    assert url not in page


@pytest.mark.django_db
def test_attachments_follow_the_village_visibility(client, officer, office, desa):
    event = services.outreach_record(
        desa_binaan=desa, recorded_by=officer, date=datetime.date(2024, 6, 20),
        kind="safe_migration", topic="Migrasi aman",
        files=[SimpleUploadedFile("hadir.pdf", PDF_BYTES, content_type="application/pdf")],
    )
    attachment = OutreachAttachment.objects.get(event=event)
    url = reverse("villages:attachment", args=[attachment.code])
    client.force_login(make_user("stranger", None, office))
    assert client.get(url).status_code == 404
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    response.close()


def sample_panel(request, desa):
    from django.utils.html import format_html

    return format_html("<h2>Rapat di {}</h2>", desa.region.name)


def unsafe_panel(request, desa):
    return "<script>alert(1)</script>"


@pytest.mark.django_db
def test_other_apps_add_panels_to_the_village_page(client, officer, desa):
    client.force_login(officer)
    with village_page_panels.replaced(f"{__name__}.sample_panel", unsafe_panel):
        page = client.get(reverse("villages:detail", args=[desa.code])).content.decode()
    assert "<h2>Rapat di Jambean</h2>" in page
    assert "<script>alert(1)</script>" not in page
