import re

from django import forms
from django.forms.models import fields_for_model
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import Agency
from accounts.selectors import office_staff
from core.uploads import UploadsField
from core.widgets import DateInput, FastSelect
from people.models import PASSPORT_HELP, PASSPORT_PATTERN, Mention, normalise_passport
from reports import pending, rules
from reports.models import Report, ReportPerson
from reports.services import PERSON_FIELDS
from villages.fields import VillageField

REGION_CODE = re.compile(r"^\d{2}(\.\d{2}){0,2}(\.\d{4})?$")
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


GRADING_REQUIRED = {
    "source_reliability": _("Grade how reliable the source is (A to F)."),
    "information_credibility": _("Grade how credible the information is (1 to 6)."),
}


def grading_fields(fields) -> None:
    """The grading starts unchosen, so that nobody files an "A" they never picked; leaving it
    unchosen is refused with a message that says what to choose."""
    fields["source_reliability"].choices = [
        ("", _("Choose the source's reliability")), *Report.Reliability.choices]
    fields["information_credibility"].choices = [
        ("", _("Choose the information's credibility")), *Report.Credibility.choices]
    for name, message in GRADING_REQUIRED.items():
        fields[name].required = True
        fields[name].error_messages["required"] = message


class ReportForm(forms.ModelForm):
    village = VillageField(
        label=_("Village"), required=False,
        help_text=_("Type a village name or its Kemendagri code and pick a suggestion."),
    )
    attachments = UploadsField(
        label=_("Attachments"), required=False,
        help_text=_("Photos, scans, PDF or office documents (DOCX, XLSX, ODT, ODS)."),
    )
    # Tokens of files chosen on an earlier try of this form and held for it (reports.pending).
    held_attachments = forms.CharField(required=False, widget=forms.HiddenInput,
                                       max_length=20_000)

    class Meta:
        model = Report
        fields = [
            "title", "observed_at", "category", "priority", "narrative", "location_text",
            "village", "latitude", "longitude", "source_type", "source_agency",
            "source_reliability", "information_credibility", "assigned_to",
            "recommended_action",
        ]
        widgets = {
            "observed_at": forms.DateTimeInput(attrs={"type": "datetime-local"},
                                               format=DATETIME_LOCAL),
            "narrative": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, user, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.held: list[pending.Held] = []
        self.fields["observed_at"].input_formats = [DATETIME_LOCAL, "%Y-%m-%d %H:%M"]
        grading_fields(self.fields)
        if self.instance.village_id:
            self.initial["village"] = self.instance.village
        if rules.submits_directly(user):
            for name in ("source_type", "source_agency", "assigned_to", "recommended_action"):
                del self.fields[name]
        else:
            self.fields["source_agency"].queryset = Agency.objects.active().partners()
            self.fields["assigned_to"].queryset = office_staff(office)
            self.fields["assigned_to"].label_from_instance = (
                lambda user: user.get_full_name() or user.username
            )
        for name in ("village", "latitude", "longitude"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.fields["village"].widget.attrs.update(
            {"list": "village-suggestions",
             "data-autocomplete-url": reverse("reports:village_autocomplete")}
        )

    def clean_held_attachments(self):
        """The files held from an earlier try, less those the user removed; a token that is not
        this user's, or has expired, is refused with a message (never a 500)."""
        tokens = self.cleaned_data["held_attachments"].split()
        removed = set(self.data.getlist("remove_held")) if hasattr(self.data, "getlist") else set()
        found = [pending.find(user=self.user, token=token) for token in dict.fromkeys(tokens)]
        pending.release([item for item in found if item and item.token in removed])
        self.held = [item for item in found if item and item.token not in removed]
        if None in found:
            raise forms.ValidationError(
                _("A file attached earlier is no longer held; choose it again."), code="expired")
        return self.held

    def clean_observed_at(self):
        observed_at = self.cleaned_data["observed_at"]
        if observed_at and observed_at > timezone.now():
            raise forms.ValidationError(_("The observation time cannot be in the future."))
        return observed_at


class PersonRowForm(forms.Form):
    """One person named in the report, as the author writes them: a row of the people formset.

    The row carries no register person and no mention id: which register person it is, office
    staff decide on the mention (people.services)."""

    role = forms.ChoiceField(label=_("Role in the report"), choices=ReportPerson.Role.choices,
                             initial=ReportPerson.Role.SUBJECT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in fields_for_model(Mention, fields=PERSON_FIELDS).items():
            self.fields[name] = field
        self.fields["village"] = VillageField(
            label=_("Village"), required=False,
            help_text=_("Where they live or stay: a village name or its Kemendagri code."))
        self.fields["village"].widget.attrs.update(
            {"list": "village-suggestions", "autocomplete": "off",
             "data-autocomplete-url": reverse("reports:village_autocomplete")})
        for name in ("date_of_birth", "permit_expires_on"):
            self.fields[name].widget = DateInput()
        self.fields["visa_index"].widget.attrs["autocapitalize"] = "characters"

    def clean_passport_number(self):
        number = normalise_passport(self.cleaned_data.get("passport_number", ""))
        if number and not PASSPORT_PATTERN.match(number):
            raise forms.ValidationError(PASSPORT_HELP)
        return number

    def clean_visa_index(self):
        index = self.cleaned_data.get("visa_index", "").strip().upper()
        if index and not re.fullmatch(r"[A-Z][0-9A-Z]{1,7}", index):
            raise forms.ValidationError(
                _("A visa index is a letter and digits, for example C312, E33G or D212."))
        return index

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born and born > timezone.localdate():
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        return born


class BasePeopleFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or form.errors:
                continue
            key = (form.cleaned_data.get("nationality"), form.cleaned_data.get("passport_number"))
            if key[1] and key in seen:
                form.add_error("passport_number",
                               _("This passport number is already given in another row."))
            seen.add(key)

    def people(self) -> list[dict]:
        return [
            form.cleaned_data for form in self.forms
            if form.has_changed() and not self._should_delete_form(form)
        ]


PeopleFormSet = forms.formset_factory(
    PersonRowForm, formset=BasePeopleFormSet, extra=1, can_delete=True, max_num=30,
    validate_max=True,
)


def people_initial(report: Report) -> list[dict]:
    """The rows as the author wrote them: the report's mentions, never a register person."""
    rows = []
    for link in report.people_links.select_related("mention__village__parent"):
        row = {name: getattr(link.mention, name) for name in PERSON_FIELDS}
        row["role"] = link.role
        rows.append(row)
    return rows


class GradingForm(forms.ModelForm):
    """The supervisor's own grading of the source and the information, during review."""

    note = forms.CharField(label=_("Why the grading changes (optional)"), max_length=2000,
                           required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Report
        fields = ["source_reliability", "information_credibility"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        grading_fields(self.fields)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("What should be revised"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ReviewNoteForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("Action decided"), choices=Report.Action.choices)
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def clean_decided_on(self):
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise forms.ValidationError(_("The decision date cannot be in the future."))
        return decided_on


class ShareForm(forms.Form):
    sharing = forms.ChoiceField(label=_("Share with"), choices=Report.Sharing.choices,
                                widget=forms.RadioSelect)
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies"), queryset=Agency.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Used when sharing with chosen agencies. Agencies see the report once it is "
                    "verified, with passport numbers masked."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Agency.objects.active().partners()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sharing") == Report.Sharing.AGENCIES and not cleaned.get("agencies"):
            self.add_error("agencies", _("Choose at least one agency to share with."))
        return cleaned


class NoteForm(forms.Form):
    body = forms.CharField(label=_("New note"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ReportFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status")), *Report.Status.choices])
    category = forms.ChoiceField(label=_("Category"), required=False,
                                 choices=[("", _("Any category")), *Report.Category.choices])
    priority = forms.TypedChoiceField(
        label=_("Priority"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Any priority")), *Report.Priority.choices])
    # A typed code with suggestions, not a select: Indonesia has over 7,000 districts.
    region = forms.CharField(
        label=_("District or village"), required=False, max_length=13,
        help_text=_("Type a district name and pick a suggestion, or a Kemendagri code."),
        widget=forms.TextInput(attrs={"list": "region-suggestions", "autocomplete": "off",
                                      "data-autocomplete-url": reverse_lazy(
                                          "reports:region_autocomplete")}),
    )
    nationality = forms.ChoiceField(label=_("Nationality"), required=False, widget=FastSelect)
    observed_from = forms.DateField(label=_("Observed from"), required=False, widget=DateInput())
    observed_to = forms.DateField(label=_("Observed until"), required=False, widget=DateInput())
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False,
        choices=[("-observed", _("Newest observation first")),
                 ("observed", _("Oldest observation first")),
                 ("-priority", _("Highest priority first")),
                 ("number", _("Number, ascending")), ("-number", _("Number, descending"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = [("", _("Any nationality")), *countries]

    def clean_region(self):
        code = self.cleaned_data["region"].strip()
        if code and not REGION_CODE.match(code):
            raise forms.ValidationError(_("Choose a district from the list."))
        return code

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("observed_from"), cleaned.get("observed_to")
        if start and end and start > end:
            self.add_error("observed_to", _("The end of the range is before its start."))
        return cleaned
