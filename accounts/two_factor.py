"""Two-factor sign-in: an authenticator app (TOTP) and ten single-use recovery codes, kept by
django-otp.

Officers, supervisors and admins must use it when OTP_REQUIRED is on; agency members may. A user
with an authenticator is not signed in by the password alone: the sign-in page holds them as
pending in the session (see `pending_start`) until a code is right (accounts.views).
"""

import enum
import time
from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import is_office_staff
from core.caching import forget

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_DIGITS = 6
# How long the code step waits after a right password before the password is asked again.
PENDING_LIFETIME_SECONDS = 5 * 60
PENDING_SESSION_KEY = "timpora_two_factor_pending"
# Device names are stored, not shown: the pages name the two kinds themselves.
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"


class Outcome(enum.Enum):
    RIGHT = "right"
    WRONG = "wrong"
    TOO_SOON = "too soon"  # django-otp's throttle: a wait that doubles with each wrong code


def two_factor_required(user) -> bool:
    """Whether the user must sign in with a second factor: office staff and admins, when the
    OTP_REQUIRED setting is on. Agency members may choose to."""
    if not settings.OTP_REQUIRED or not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or is_office_staff(user)


def _authenticators(user, *, confirmed: bool):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-pk")


def authenticator_of(user) -> TOTPDevice | None:
    """The user's confirmed authenticator; it is what turns the second step on."""
    return _authenticators(user, confirmed=True).first()


def has_two_factor(user) -> bool:
    return _authenticators(user, confirmed=True).exists()


def unconfirmed_authenticator_of(user) -> TOTPDevice | None:
    return _authenticators(user, confirmed=False).first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def authenticator_start(*, user) -> TOTPDevice:
    """A new authenticator with a fresh key, not used for sign-in until a code from it confirms it.
    A confirmed one stays in use until then, so moving to a new phone can be abandoned."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def authenticator_secret(device: TOTPDevice) -> str:
    """The key as the authenticator apps' manual entry expects it: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[index:index + 4] for index in range(0, len(secret), 4))


def authenticator_qr_svg(device: TOTPDevice, *, title: str) -> str:
    """The provisioning URL as an inline SVG QR code: no script, no style attribute (CSP)."""
    qr = segno.make(device.config_url, error="m")
    return mark_safe(qr.svg_inline(scale=5, dark="#000", light="#fff", title=title))  # noqa: S308 - segno's own markup


def _check(device, token: str) -> Outcome:
    """One attempt of a code on a device, under django-otp's throttle and its row lock."""
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            return Outcome.TOO_SOON
        return Outcome.RIGHT if device.verify_token(token) else Outcome.WRONG


def authenticator_confirm(*, device: TOTPDevice, token: str) -> tuple[Outcome, list[str]]:
    """Confirm a new authenticator with a code from it. When right, it replaces any older one and
    the user gets new recovery codes (returned: they are shown once)."""
    outcome = _check(device, token)
    if outcome is not Outcome.RIGHT:
        return outcome, []
    with transaction.atomic():
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
        codes = recovery_codes_regenerate(user=device.user)
    device.refresh_from_db()
    return outcome, codes


def recovery_codes_regenerate(*, user) -> list[str]:
    """Ten new recovery codes; the old ones stop working. Only their holder sees them, once."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def code_verify(*, user, token: str) -> tuple[Outcome, object | None]:
    """A sign-in code: six digits from the authenticator or one recovery code (used up when
    right). Returns the outcome and, when right, the device that accepted it."""
    if len(token) == AUTHENTICATOR_DIGITS and token.isdigit():
        device = authenticator_of(user)
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return Outcome.WRONG, None
    outcome = _check(device, token)
    return outcome, device if outcome is Outcome.RIGHT else None


def two_factor_disable(*, user) -> None:
    """Remove the authenticator and the recovery codes: the password alone signs in again."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


# The pending sign-in: kept in the server-side session, so it cannot be carried to another browser.

def pending_start(request, user, next_url: str) -> None:
    """Hold a user whose password was right until their code is; a new session key is issued, so
    a session id planted before sign-in does not share the pending state."""
    request.session.cycle_key()
    request.session[PENDING_SESSION_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        # A password changed meanwhile invalidates the pending state, like it ends sessions.
        "auth_hash": user.get_session_auth_hash(),
        "since": int(time.time()),
        "next": next_url,
    }


def pending_clear(request) -> None:
    request.session.pop(PENDING_SESSION_KEY, None)


def pending_of(request) -> tuple[object, dict] | None:
    """The user held at the code step and their pending state, while it lasts."""
    pending = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    if int(time.time()) - pending.get("since", 0) > PENDING_LIFETIME_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()
    if user is None or user.get_session_auth_hash() != pending.get("auth_hash"):
        return None
    return user, pending


class TwoFactorMiddleware:
    """When OTP_REQUIRED is on, a signed-in officer, supervisor or admin whose session has not
    been verified by a code reaches only the sign-in, sign-out and two-factor pages: the others
    send them to set up an authenticator, or to enter a code when they have one. Static files,
    the health checks and the language switch stay open."""

    OPEN_URL_NAMES = {"login", "logout", "healthz", "ping", "set_language"}
    OPEN_NAMESPACES = {"two_factor"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.OTP_REQUIRED:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or not two_factor_required(user):
            return None
        match = request.resolver_match
        if match.namespace in self.OPEN_NAMESPACES or (
                not match.namespace and match.url_name in self.OPEN_URL_NAMES):
            return None
        target = "two_factor:verify" if has_two_factor(user) else "two_factor:overview"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


# The device that verified a session, as django-otp's middleware would load it on every request,
# but read from the cache: a signed-in page then costs no query for the second factor. Only the
# device's key, owner and confirmation are cached (never its secret); the other fields load from
# the database if some code asks for them. Saving or deleting a device forgets the entry, so an
# administrator who removes a lost phone ends its sessions' verification at once.
DEVICE_CACHE_SECONDS = 15 * 60
DEVICE_MODELS = (TOTPDevice, StaticDevice)


def _device_cache_key(persistent_id: str) -> str:
    return f"otp-device:{persistent_id}"


class CachedOTPMiddleware(OTPMiddleware):
    def _device_from_persistent_id(self, persistent_id: str):
        persistent_id = self._normalize_persistent_id(persistent_id)
        key = _device_cache_key(persistent_id)
        cached = cache.get(key)
        if cached is not None:
            label, pk, user_id = cached
            model = next((model for model in DEVICE_MODELS if model._meta.label_lower == label),
                         None)
            if model is not None:
                return _deferred_device(model, pk=pk, user_id=user_id)
        device = Device.from_persistent_id(persistent_id)
        if device is not None and device.confirmed and isinstance(device, DEVICE_MODELS):
            cache.set(key, (device._meta.label_lower, device.pk, device.user_id),
                      DEVICE_CACHE_SECONDS)
        return device


def _deferred_device(model, *, pk, user_id):
    """A confirmed device of `model` whose other fields are loaded only when read."""
    known = {"id": pk, "user_id": user_id, "confirmed": True}
    fields = model._meta.concrete_fields
    return model.from_db(
        "default", [field.attname for field in fields if field.attname in known],
        [known[field.attname] for field in fields if field.attname in known],
    )


@receiver(post_save, sender=TOTPDevice)
@receiver(post_save, sender=StaticDevice)
@receiver(post_delete, sender=TOTPDevice)
@receiver(post_delete, sender=StaticDevice)
def _forget_device(sender, instance, **kwargs):
    forget(_device_cache_key(instance.persistent_id))
