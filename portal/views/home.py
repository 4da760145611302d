import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import role_of
from portal.dashboard import dashboard_html

logger = logging.getLogger(__name__)


@require_GET
def dashboard(request):
    """The start page: the user's account and the panels of their role (registered by each app)."""
    profile = getattr(request.user, "profile", None)
    return render(
        request,
        "portal/dashboard.html",
        {"agency": profile.agency if profile else None, "role": role_of(request.user),
         "panels": dashboard_html(request)},
    )


@login_not_required
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says: send them to the
    icon among the static files, for everyone, signed in or not."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


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
