"""Forms of the two-factor pages: a code (from the authenticator or a recovery code) and the
password that turns two-factor sign-in off; the pickers of office staff other apps' forms use."""

import re
from collections import Counter

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

AUTHENTICATOR_CODE = re.compile(r"\d{6}")
# django-otp's recovery codes: eight characters of the base32 alphabet, written in lower case.
RECOVERY_CODE = re.compile(r"[a-z2-7]{8}")


def normalised(raw: str) -> str:
    """Spaces and dashes are how people copy codes; they and the case do not matter."""
    return re.sub(r"[\s-]", "", raw).lower()


class AuthenticatorCodeForm(forms.Form):
    """The six digits the authenticator app shows now."""

    token = forms.CharField(
        label=_("Code from the app"), max_length=32, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True, "spellcheck": "false"}),
        help_text=_("The 6 digits your authenticator app shows for TIMPORA."),
    )

    def clean_token(self):
        token = normalised(self.cleaned_data["token"])
        if not AUTHENTICATOR_CODE.fullmatch(token):
            raise forms.ValidationError(
                _("Enter the 6 digits your authenticator app shows."), code="format")
        return token


class SignInCodeForm(forms.Form):
    """The second sign-in step: an authenticator code, or one of the recovery codes."""

    token = forms.CharField(
        label=_("Code"), max_length=32, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True,
                                      "autocapitalize": "none", "spellcheck": "false"}),
        help_text=_("The 6 digits your authenticator app shows for TIMPORA, or one of your "
                    "recovery codes if you do not have your phone."),
    )

    def clean_token(self):
        token = normalised(self.cleaned_data["token"])
        if not (AUTHENTICATOR_CODE.fullmatch(token) or RECOVERY_CODE.fullmatch(token)):
            raise forms.ValidationError(
                _("Enter the 6 digits your authenticator app shows, or a recovery code of 8 "
                  "letters and digits."), code="format")
        return token


class DisableForm(forms.Form):
    """Turning two-factor sign-in off asks for the password again: an unattended open session is
    not enough."""

    password = forms.CharField(
        label=_("Your password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="password")
        return password


STAFF_ONLY = _("Only an active officer or supervisor of the immigration office can be chosen.")


def staff_label(user, shared_names: set[str]) -> str:
    """A user by full name; with the login in brackets when another offered user shares it."""
    name = user.get_full_name()
    if not name:
        return user.get_username()
    return f"{name} ({user.get_username()})" if name in shared_names else name


class StaffChoiceIterator(ModelChoiceIterator):
    """The choices in one query, so that names two people share can carry their logins."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        users = list(self.queryset)
        counts = Counter(user.get_full_name() for user in users)
        shared = {name for name, count in counts.items() if name and count > 1}
        for user in users:
            yield self.choice(user)[0], staff_label(user, shared)


class StaffChoiceField(forms.ModelChoiceField):
    """A picker of office staff (accounts.selectors.office_staff); anyone else posted is refused
    with a clear message."""

    iterator = StaffChoiceIterator
    default_error_messages = {"invalid_choice": STAFF_ONLY}


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = StaffChoiceIterator
    default_error_messages = {"invalid_choice": STAFF_ONLY}
