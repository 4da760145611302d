"""Sign-in protection (django-axes counts failures by username and IP address together) and the
caching rule for signed-in pages."""

from axes.backends import AxesStandaloneBackend
from django.utils.cache import add_never_cache_headers


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, for sign-ins that come with a request (every page and the admin).

    Code that authenticates without a request (a management command, the test client's
    `login()`) has no IP address to count against; it is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def no_store_when_signed_in(get_response):
    """Pages for a signed-in user hold what only that user may read: no browser or proxy may keep
    a copy (ASVS 8.2.1). A response that chose its own caching keeps it."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response

    return middleware
