"""A Desa Binaan's history (the admin's History page) lists the changes made on its page to its
PIMPASA assignments, contacts and migrant-worker figures, not only those to the designation."""

import datetime

import pytest
from django.utils import translation

from tests.villages.factories import FigureFactory
from villages.models import PimpasaAssignment, VillageContact

CHANGE = "/admin/villages/desabinaan/{}/change/"
HISTORY = "/admin/villages/desabinaan/{}/history/"


def posted(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


def change_form_data(response) -> dict:
    """What the admin change page would post back unchanged: its form and every inline row."""
    form = response.context["adminform"].form
    data = {name: posted(form[name].value()) for name in form.fields}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(name): posted(management[name].value())
                     for name in management.fields})
        for row in formset.forms:
            data.update({row.add_prefix(name): posted(row[name].value()) for name in row.fields
                         if row[name].value() not in (None, False)})
    return data


@pytest.mark.django_db
def test_the_history_shows_pimpasa_contact_and_figure_changes_made_on_the_village_page(
        client, admin_user, officer, desa):
    assignment = PimpasaAssignment.objects.create(desa_binaan=desa, officer=officer,
                                                  start=datetime.date(2024, 6, 20))
    VillageContact.objects.create(desa_binaan=desa, role="head", name="Pak Suwarno")
    figure = FigureFactory(desa_binaan=desa, procedural=10)
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"

    page = client.get(CHANGE.format(desa.pk))
    data = change_form_data(page)
    pimpasa_row = next(key for key, value in data.items()
                       if key.startswith("pimpasa_assignments-") and key.endswith("-id")
                       and value == str(assignment.pk)).removesuffix("-id")
    figure_row = next(key for key, value in data.items()
                      if key.startswith("figures-") and key.endswith("-id")
                      and value == str(figure.pk)).removesuffix("-id")
    data[f"{pimpasa_row}-end"] = "2025-01-31"
    data[f"{figure_row}-procedural"] = "14"
    data["_save"] = "Save"
    saved = client.post(CHANGE.format(desa.pk), data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors if saved.context else ""
    assignment.refresh_from_db()
    figure.refresh_from_db()
    assert assignment.end == datetime.date(2025, 1, 31) and figure.procedural == 14

    with translation.override("en"):
        history = client.get(HISTORY.format(desa.pk))
    assert history.status_code == 200
    changes = {(change.kind_label, change.kind, tuple(change.fields))
               for change in history.context["part_changes"]}
    assert ("PIMPASA assignment", "~", ("until",)) in changes
    assert ("migrant-worker figure", "~", ("procedural migrant workers",)) in changes
    assert ("village contact", "+", ()) in changes
    html = history.content.decode()
    assert 'id="part-change-history"' in html
    assert officer.get_full_name() in html or officer.get_username() in html
    assert html.count("<tr>") >= 4  # the header and the three records' changes, at least


@pytest.mark.django_db
def test_the_history_of_one_village_leaves_out_another_villages_records(client, admin_user,
                                                                        officer, desa):
    other = FigureFactory()
    FigureFactory(desa_binaan=desa)
    client.force_login(admin_user)
    history = client.get(HISTORY.format(desa.pk))
    records = [change.record for change in history.context["part_changes"]]
    assert len(records) == 1 and other.pk not in {record.id for record in records}
