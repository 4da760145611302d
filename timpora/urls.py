from django.contrib import admin
from django.urls import include, path, register_converter

from timpora import ping, views
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
    path("accounts/", include("django.contrib.auth.urls")),
    path("meetings/", include("timpora.meeting_urls")),
    path("notifications/", include("timpora.notification_urls")),
    path("admin/", admin.site.urls),
    path("villages/", include("villages.urls")),
    path("reports/monthly/", include("reports.monthly_urls")),
    path("reports/", include("reports.urls")),
    path("people/", include("reports.people_urls")),
    path("", include("reports.overview_urls")),
]
