"""The one refusal type of the services. Each app's `rules.py` says who may do what; its services
call `ensure(rule(...), message)` before every write, and its views ask the same rules only to
decide which buttons and pages to show (docs/architecture.md, "Where each rule lives")."""

from django.core.exceptions import PermissionDenied


class Refused(PermissionDenied):
    """A step the rules do not allow this user. Uncaught it answers 403 (and is audited as a
    refusal); views that offered the step catch it and show `message`."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    @property
    def messages(self) -> list[str]:
        return [str(self.message)]


def ensure(allowed: bool, message) -> None:
    if not allowed:
        raise Refused(message)
