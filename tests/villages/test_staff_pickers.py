"""The admin's pickers of PIMPASA and outreach officers offer the office's staff only, by full
name (with the login when two share a name), and refuse anyone else posted directly."""

import pytest
from django.utils import translation

from accounts.forms import STAFF_ONLY
from accounts.roles import Role
from tests.factories import make_user
from tests.villages.factories import OutreachEventFactory
from tests.villages.test_history import change_form_data
from villages.models import PimpasaAssignment

CHANGE = "/admin/villages/desabinaan/{}/change/"
OUTREACH_CHANGE = "/admin/villages/outreachevent/{}/change/"


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def staff(office, officer, supervisor, polres_member):
    named(officer, "Rina", "Pratiwi")
    named(supervisor, "Budi", "Santoso")
    named(polres_member, "Agus", "Polres")
    twin = named(make_user("rina2", Role.OFFICER, office), "Rina", "Pratiwi")
    gone = named(make_user("gone", Role.OFFICER, office, is_active=False), "Lama", "Pergi")
    return {"officer": officer, "supervisor": supervisor, "polres": polres_member, "twin": twin,
            "gone": gone}


def offered(response, field: str) -> dict[str, str]:
    """The choices of `field` of the first inline row (or of the main form)."""
    form = response.context["adminform"].form
    if field in form.fields:
        bound = form[field]
    else:
        inline = next(inline for inline in response.context["inline_admin_formsets"]
                      if any(field in row.fields for row in inline.formset.forms)
                      or field in inline.formset.empty_form.fields)
        bound = inline.formset.empty_form[field]
    return {str(value): label for value, label in bound.field.choices if value != ""}


@pytest.mark.django_db
def test_the_pimpasa_picker_offers_office_staff_by_name(client, admin_user, desa, staff):
    client.force_login(admin_user)
    choices = offered(client.get(CHANGE.format(desa.pk)), "officer")
    assert set(choices) == {str(staff["officer"].pk), str(staff["supervisor"].pk),
                            str(staff["twin"].pk)}
    assert choices[str(staff["supervisor"].pk)] == "Budi Santoso"
    # Two Rina Pratiwi: each carries the login.
    assert choices[str(staff["officer"].pk)] == "Rina Pratiwi (officer)"
    assert choices[str(staff["twin"].pk)] == "Rina Pratiwi (rina2)"


@pytest.mark.django_db
def test_an_agency_member_posted_as_pimpasa_is_refused_with_a_message(client, admin_user, desa,
                                                                       staff):
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    data = change_form_data(client.get(CHANGE.format(desa.pk)))
    data.update({"pimpasa_assignments-TOTAL_FORMS": "1",
                 "pimpasa_assignments-0-officer": str(staff["polres"].pk),
                 "pimpasa_assignments-0-start": "2024-06-20", "_save": "Save"})
    response = client.post(CHANGE.format(desa.pk), data)
    assert response.status_code == 200  # the form again, not a redirect after saving
    assert not PimpasaAssignment.objects.exists()
    errors = response.context["inline_admin_formsets"][0].formset.errors
    with translation.override("en"):
        assert errors[0]["officer"] == [str(STAFF_ONLY)]


@pytest.mark.django_db
def test_the_outreach_officers_picker_offers_and_accepts_office_staff_only(client, admin_user,
                                                                           staff):
    event = OutreachEventFactory()
    client.force_login(admin_user)
    page = client.get(OUTREACH_CHANGE.format(event.pk))
    choices = offered(page, "officers")
    assert str(staff["polres"].pk) not in choices and str(staff["gone"].pk) not in choices
    assert choices[str(staff["supervisor"].pk)] == "Budi Santoso"

    data = change_form_data(page)
    data.pop("officers", None)
    data["officers"] = [str(staff["supervisor"].pk), str(staff["polres"].pk)]
    data["_save"] = "Save"
    response = client.post(OUTREACH_CHANGE.format(event.pk), data)
    assert response.status_code == 200
    with translation.override("en"):
        assert response.context["adminform"].form.errors["officers"] == [str(STAFF_ONLY)]
    assert not event.officers.exists()

    data["officers"] = [str(staff["supervisor"].pk)]
    assert client.post(OUTREACH_CHANGE.format(event.pk), data).status_code == 302
    assert list(event.officers.all()) == [staff["supervisor"]]

