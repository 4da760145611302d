"""System checks of the project's own wiring, run by `manage.py check` and every server start."""

from django.core import checks

from core.registry import REGISTRIES


@checks.register()
def registries_resolve(app_configs=None, **kwargs):
    """Every registered contribution must import and be callable."""
    return [
        checks.Error(problem, hint="Fix the dotted path or the function it names.",
                     id="core.E001")
        for registry in REGISTRIES for problem in registry.problems()
    ]
