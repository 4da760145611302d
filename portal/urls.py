"""The portal's pages, in three groups that timpora/urls.py mounts: the start page and the
service pages (no namespace), search and map ("overview"), and the monthly report ("monthly")."""

from django.urls import path

from portal.views import health, home, monthly, overview

home_patterns = [
    path("", home.dashboard, name="dashboard"),
    path("healthz", health.healthz, name="healthz"),
    path("ping/", health.ping, name="ping"),
    path("language/", home.set_language, name="set_language"),
    path("favicon.ico", home.favicon, name="favicon"),
]

overview_patterns = [
    path("search/", overview.search, name="search"),
    path("map/", overview.map_page, name="map"),
    path("map/markers.json", overview.map_markers_json, name="map_markers"),
]

monthly_patterns = [
    path("", monthly.monthly_page, name="page"),
    path("<str:month>.xlsx", monthly.monthly_download, {"fmt": "xlsx"}, name="xlsx"),
    path("<str:month>.pdf", monthly.monthly_download, {"fmt": "pdf"}, name="pdf"),
]
