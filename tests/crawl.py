"""What the page sweeps (the accessibility sweep, the HTML validity check) follow: site links to
pages, of which one of each shape (`/reports/<code>/`) is visited."""

import re
from urllib.parse import urlsplit

from core.codes import CODE_PATTERN

CODE_SEGMENT = re.compile(rf"/{CODE_PATTERN}/")
# Not pages: downloads, calendar feeds, the language switch; and Django's own admin beyond its
# index (the admin journey test walks the admin pages we configure).
SKIPPED = re.compile(
    r"\.(csv|xlsx|pdf|ics)$|/attachments/|/photo/|/print/$|/feed/|^/admin/.+|^/accounts/logout"
    r"|^/language/|^/healthz"
)
# Links are followed this many levels beyond the main navigation's own pages.
MAX_DEPTH = 2


def shape(path: str) -> str:
    return CODE_SEGMENT.sub("/<code>/", path)


def followable(href: str) -> str | None:
    parts = urlsplit(href)
    if parts.query or parts.netloc or SKIPPED.search(parts.path):
        return None
    return parts.path
