"""The extension points: every registered contribution resolves, a broken one stops start-up, and
the pages show the registered panels in their order."""

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from audit import hooks as audit_hooks
from core.registry import REGISTRIES, dashboard_panels
from meetings.panels import meeting_page_panels
from notifications.digests import digest_sections
from people.panels import mention_page_panels, person_page_panels
from villages.panels import village_page_panels


def first_panel(request):
    return "first"


def second_panel(request):
    return "<b>second</b>"


def test_the_shipped_registries_resolve_and_are_filled_by_their_apps():
    assert not [message for message in checks.run_checks() if message.id.startswith("core.")]
    assert not [problem for registry in REGISTRIES for problem in registry.problems()]
    # What each app registers from its AppConfig.ready(), in the page's order.
    assert [entry.target for entry in dashboard_panels.entries()] == [
        "reports.dashboard.waiting_panel", "people.panels.matching_panel",
        "reports.dashboard.shared_panel",
        "meetings.dashboard.meetings_panel", "meetings.dashboard.actions_panel",
        "people.watch.permits_panel", "villages.dashboard.outreach_panel",
        "reports.dashboard.charts_panel",
    ]
    assert len(meeting_page_panels) == 1
    assert len(village_page_panels) == 2
    assert [entry.target for entry in person_page_panels.entries()] == [
        "reports.panels.person_panel"]
    assert [entry.target for entry in mention_page_panels.entries()] == [
        "reports.panels.mention_panel"]
    assert len(digest_sections) == 3
    assert audit_hooks.history_models.labels() == ["reports.Report", "people.Person"]
    assert audit_hooks.object_pages.get("meetings:detail") == "meetings.Meeting"


@pytest.mark.parametrize("registry", [dashboard_panels, meeting_page_panels, village_page_panels,
                                      digest_sections, audit_hooks.event_scopes])
def test_a_missing_callable_stops_the_start_up_check(registry):
    with registry.replaced("reports.dashboard.no_such_panel"):
        errors = [message for message in checks.run_checks() if message.id == "core.E001"]
        assert len(errors) == 1
        assert "reports.dashboard.no_such_panel" in errors[0].msg
        with pytest.raises(SystemCheckError):
            call_command("check")


def test_something_not_callable_stops_the_start_up_check():
    with dashboard_panels.replaced("reports.dashboard.LIST_LENGTH"):
        errors = [message for message in checks.run_checks() if message.id == "core.E001"]
    assert errors and "not callable" in errors[0].msg


def test_an_unknown_model_label_stops_the_start_up_check():
    with audit_hooks.history_models.replaced({"reports.Nothing": "reports.Nothing"}):
        errors = [message for message in checks.run_checks() if message.id == "core.E001"]
    assert errors and "reports.Nothing" in errors[0].msg


def test_panels_render_in_priority_order_and_plain_strings_are_escaped():
    with dashboard_panels.replaced() as registry:
        registry.register(second_panel, priority=20)
        registry.register(first_panel, priority=10)
        registry.register(first_panel, priority=5)  # a second registration keeps the first place
        assert registry.render(None) == "first\n&lt;b&gt;second&lt;/b&gt;"
