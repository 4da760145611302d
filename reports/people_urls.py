from django.urls import path

from reports import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("<code:code>/", views.person_detail, name="detail"),
    path("<code:code>/photo/", views.person_photo, name="photo"),
]
