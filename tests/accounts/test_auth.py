import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.codes import new_public_code

# The only pages an anonymous visitor may open; everything else sends them to sign in.
PUBLIC_URL_NAMES = {
    "login", "healthz", "set_language", "password_reset", "password_reset_done",
    "password_reset_confirm", "password_reset_complete",
    # Calendar apps cannot sign in: the personal feed is guarded by its secret token instead.
    "calendar_feed",
    # The site icon, which browsers fetch on the sign-in page too.
    "favicon",
}
SAMPLE_ARGUMENTS = {"code": new_public_code(), "uidb64": "MQ", "token": "set-password",
                    "object_id": "1", "app_label": "auth", "content_type_id": "1",
                    "pk": "1", "path": "x", "url": "x"}


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the admin has its own sign-in, tested below
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def concrete_path(route: str) -> str:
    import re

    def fill(match):
        return SAMPLE_ARGUMENTS.get(match.group("name"), "x")

    path = re.sub(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>", fill, route)
    return "/" + path.lstrip("^").rstrip("$")


@pytest.mark.django_db
def test_every_page_but_the_public_ones_requires_sign_in(client):
    checked = 0
    for route, pattern in walk(get_resolver().url_patterns):
        if pattern.name in PUBLIC_URL_NAMES:
            continue
        path = concrete_path(route)
        response = client.get(path)
        assert response.status_code == 302, (path, response.status_code)
        assert response.url.startswith(reverse("login")), path
        checked += 1
    assert checked >= 3


@pytest.mark.django_db
def test_admin_requires_a_staff_sign_in(client, officer):
    assert client.get("/admin/").status_code == 302
    client.force_login(officer)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


@pytest.mark.django_db
def test_public_pages_answer_without_sign_in(client):
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("password_reset")).status_code == 200
    assert client.get(reverse("healthz")).status_code in (200, 503)


@pytest.mark.django_db
def test_sign_in_and_out(client, officer):
    response = client.post(reverse("login"), {"username": "officer", "password": "timpora-test"})
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200
    # Signing out is a POST: a GET cannot end somebody's session through a link.
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message(client, officer):
    response = client.post(reverse("login"), {"username": "officer", "password": "wrong"})
    assert response.status_code == 200
    assert "dan sandi yang benar" in response.content.decode()


@pytest.mark.django_db
def test_password_change(client, officer):
    client.force_login(officer)
    response = client.post(reverse("password_change"), {
        "old_password": "timpora-test",
        "new_password1": "a-much-longer-passphrase-2026",
        "new_password2": "a-much-longer-passphrase-2026",
    })
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("a-much-longer-passphrase-2026")


@pytest.mark.django_db
def test_a_new_password_needs_twelve_characters(client, officer):
    """ASVS 2.1.1: eleven characters are refused with a message, twelve are taken."""
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("password_change"), {
        "old_password": "timpora-test", "new_password1": "qz7-wv9-kp4",
        "new_password2": "qz7-wv9-kp4",
    })
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    response = client.post(reverse("password_change"), {
        "old_password": "timpora-test", "new_password1": "qz7-wv9-kp4x",
        "new_password2": "qz7-wv9-kp4x",
    })
    assert response.status_code == 302


@pytest.mark.django_db
def test_password_reset_sends_a_link_by_e_mail(client, officer, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": officer.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [officer.email]
    assert "/accounts/reset/" in mailoutbox[0].body
    # An unknown address gets the same answer and no mail, so addresses cannot be probed.
    response = client.post(reverse("password_reset"), {"email": "nobody@example.go.id"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_pages_speak_indonesian_by_default_and_english_on_request(client, officer):
    client.force_login(officer)
    # A browser asking for English still gets Indonesian until the user chooses otherwise.
    response = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id">' in response.content.decode()
    assert "Beranda" in response.content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get(reverse("dashboard"))
    assert '<html lang="en">' in response.content.decode()
    assert "Dashboard" in response.content.decode()
    officer.profile.refresh_from_db()
    assert officer.profile.language == "en"


@pytest.mark.django_db
def test_language_switch_does_not_redirect_off_site(client):
    response = client.post(reverse("set_language"),
                           {"language": "en", "next": "https://evil.example.com/"})
    assert response.url == "/"
