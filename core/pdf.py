"""PDF documents (the minutes, the monthly report) rendered with WeasyPrint from HTML the app
wrote, with their styles inlined.

Nothing is fetched while a PDF is rendered: a URL in the document (a link to an image in a
narrative, a stylesheet) could otherwise make the server call another host or read a local file.
Only data: URLs and the app's own static files, read from disk, are given to WeasyPrint; every
other URL is refused and left out of the document.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders


def _static_file(url: str) -> Path | None:
    """The local file of a static URL (`/static/css/x.css`, or with the site's host), if any."""
    path = unquote(urlsplit(url).path)
    prefix = urlsplit(settings.STATIC_URL).path
    if not prefix or not path.startswith(prefix):
        return None
    found = finders.find(path.removeprefix(prefix))
    return Path(found) if found else None


def render_pdf(html: str) -> bytes:
    """The PDF of `html`, fetching nothing over the network or from outside the static files."""
    # Loaded on demand: WeasyPrint pulls in Pango and fonts.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.lower().startswith("data:"):
                return super().fetch(url, headers)
            if (found := _static_file(url)) is not None:
                content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, found.read_bytes(),
                                          headers={"Content-Type": content_type})
            raise ValueError(f"Not fetched while rendering a PDF: {url}")

    # No base_url: relative URLs are not resolved against any host either.
    return HTML(string=html, url_fetcher=LocalOnly(allowed_protocols={"data"})).write_pdf()
