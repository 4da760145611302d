import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from kombu import Connection

from timpora.dashboard import dashboard_panels
from timpora.roles import role_of

logger = logging.getLogger(__name__)


@require_GET
def dashboard(request):
    """The start page: the user's account and the panels of their role (DASHBOARD_PANELS)."""
    profile = getattr(request.user, "profile", None)
    return render(
        request,
        "timpora/dashboard.html",
        {"agency": profile.agency if profile else None, "role": role_of(request.user),
         "panels": dashboard_panels(request)},
    )


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("health check: database unreachable", exc_info=True)
        return False


def _broker_ok() -> bool:
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            connect_timeout=2,
        ) as broker:
            broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
            return True
    except Exception:
        logger.warning("health check: broker unreachable", exc_info=True)
        return False


@login_not_required
@require_GET
@never_cache
def healthz(request):
    """Liveness of the database and the broker: a status per part, no configuration revealed."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if ok else "unavailable" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)


@login_not_required
@require_POST
def set_language(request):
    """Switch the interface language; a signed-in user's choice is kept in their profile too."""
    language = request.POST.get("language", "")
    available = {code for code, _name in settings.LANGUAGES}
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in available:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.SESSION_COOKIE_SECURE,
        )
        profile = getattr(request.user, "profile", None)
        if profile is not None and profile.language != language:
            profile.language = language
            profile.save(update_fields=["language"])
    return response
