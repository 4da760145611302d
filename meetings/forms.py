"""Forms of the meetings part: they validate input and say what is wrong; services decide who
may do what."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency
from accounts.selectors import office_staff
from core.widgets import DateInput
from meetings.models import AgendaItem, Attendee, FollowUpAction, Meeting, Minutes, Team
from villages.models import Region

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class BootstrapWidgetsMixin:
    """Bootstrap classes on the widgets of forms that are laid out by hand (formset rows,
    filters) rather than through crispy."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.username


class MeetingForm(forms.ModelForm):
    chair = UserChoiceField(queryset=None, required=False, label=_("chair"))
    minute_taker = UserChoiceField(queryset=None, required=False, label=_("minute-taker"))

    class Meta:
        model = Meeting
        fields = ["team", "title", "kind", "starts_at", "ends_at", "venue", "village", "chair",
                  "minute_taker", "invited_agencies"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "invited_agencies": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "invited_agencies": _("Leave empty to invite the team's active member agencies."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agency_id = getattr(getattr(user, "profile", None), "agency_id", None)
        self.fields["team"].queryset = Team.objects.visible_to(user).filter(is_active=True)
        staff = office_staff(agency_id) if agency_id is not None else office_staff().none()
        self.fields["chair"].queryset = staff
        self.fields["minute_taker"].queryset = staff
        self.fields["minute_taker"].error_messages["invalid_choice"] = _(
            "The minute-taker must be staff of the office."
        )
        self.fields["village"].queryset = Region.objects.filter(
            level=Region.Level.VILLAGE
        ).order_by("name")
        self.fields["invited_agencies"].queryset = Agency.objects.active().partners()
        self.fields["invited_agencies"].required = False
        if self.instance.pk and self.instance.status == Meeting.Status.SCHEDULED:
            # A scheduled meeting moves only through "reschedule", which is recorded.
            for name in ("starts_at", "ends_at"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Use “Reschedule” to change the time.")
        if self.instance.pk:
            self.fields["team"].disabled = True

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return cleaned


class RescheduleForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("new start"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("new end"), widget=DateTimeInput())
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000)

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return cleaned


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("reason for cancelling"),
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class AgendaItemForm(BootstrapWidgetsMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "presenter", "planned_minutes", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


AgendaFormSet = forms.inlineformset_factory(
    Meeting, AgendaItem, form=AgendaItemForm, extra=1, can_delete=True, can_order=True,
)


class AttendeeForm(BootstrapWidgetsMixin, forms.ModelForm):
    class Meta:
        model = Attendee
        fields = ["agency", "name", "position", "presence"]

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].error_messages["invalid_choice"] = _(
            "Choose one of the invited agencies or the office."
        )


def attendance_agencies(meeting: Meeting):
    """Who may be on the attendance list: the invited agencies and the chairing office."""
    return Agency.objects.filter(
        Q(meeting_invitations=meeting) | Q(pk=meeting.team.chair_agency_id)
    ).distinct().order_by("name")


AttendeeFormSet = forms.inlineformset_factory(
    Meeting, Attendee, form=AttendeeForm, extra=3, can_delete=True,
)


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["summary", "decisions", "recommendations"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}


class CorrectionForm(forms.Form):
    reason = forms.CharField(label=_("reason for the correction"),
                             widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class AgendaDiscussionForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["discussion", "outcome"]
        widgets = {"discussion": forms.Textarea(attrs={"rows": 3}),
                   "outcome": forms.Textarea(attrs={"rows": 2})}


AgendaDiscussionFormSet = forms.modelformset_factory(
    AgendaItem, form=AgendaDiscussionForm, extra=0, can_delete=False,
)


class FollowUpActionForm(BootstrapWidgetsMixin, forms.ModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["description", "agency", "due_date"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "due_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.active()
        self.fields["agency"].error_messages["required"] = _(
            "Choose the agency responsible for this action."
        )

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if self.instance.pk is None and due_date < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due_date


ActionFormSet = forms.inlineformset_factory(
    Meeting, FollowUpAction, form=FollowUpActionForm, extra=2, can_delete=False,
)


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=FollowUpAction.Status.choices)
    note = forms.CharField(label=_("progress note"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class MeetingFilterForm(BootstrapWidgetsMixin, forms.Form):
    when = forms.ChoiceField(
        label=_("period"), required=False,
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
    )
    team = forms.ModelChoiceField(label=_("team"), queryset=None, required=False)
    status = forms.ChoiceField(
        label=_("status"), required=False,
        choices=[("", _("All statuses")), *Meeting.Status.choices],
    )
    agency = forms.ModelChoiceField(label=_("agency"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.visible_to(user)
        self.fields["agency"].queryset = Agency.objects.active()
