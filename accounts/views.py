"""Two-factor sign-in pages: the password step, the code step, and the user's own set-up page.

The password step signs in at once only a user without an authenticator. Anyone with one is held
as pending (accounts.two_factor.pending_start) and signed in by the code step, so that
`user_logged_in` is sent once, after both factors. A wrong code is a failed sign-in for
django-axes, which locks the username at that address after AXES_FAILURE_LIMIT failures.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.forms import AuthenticatorCodeForm, DisableForm, SignInCodeForm
from accounts.two_factor import (
    PENDING_SESSION_KEY,
    Outcome,
    authenticator_confirm,
    authenticator_of,
    authenticator_qr_svg,
    authenticator_secret,
    authenticator_start,
    code_verify,
    has_two_factor,
    pending_clear,
    pending_of,
    pending_start,
    recovery_codes_left,
    recovery_codes_regenerate,
    two_factor_disable,
    two_factor_required,
    unconfirmed_authenticator_of,
)


def safe_next(request, candidate: str | None, default: str | None = None) -> str:
    """Where to go after a step: `candidate` when it stays on this site, else `default` (a URL
    or URL name; the start page when not given)."""
    if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return resolve_url(default or settings.LOGIN_REDIRECT_URL)


def wrong_code_message(outcome: Outcome) -> str:
    if outcome is Outcome.TOO_SOON:
        return _("Too many wrong codes in a row. Wait a few seconds, then enter the code your "
                 "app shows now.")
    return _("That code is not right or was already used. Enter the code your app shows now, "
             "or an unused recovery code.")


class SignInView(LoginView):
    """Django's sign-in page, which stops after the password for a user with an authenticator."""

    def form_valid(self, form):
        user = form.get_user()
        pending_clear(self.request)
        if not has_two_factor(user):
            return super().form_valid(form)
        pending_start(self.request, user, self.get_success_url())
        return redirect("two_factor:verify")


@login_not_required
@sensitive_post_parameters("token")
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    """The code step: for a pending sign-in (which may follow another user's session in the same
    browser), or for a signed-in session not yet verified."""
    found = pending_of(request)
    if found is not None:
        user, pending = found
    elif request.user.is_authenticated:
        user, pending = request.user, None
        if user.is_verified():
            return redirect(safe_next(request, request.GET.get("next")))
        if not has_two_factor(user):
            return redirect("two_factor:overview")
    else:
        if request.session.get(PENDING_SESSION_KEY) is not None:
            pending_clear(request)
            messages.error(request, _("The sign-in took too long. Enter your password again."))
        return redirect_to_login(request.GET.get("next", ""))

    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return _locked_out(request, credentials)

    form = SignInCodeForm(request.POST or None)
    if request.method == "POST":
        outcome = Outcome.WRONG
        if form.is_valid():
            outcome, device = code_verify(user=user, token=form.cleaned_data["token"])
            if outcome is Outcome.RIGHT:
                return _signed_in(request, user, device, pending)
            form.add_error("token", wrong_code_message(outcome))
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return _locked_out(request, credentials)
    return render(request, "accounts/two_factor/verify.html", {"form": form})


def _signed_in(request, user, device, pending):
    if pending is None:
        otp_login(request, device)
        request.session.cycle_key()
        return redirect(safe_next(request, request.GET.get("next")))
    pending_clear(request)
    login(request, user, backend=pending["backend"])  # a new session key, as for any sign-in
    otp_login(request, device)
    if isinstance(device, StaticDevice):
        left = recovery_codes_left(user)
        messages.warning(request, _("You signed in with a recovery code; %(count)s are left. "
                                    "Make new ones on the two-factor page if you run low.")
                         % {"count": left})
    return redirect(safe_next(request, pending.get("next")))


def _locked_out(request, credentials):
    """django-axes' lock-out page; the pending sign-in or unverified session ends with it."""
    pending_clear(request)
    if request.user.is_authenticated:
        logout(request)
    request.axes_locked_out = False  # answered here; the middleware need not answer again
    return get_lockout_response(request, None, credentials)


