import time
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.utils import translation

from accounts.models import Profile


def chosen_language(request) -> str:
    """The language of a request: the one the user switched to, else their profile's, else the
    office's default. The browser's Accept-Language is deliberately ignored: the office works in
    Indonesian unless someone asks for English."""
    available = {code for code, _name in settings.LANGUAGES}
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in available:
        return cookie
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        profile = getattr(user, "profile", None)
        if profile is not None and profile.language in available:
            return profile.language
    return settings.LANGUAGE_CODE


def load_profile(user) -> None:
    """Read a signed-in user's profile together with its agency, once: the language (below), every
    visibility rule and the menu read them, and would otherwise pay a query each."""
    if user is None or not user.is_authenticated:
        return
    relation = Profile._meta.get_field("user").remote_field
    if relation.is_cached(user):
        return
    profile = Profile.objects.select_related("agency").filter(user=user).first()
    if profile is None:
        relation.set_cached_value(user, None)
    else:
        user.profile = profile


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        load_profile(getattr(request, "user", None))
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class SessionLimitsMiddleware:
    """Ends a signed-in session that was idle for SESSION_IDLE_TIMEOUT seconds or that began more
    than SESSION_ABSOLUTE_LIFETIME seconds ago, whatever the user did in between.

    The times are kept in the session; the last-seen time is written at most once a minute so that
    reading pages does not save the session on every request."""

    STARTED = "timpora_started_at"
    SEEN = "timpora_seen_at"
    WRITE_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(self.STARTED, now)
            seen = session.get(self.SEEN, now)
            if (now - seen > settings.SESSION_IDLE_TIMEOUT
                    or now - started > settings.SESSION_ABSOLUTE_LIFETIME):
                logout(request)
                return redirect(f"{resolve_url(settings.LOGIN_URL)}?next={quote(request.path)}")
            if self.SEEN not in session or now - seen >= self.WRITE_EVERY:
                session[self.SEEN] = now
        return self.get_response(request)
