from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("settings/", views.notification_settings, name="settings"),
    path("read/", views.notification_read_all, name="read_all"),
    path("<code:code>/open/", views.notification_open, name="open"),
]
