"""The register's pages (namespace "people", mounted at /people/)."""

from django.urls import path

from people import views, watch_views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("export.csv", views.person_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.person_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("matching/", views.queue, name="queue"),
    path("watch/", watch_views.watch_page, name="watch"),
    path("watch/export.csv", watch_views.watch_export, {"fmt": "csv"}, name="watch_export_csv"),
    path("watch/export.xlsx", watch_views.watch_export, {"fmt": "xlsx"},
         name="watch_export_xlsx"),
    path("mentions/<code:code>/", views.mention_detail, name="mention"),
    *[path(f"mentions/<code:code>/{action}/", views.mention_decide, {"action": action},
           name=f"mention_{action}") for action in ("link", "create", "leave", "unlink")],
    path("facts/<str:kind>/<int:pk>/<str:decision>/", views.fact_decide, name="fact_decide"),
    path("merges/<int:pk>/undo/", views.merge_undo, name="merge_undo"),
    path("<code:code>/", views.person_detail, name="detail"),
    path("<code:code>/photo/", views.person_photo, name="photo"),
    path("<code:code>/merge/", views.person_merge, name="merge"),
    path("<code:code>/<str:kind>/new/", views.fact_add, name="fact_add"),
]
