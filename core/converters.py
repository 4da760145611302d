"""The `<code:code>` URL converter, registered when the core app is ready (before any URLconf)."""

from core.codes import CODE_PATTERN


class PublicCodeConverter:
    """Matches only well-formed public codes, so a malformed one answers 404 before any query."""

    regex = CODE_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
