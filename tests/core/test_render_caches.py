"""Two render shortcuts must answer exactly what Django and crispy-forms would: choice labels kept
per field and language, and unbound forms rendered once per language, initial values and choices."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.db.models import Model
from django.utils import translation

from accounts.models import Agency
from core.templatetags.cached_forms import crispy_cached
from reports.forms import ReasonForm, ShareForm
from people.models import Permit, Person
from reports.models import Report
from tests.factories import AgencyFactory


@pytest.mark.parametrize("language", ["id", "en"])
def test_choice_labels_match_djangos_in_each_language(language):
    report = Report(status=Report.Status.SUBMITTED, priority=Report.Priority.HIGH,
                    source_reliability="B", information_credibility=2)
    person = Person(sex=Person.Sex.FEMALE)
    permit = Permit(kind="itas")
    with translation.override(language):
        for obj, fields in ((report, ["status", "priority", "source_reliability",
                                      "information_credibility", "category"]),
                            (person, ["sex"]), (permit, ["kind"])):
            for name in fields:
                field = obj._meta.get_field(name)
                expected = Model._get_FIELD_display(obj, field)
                assert getattr(obj, f"get_{name}_display")() == expected, name
    # A value outside the choices shows as itself, as in Django.
    report.status = "unheard-of"
    assert report.get_status_display() == "unheard-of"


def test_labels_follow_the_language():
    report = Report(status=Report.Status.SUBMITTED)
    with translation.override("en"):
        english = report.get_status_display()
    with translation.override("id"):
        indonesian = report.get_status_display()
    assert english == "Submitted" and indonesian != english


@pytest.mark.django_db
def test_an_unbound_form_is_rendered_as_crispy_forms_renders_it_in_each_language():
    for language in ("id", "en"):
        with translation.override(language):
            form = ReasonForm(prefix="return")
            assert str(crispy_cached(form)) == str(as_crispy_form(form))
            assert str(crispy_cached(ReasonForm(prefix="return"))) == str(as_crispy_form(form))
    with translation.override("en"):
        english = str(crispy_cached(ReasonForm(prefix="return")))
    with translation.override("id"):
        assert str(crispy_cached(ReasonForm(prefix="return"))) != english


@pytest.mark.django_db
def test_a_bound_form_shows_its_own_errors():
    crispy_cached(ReasonForm(prefix="return"))
    bound = ReasonForm({"return-reason": ""}, prefix="return")
    html = str(crispy_cached(bound))
    assert "invalid-feedback" in html and html == str(as_crispy_form(bound))


@pytest.mark.django_db
def test_a_new_agency_appears_in_the_cached_share_form_at_once():
    AgencyFactory(short_name="Polres Kediri", kind=Agency.Kind.POLICE)
    before = str(crispy_cached(ShareForm(prefix="share")))
    AgencyFactory(short_name="Kodim 0809", kind=Agency.Kind.ARMY)
    after = str(crispy_cached(ShareForm(prefix="share")))
    assert "Kodim 0809" not in before and "Kodim 0809" in after
    # The initial sharing of the report is part of the form too.
    chosen = str(crispy_cached(ShareForm(prefix="share", initial={"sharing": "team"})))
    assert chosen != after
