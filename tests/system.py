"""What the tests need from the machine: Debian packages (deploy/system-packages.sh installs them
and docs/development.md lists them). Plain Python, no Django: a subprocess may import it."""

import ctypes.util
import functools
import io
import warnings

INSTALL = "deploy/system-packages.sh test"
# The shared libraries WeasyPrint opens, and the Debian package of each.
WEASYPRINT_LIBRARIES = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz": "libharfbuzz0b",
    "harfbuzz-subset": "libharfbuzz-subset0",
}
FONTS_PACKAGE = "fonts-dejavu-core"


def install_hint(packages: list[str]) -> str:
    """How to get what is missing: the project's script, or the one apt-get command."""
    if not packages:
        return f"run {INSTALL} as root"
    return f"run {INSTALL} as root, or: sudo apt-get install -y {' '.join(packages)}"


@functools.cache
def weasyprint_problem() -> str | None:
    """Why WeasyPrint cannot render a PDF here as the test settings demand (warnings are errors),
    or None when it can. Probed once per run: a tiny document is rendered and read back."""
    missing = [package for library, package in WEASYPRINT_LIBRARIES.items()
               if ctypes.util.find_library(library) is None]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            from weasyprint import HTML

            pdf = HTML(string="<p>TIMPORA</p>").write_pdf()
    except (ImportError, OSError, Warning) as error:
        return (f"WeasyPrint cannot render a PDF here ({type(error).__name__}: {error}); "
                f"{install_hint(missing)}")
    from pypdf import PdfReader

    if "TIMPORA" not in PdfReader(io.BytesIO(pdf)).pages[0].extract_text():
        return f"WeasyPrint's PDFs have no text here (no fonts); {install_hint([FONTS_PACKAGE])}"
    return None
