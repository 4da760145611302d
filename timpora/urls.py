from django.contrib import admin
from django.urls import include, path

from accounts import views as accounts_views
from portal import urls as portal_urls

urlpatterns = [
    *portal_urls.home_patterns,
    # The sign-in page asks for the second factor too; it takes the place of Django's own.
    path("accounts/login/", accounts_views.SignInView.as_view(), name="login"),
    path("accounts/two-factor/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("meetings/", include("meetings.urls")),
    path("notifications/", include("notifications.urls")),
    # The admin's password-only sign-in form is replaced by the app's sign-in.
    path("admin/login/", accounts_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("audit/", include("audit.urls")),
    path("villages/", include("villages.urls")),
    path("reports/monthly/", include((portal_urls.monthly_patterns, "monthly"))),
    path("reports/", include("reports.urls")),
    path("people/", include("people.urls")),
    path("", include((portal_urls.overview_patterns, "overview"))),
]
