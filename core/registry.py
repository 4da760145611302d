"""Extension points: a page that shows what other apps contribute owns a `Registry`, and each
contributing app registers its callables from its `AppConfig.ready()`, like `admin.site.register`.

An entry is a callable or its dotted path; a path is imported when the registry is first read,
and `core.checks` proves at start-up that every entry of every registry resolves to a callable,
so a typo stops `manage.py check` (and every server start) instead of one page.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.module_loading import import_string

REGISTRIES: list["Registry"] = []


@dataclass(frozen=True)
class Entry:
    target: Callable | str
    priority: int
    order: int

    def resolve(self) -> Callable:
        target = import_string(self.target) if isinstance(self.target, str) else self.target
        if not callable(target):
            raise TypeError(f"{self.target!r} is not callable")
        return target


class Registry:
    """An ordered set of callables: lower `priority` first, then in the order registered."""

    def __init__(self, name: str, *, signature: str):
        self.name = name
        self.signature = signature
        self._entries: list[Entry] = []
        REGISTRIES.append(self)

    def register(self, target: Callable | str, *, priority: int = 100) -> Callable | str:
        """Add `target` once (registering it again keeps the first place); returns it, so that
        this works as a decorator too."""
        if all(entry.target != target for entry in self._entries):
            self._entries.append(Entry(target, priority, len(self._entries)))
        return target

    def entries(self) -> list[Entry]:
        return sorted(self._entries, key=lambda entry: (entry.priority, entry.order))

    def __iter__(self) -> Iterator[Callable]:
        return (entry.resolve() for entry in self.entries())

    def __len__(self) -> int:
        return len(self._entries)

    def rendered(self, *args) -> list[str]:
        """For panel registries: each panel's non-empty HTML, in order. A plain string is escaped,
        so a panel returns safe HTML (e.g. from render_to_string) to show markup."""
        from django.utils.html import conditional_escape

        return [conditional_escape(html) for html in (panel(*args) for panel in self) if html]

    def render(self, *args) -> str:
        """The panels' HTML joined into one safe string."""
        from django.utils.safestring import mark_safe

        return mark_safe("\n".join(self.rendered(*args)))  # noqa: S308 - each part is escaped

    def problems(self) -> list[str]:
        """What is wrong with the entries, one sentence each (empty when all resolve)."""
        found = []
        for entry in self.entries():
            try:
                entry.resolve()
            except (ImportError, TypeError) as error:
                found.append(f"{self.name}: {entry.target!r} does not resolve: {error}")
        return found

    @contextmanager
    def replaced(self, *targets: Callable | str):
        """Only `targets`, for the duration of a block (tests)."""
        saved = self._entries
        self._entries = [Entry(target, 100, order) for order, target in enumerate(targets)]
        try:
            yield self
        finally:
            self._entries = saved

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self)} entries>"


class ModelRegistry:
    """Models other apps name to a lower app, as "app_label.ModelName", optionally under a key
    (e.g. the URL name of the page that shows them); the start-up check proves each label."""

    def __init__(self, name: str):
        self.name = name
        self._labels: dict[str, str] = {}
        self._priorities: dict[str, int] = {}
        REGISTRIES.append(self)

    def register(self, label: str, *, key: str | None = None, priority: int = 100) -> None:
        """Add `label` under `key` once; `labels()` lists lower `priority` first, then in the
        order registered."""
        self._labels.setdefault(key or label, label)
        self._priorities.setdefault(key or label, priority)

    def get(self, key: str) -> str | None:
        return self._labels.get(key)

    def labels(self) -> list[str]:
        order = {key: index for index, key in enumerate(self._labels)}
        keys = sorted(self._labels, key=lambda key: (self._priorities.get(key, 100), order[key]))
        return [self._labels[key] for key in keys]

    def __len__(self) -> int:
        return len(self._labels)

    def problems(self) -> list[str]:
        from django.apps import apps

        found = []
        for label in self._labels.values():
            try:
                apps.get_model(label)
            except (LookupError, ValueError) as error:
                found.append(f"{self.name}: {label!r} is not a model: {error}")
        return found

    @contextmanager
    def replaced(self, mapping: dict[str, str]):
        saved = self._labels
        self._labels = dict(mapping)
        try:
            yield self
        finally:
            self._labels = saved


# The dashboard's panels, `panel(request) -> safe HTML` ("" when not for the user). Declared here
# because its page (portal) sits above every app that contributes one.
dashboard_panels = Registry("dashboard panels", signature="panel(request) -> safe HTML")
