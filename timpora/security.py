"""Sign-in protection: django-axes counts failures by username and IP address together."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, for sign-ins that come with a request (every page and the admin).

    Code that authenticates without a request (a management command, the test client's
    `login()`) has no IP address to count against; it is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
