from django.urls import path

from villages import views

app_name = "villages"

urlpatterns = [
    path("", views.desa_binaan_list, name="list"),
    path("<code:code>/", views.desa_binaan_detail, name="detail"),
    path("<code:code>/outreach/new/", views.outreach_new, name="outreach_new"),
    path("attachments/<code:code>/", views.attachment_download, name="attachment"),
]
