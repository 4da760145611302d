"""In the browser: the icon a page names loads, and /favicon.ico ends at it rather than a 404."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_the_icon_loads_and_favicon_ico_finds_it(page):
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.goto(page.base_url + "/accounts/login/")
    href = page.locator("link[rel=icon]").get_attribute("href")
    icon = page.request.get(page.base_url + href)
    assert icon.status == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    answer = page.request.get(page.base_url + "/favicon.ico")
    assert answer.status == 200 and answer.url.endswith(href)
    assert failed == []