def _needs_code(request):
    """A session not yet verified may not change a second factor that the user already has."""
    if has_two_factor(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('two_factor:verify')}?next={reverse('two_factor:overview')}")
    return None


def _overview(request, disable_form=None, status=200):
    user = request.user
    device = authenticator_of(user)
    required = two_factor_required(user)
    if device is not None and not required and disable_form is None:
        disable_form = DisableForm(user=user)
    return render(request, "accounts/two_factor/overview.html", {
        "device": device,
        "required": required,
        "codes_left": recovery_codes_left(user) if device else 0,
        "disable_form": disable_form,
    }, status=status)


@require_GET
@never_cache
def overview(request):
    """Keamanan akun: whether two-factor sign-in is on, and what the user can change."""
    return _overview(request)


@require_POST
def start(request):
    """A new authenticator key; the set-up page shows it until a code confirms it."""
    if (needs_code := _needs_code(request)) is not None:
        return needs_code
    authenticator_start(user=request.user)
    return redirect("two_factor:setup")


@sensitive_post_parameters("token")
@never_cache
@require_http_methods(["GET", "POST"])
def setup(request):
    """The QR code and the key of the new authenticator, and the code that confirms it."""
    if (needs_code := _needs_code(request)) is not None:
        return needs_code
    device = unconfirmed_authenticator_of(request.user)
    if device is None:
        return redirect("two_factor:overview")
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome, codes = authenticator_confirm(device=device, token=form.cleaned_data["token"])
        if outcome is Outcome.RIGHT:
            otp_login(request, device)
            request.session.cycle_key()
            return _show_recovery_codes(request, codes, just_enrolled=True)
        form.add_error("token", wrong_code_message(outcome))
    return render(request, "accounts/two_factor/setup.html", {
        "form": form,
        "qr_svg": authenticator_qr_svg(device, title=_("QR code for your authenticator app")),
        "secret": authenticator_secret(device),
    })


@require_POST
@never_cache
def recovery_codes(request):
    """Ten new recovery codes, shown on this answer only; the old ones stop working."""
    if (needs_code := _needs_code(request)) is not None:
        return needs_code
    if not has_two_factor(request.user):
        messages.error(request, _("Set up two-factor sign-in first."))
        return redirect("two_factor:overview")
    return _show_recovery_codes(request, recovery_codes_regenerate(user=request.user),
                                just_enrolled=False)


def _show_recovery_codes(request, codes, *, just_enrolled):
    return render(request, "accounts/two_factor/recovery_codes.html",
                  {"codes": codes, "just_enrolled": just_enrolled})


@sensitive_post_parameters("password")
@require_POST
def disable(request):
    """Turn two-factor sign-in off, for a user whose role does not require it."""
    if two_factor_required(request.user):
        raise PermissionDenied
    if (needs_code := _needs_code(request)) is not None:
        return needs_code
    if not has_two_factor(request.user):
        return redirect("two_factor:overview")
    # The password asked here is counted by axes like the sign-in's, so that a session taken
    # over cannot try passwords here without limit.
    credentials = {"username": request.user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return _locked_out(request, credentials)
    form = DisableForm(request.POST, user=request.user)
    if not form.is_valid():
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return _locked_out(request, credentials)
        return _overview(request, disable_form=form)
    two_factor_disable(user=request.user)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    messages.success(request, _("Two-factor sign-in is off. Your password alone signs you in."))
    return redirect("two_factor:overview")


@login_not_required
@require_http_methods(["GET", "POST"])
def admin_login(request):
    """The admin's own sign-in form would sign in with a password alone: it sends to the app's
    sign-in instead, which asks for the code too and returns to the admin page."""
    next_url = safe_next(request, request.GET.get("next"), default="admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    if not admin.site.has_permission(request):
        raise PermissionDenied
    return redirect(next_url)
