"""The report pages (namespace "reports")."""

from django.urls import path

from reports import agenda_views, views

app_name = "reports"


urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("export.csv", views.report_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.report_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("village-suggestions/", views.village_autocomplete, name="village_autocomplete"),
    path("district-suggestions/", views.region_autocomplete, name="region_autocomplete"),
    path("<code:code>/", views.report_detail, name="detail"),
    path("<code:code>/edit/", views.report_edit, name="edit"),
    *[path(f"<code:code>/{action}/", views.report_action, {"action": action}, name=action)
      for action in views.ACTIONS],
    path("attachments/<code:code>/", views.attachment_download, name="attachment"),
    # The meeting's code: reports linked to (or taken off) one of its agenda items.
    path("agenda/<code:code>/link/", agenda_views.agenda_link_add, name="agenda_link_add"),
    path("agenda/<code:code>/unlink/", agenda_views.agenda_link_remove,
         name="agenda_link_remove"),
]
