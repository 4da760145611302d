from django import forms
from django.utils.translation import gettext_lazy as _

from audit import hooks
from audit.actions import Action
from core.widgets import DateInput


class EventFilterForm(forms.Form):
    actor = forms.CharField(label=_("User"), max_length=150, required=False,
                            help_text=_("The exact username."))
    action = forms.ChoiceField(label=_("Event"), required=False,
                               choices=[("", _("Any event")), *Action.choices])
    target = forms.CharField(label=_("Object"), max_length=40, required=False,
                             help_text=_("A report number or an object's code."))
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned


def history_choices() -> list[tuple[str, str]]:
    from django.apps import apps

    return [(label.lower(), apps.get_model(label)._meta.verbose_name_plural.capitalize())
            for label in hooks.history_models.labels()]


class ChangeFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Records"), required=False)
    target = forms.CharField(label=_("Object"), max_length=40, required=False,
                             help_text=_("A report number or an object's code."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = history_choices()
