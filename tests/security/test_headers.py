"""Response headers: a Content-Security-Policy without inline scripts, framing refused, no
sniffing, a referrer policy; and production settings that pass Django's deployment check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [None, "officer"])
def test_pages_carry_the_security_headers(client, persona, request):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("dashboard") if persona else reverse("login"))
    assert response.status_code == 200
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_signed_in_pages_and_downloads_are_never_stored(client, officer):
    """ASVS 8.2.1: what a signed-in user reads is not kept by the browser or a proxy."""
    client.force_login(officer)
    for url in (reverse("dashboard"), reverse("reports:list"), reverse("reports:export_csv"),
                reverse("meetings:list"), reverse("villages:list")):
        response = client.get(url)
        assert response.status_code == 200, url
        cache_control = response.headers.get("Cache-Control", "")
        assert "no-store" in cache_control and "private" in cache_control, url


@pytest.mark.django_db
def test_no_page_template_has_inline_script_or_style():
    """What the policy would block: inline scripts, event handler attributes, inline styles.
    E-mails and the PDF templates are not pages a browser loads under the policy."""
    import re

    offending = []
    pattern = re.compile(r"<script(?![^>]*\bsrc=)|\son[a-z]+\s*=|\sstyle\s*=|<style", re.I)
    for path in (ROOT / "templates").rglob("*.html"):
        relative = path.relative_to(ROOT / "templates").as_posix()
        if relative.startswith("emails/") or relative.endswith("_pdf.html"):
            continue
        if pattern.search(path.read_text(encoding="utf-8")):
            offending.append(relative)
    assert offending == []


def test_deployment_check_passes_with_production_settings():
    env = {key: value for key, value in os.environ.items()
           if key not in ("DEBUG", "SECURE_COOKIES", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
                          "DJANGO_ALLOW_ASYNC_UNSAFE")}  # the browser tests set the last one
    env.update(DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50),
               ALLOWED_HOSTS="timpora.example.go.id")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_secure_the_cookies_and_transport():
    env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    env.update(DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50),
               ALLOWED_HOSTS="timpora.example.go.id")
    code = ("from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
            "s.SESSION_COOKIE_HTTPONLY)")
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "timpora.settings"},
        capture_output=True, text=True, timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "True", "31536000", "True"], result.stderr
