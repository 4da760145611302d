"""core.pdf.render_pdf: the one way PDFs are rendered, and it fetches nothing."""

import base64
import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from PIL import Image
from pypdf import PdfReader

from core.pdf import render_pdf


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def _images(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def listener():
    """A local web server that counts the requests it is sent."""
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(_png())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()
    server.server_close()


def test_no_url_is_fetched_while_rendering(listener):
    base, requests = listener
    pdf = render_pdf(f'<p>Notulen</p><img src="{base}/tracker.png">'
                     f'<link rel="stylesheet" href="{base}/style.css">')
    assert pdf.startswith(b"%PDF")
    assert requests == []
    assert _images(pdf) == 0


def test_local_files_are_not_read(tmp_path):
    picture = tmp_path / "secret.png"
    picture.write_bytes(_png())
    assert _images(render_pdf(f'<img src="{picture.as_uri()}">')) == 0


def test_data_urls_are_embedded():
    data = base64.b64encode(_png()).decode()
    assert _images(render_pdf(f'<img src="data:image/png;base64,{data}">')) == 1
