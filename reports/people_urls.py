from django.urls import path

from reports import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("export.csv", views.person_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.person_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("<code:code>/", views.person_detail, name="detail"),
    path("<code:code>/photo/", views.person_photo, name="photo"),
]
