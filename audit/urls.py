from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("export.csv", views.event_export, {"fmt": "csv"}, name="export_csv"),
    path("changes/", views.change_list, name="changes"),
]
