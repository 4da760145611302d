"""The map: markers only of what the user may see, reports without personal data, the tile
server from the settings and every marker also listed in a table."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def markers(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("overview:map_markers"))
    assert response.status_code == 200
    return response.json()


def titles(data) -> set[str]:
    return {marker["title"] for marker in data["reports"]}


def test_officer_sees_every_located_report_of_the_office_but_no_colleague_draft(client, world):
    data = markers(client, world.officer)
    assert titles(data) == {"Awaiting review at the market", "Shared with Polres",
                            "Office only finding"}
    # Only villages with coordinates can be placed.
    assert [village["name"] for village in data["villages"]] == ["Bleber"]


def test_agency_member_sees_only_reports_shared_with_their_agency(client, world):
    data = markers(client, world.polres_member)
    assert titles(data) == {"Shared with Polres"}
    assert [village["name"] for village in data["villages"]] == ["Bleber"]


def test_member_of_another_agency_sees_no_report(client, world):
    assert titles(markers(client, world.outsider)) == set()


def test_report_markers_carry_number_title_and_link_only(client, world):
    data = markers(client, world.officer)
    shared = next(m for m in data["reports"] if m["title"] == "Shared with Polres")
    assert set(shared) == {"number", "title", "lat", "lng", "url"}
    assert shared["url"] == world.shared.get_absolute_url()
    assert shared["number"] == world.shared.number
    assert (shared["lat"], shared["lng"]) == (-7.81, 112.01)
    assert "SHARED WNA" not in str(data) and "SH7654321" not in str(data)


def test_markers_need_a_signed_in_user(client, world):
    response = client.get(reverse("overview:map_markers"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_map_page_lists_the_markers_and_passes_the_tile_server(client, world, settings):
    settings.MAP_TILE_URL = "https://tiles.example.go.id/{z}/{x}/{y}.png"
    client.force_login(world.polres_member)
    page = client.get(reverse("overview:map")).content.decode()
    assert 'data-tile-url="https://tiles.example.go.id/{z}/{x}/{y}.png"' in page
    assert f'data-markers-url="{reverse("overview:map_markers")}"' in page
    assert "Shared with Polres" in page and "Bleber" in page
    assert "Office only finding" not in page
    assert "/static/leaflet/leaflet.js" in page and "/static/js/map.js" in page
    assert "<script>" not in page  # no inline script


def test_map_coordinates_are_written_with_a_decimal_point_in_indonesian(client, world):
    client.force_login(world.officer)
    page = client.get(reverse("overview:map")).content.decode()
    assert '<html lang="id">' in page
    assert 'data-center-lat="-7.8167"' in page


def test_map_is_in_the_navigation_for_every_role(client, world):
    for user in (world.officer, world.polres_member):
        client.force_login(user)
        assert f'href="{reverse("overview:map")}"' in client.get("/").content.decode()
