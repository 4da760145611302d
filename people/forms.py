from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.widgets import DateInput, FastSelect
from people.models import Address, Entry, Permit, Person, Sponsor
from villages.fields import VillageField


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or passport number"), max_length=100, required=False)
    nationality = forms.ChoiceField(label=_("Nationality"), required=False, widget=FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = [("", _("Any nationality")), *countries]


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or passport number"), max_length=100, required=False)


class PersonCodeField(forms.CharField):
    """A person of the register named by code; the view gives the people it may name."""

    def __init__(self, *, people=None, **kwargs):
        kwargs.setdefault("max_length", 22)
        super().__init__(**kwargs)
        self.people = people

    def clean(self, value):
        code = super().clean(value)
        if not code:
            return None
        person = self.people.filter(code=code.strip()).first() if self.people is not None else None
        if person is None:
            raise forms.ValidationError(
                _("No person of your office's register has this code."), code="unknown")
        return person


class LinkForm(forms.Form):
    person = PersonCodeField(label=_("Person"), widget=forms.HiddenInput)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].people = people


class MergeForm(forms.Form):
    """Merging `merged` into `survivor`: per identity field whose values differ, whose to keep."""

    SIDES = [("survivor", _("Kept person's")), ("merged", _("Merged person's"))]

    def __init__(self, *args, survivor: Person, merged: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.differing = []
        for name in Person.IDENTITY_FIELDS:
            mine, theirs = getattr(survivor, name), getattr(merged, name)
            if str(mine or "") == str(theirs or ""):
                continue
            field = Person._meta.get_field(name)
            empty = mine in ("", None) or (name == "sex" and mine == Person.Sex.UNKNOWN)
            self.fields[name] = forms.ChoiceField(
                label=field.verbose_name.capitalize(), choices=self.SIDES,
                widget=forms.RadioSelect, initial="merged" if empty else "survivor")
            self.differing.append((self[name], _display(survivor, name), _display(merged, name)))


def _display(person: Person, name: str) -> str:
    if name == "nationality":
        return person.nationality.name if person.nationality else "—"
    if name == "sex":
        return person.get_sex_display()
    value = getattr(person, name)
    return str(value) if value not in ("", None) else "—"


class MergeTargetForm(forms.Form):
    other = PersonCodeField(
        label=_("Code of the person to merge into this one"),
        help_text=_("The code is on the other person's page, below the name."))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].people = people


class PermitForm(forms.ModelForm):
    sponsor = forms.ModelChoiceField(label=_("Sponsor"), queryset=Sponsor.objects.none(),
                                     required=False)

    class Meta:
        model = Permit
        fields = ["kind", "visa_index", "number", "issued_on", "expires_on", "sponsor"]
        widgets = {"issued_on": DateInput(), "expires_on": DateInput()}

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sponsor"].queryset = Sponsor.objects.filter(office=office)


class EntryForm(forms.ModelForm):
    class Meta:
        model = Entry
        fields = ["mode", "entered_on", "port"]
        widgets = {"entered_on": DateInput()}


class AddressForm(forms.ModelForm):
    village = VillageField(label=_("Village"), required=False,
                           help_text=_("A village name or its Kemendagri code."))

    class Meta:
        model = Address
        fields = ["street", "village", "since", "until"]
        widgets = {"since": DateInput(), "until": DateInput()}
