from django.urls import path

from reports import monthly_views as views

app_name = "monthly"

urlpatterns = [
    path("", views.monthly_page, name="page"),
    path("<str:month>.xlsx", views.monthly_download, {"fmt": "xlsx"}, name="xlsx"),
    path("<str:month>.pdf", views.monthly_download, {"fmt": "pdf"}, name="pdf"),
]
