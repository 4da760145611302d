from django.contrib import admin
from django.urls import include, path, register_converter

from timpora import ping, two_factor_views, views
from timpora.codes import CODE_PATTERN


class PublicCodeConverter:
    """Matches only well-formed public codes, so a malformed one answers 404 before any query."""

    regex = CODE_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PublicCodeConverter, "code")

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("ping/", ping.ping, name="ping"),
    path("language/", views.set_language, name="set_language"),
    # The sign-in page asks for the second factor too; it takes the place of Django's own.
    path("accounts/login/", two_factor_views.SignInView.as_view(), name="login"),
    path("accounts/two-factor/", include("timpora.two_factor_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("meetings/", include("timpora.meeting_urls")),
    path("notifications/", include("timpora.notification_urls")),
    # The admin's password-only sign-in form is replaced by the app's sign-in.
    path("admin/login/", two_factor_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("audit/", include("audit.urls")),
    path("villages/", include("villages.urls")),
    path("reports/monthly/", include("reports.monthly_urls")),
    path("reports/", include("reports.urls")),
    path("people/", include("reports.people_urls")),
    path("", include("reports.overview_urls")),
]
