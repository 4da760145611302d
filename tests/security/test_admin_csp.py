"""The admin pages under the Content-Security-Policy (script-src and style-src 'self'): what they
render holds no inline script, event handler attribute, style block or style attribute, so the
export page's "Select all" works and the history page keeps its styles (templates/admin/)."""

import contextlib
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from tests.villages.factories import DesaBinaanFactory, FigureFactory

# Script elements the browser does not run, and so the policy does not block.
DATA_SCRIPT_TYPES = {"application/json"}


class InlineCode(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        named = dict(attrs)
        if tag == "script" and "src" not in named and named.get("type") not in DATA_SCRIPT_TYPES:
            self.found.append(f"<script id={named.get('id')}>")
        if tag == "style":
            self.found.append("<style>")
        for name, _value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def test_the_checker_sees_what_the_policy_blocks():
    html = ('<script>x()</script><script src="/a.js"></script><style>p{}</style>'
            '<p style="a"></p><input onchange="f()"><script type="application/json">{}</script>')
    assert inline_code(html) == ["<script id=None>", "<style>", "<p style=…>",
                                 "<input onchange=…>"]


def admin_pages() -> list[str]:
    urls = []
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        urls.append(reverse("admin:{}_{}_add".format(*info)))
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        urls.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        urls.append(reverse("admin:{}_{}_history".format(*info), args=[obj.pk]))
        for name in ("export", "import"):
            with contextlib.suppress(NoReverseMatch):
                urls.append(reverse("admin:{}_{}_{}".format(*info, name)))
    return urls


@pytest.mark.django_db
def test_admin_pages_render_no_inline_code(client, admin_user):
    desa = DesaBinaanFactory()
    FigureFactory(desa_binaan=desa)
    crontab = CrontabSchedule.objects.create(minute="0", hour="7")
    PeriodicTask.objects.create(name="morning", task="x", crontab=crontab)
    client.force_login(admin_user)
    # The history page lists changes (simple_history's list template) once a record has some.
    history = client.get(reverse("admin:villages_desabinaan_history", args=[desa.pk]))
    assert b'id="change-history"' in history.content

    offending, shown = {}, 0
    for url in admin_pages():
        response = client.get(url)
        # Some models are read-only in the admin (the audit log, the outbox): no add page.
        assert response.status_code in (200, 403), url
        if response.status_code == 403:
            continue
        shown += 1
        if found := inline_code(response.content.decode()):
            offending[url] = found
    assert offending == {}
    assert shown > 40


@pytest.mark.django_db
def test_the_export_page_loads_the_select_all_script_and_the_admin_styles(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:villages_desabinaan_export"))
    html = response.content.decode()
    assert 'class="select-toggle"' in html and 'id="select-all-toggle"' in html
    assert "js/admin-export.js" in html
    assert "css/admin.css" in html
