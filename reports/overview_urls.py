from django.urls import path

from reports import overview

app_name = "overview"

urlpatterns = [
    path("search/", overview.search, name="search"),
    path("map/", overview.map_page, name="map"),
    path("map/markers.json", overview.map_markers_json, name="map_markers"),
]
