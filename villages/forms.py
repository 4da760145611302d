from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.forms import StaffMultipleChoiceField
from accounts.selectors import office_staff
from core.uploads import PHOTOS_AND_PDF, MultipleFileInput, UploadsField
from core.widgets import DateInput
from villages.models import IMMIGRATION_AGENCY_KIND, DesaBinaan, OutreachEvent


class OutreachEventForm(forms.ModelForm):
    officers = StaffMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Officers"),
    )
    attachments = UploadsField(
        accepted=PHOTOS_AND_PDF,
        widget=MultipleFileInput(attrs={"accept": ",".join(PHOTOS_AND_PDF.types)}),
        label=_("Photos and documents"),
        required=False,
        help_text=_("JPEG, PNG or WebP photos and PDF documents; several files may be chosen."),
    )

    class Meta:
        model = OutreachEvent
        fields = ["date", "kind", "topic", "audience", "participants_men", "participants_women",
                  "officers", "partner_agencies", "notes"]
        widgets = {
            "date": DateInput(),
            "partner_agencies": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = office_staff()
        agencies = self.fields["partner_agencies"].queryset
        self.fields["partner_agencies"].queryset = (
            agencies.filter(is_active=True).exclude(kind=IMMIGRATION_AGENCY_KIND).order_by("name")
        )
        for name in ("participants_men", "participants_women"):
            self.fields[name].widget.attrs["min"] = 0


class DesaBinaanFilterForm(forms.Form):
    """The search and filters of the list page; bad values are ignored, never an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    district = forms.ChoiceField(
        label=_("District"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("All statuses")), *DesaBinaan.Status.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [
            ("", _("All districts")), *((region.code, region.name) for region in districts)
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "query": self.cleaned_data["q"],
            "district": self.cleaned_data["district"],
            "status": self.cleaned_data["status"],
        }
