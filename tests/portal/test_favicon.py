"""The site's icon: every page names it, and /favicon.ico (which browsers ask for on their own)
answers with a permanent redirect to it instead of a 404."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

ICON = static("img/favicon.svg")


@pytest.mark.django_db
def test_favicon_ico_redirects_everyone_to_the_static_icon(client, officer):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == ICON
    client.force_login(officer)
    assert client.get("/favicon.ico")["Location"] == ICON
    assert client.post("/favicon.ico").status_code == 405


def test_the_icon_is_a_static_svg():
    path = finders.find("img/favicon.svg")
    assert path is not None
    with open(path, encoding="utf-8") as handle:
        assert handle.read().startswith("<svg ")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [None, "officer"])
def test_pages_name_the_icon_allowed_by_the_policy(client, persona, request):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("dashboard") if persona else reverse("login"))
    assert f'<link rel="icon" href="{ICON}" type="image/svg+xml">' in response.content.decode()
    # The icon is served from the site itself, which the policy's img-src allows.
    csp = response.headers["Content-Security-Policy"]
    assert "'self'" in next(part for part in csp.split(";") if "img-src" in part)
