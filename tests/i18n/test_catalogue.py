"""Every translatable string of the templates (pages and e-mails) and of the Python code has a
finished Indonesian translation.

The strings are extracted the way `makemessages` does it (Django's templatize for templates, then
GNU xgettext with Django's keywords) into a temporary folder; the project's locale files are only
read. To fix a failure: run makemessages, translate the listed strings, compilemessages.
"""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.utils.translation.template import templatize

from tests.conftest import require
from tests.system import install_hint

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
# The folders makemessages is told to ignore (see the Makefile and the developers' guide).
IGNORED = {".venv", "node_modules", "var", "tests", "test-artifacts", "locale", "static"}
TEMPLATE_SUFFIXES = {".html", ".txt"}
XGETTEXT = [
    "xgettext", "--language=Python", "--from-code=UTF-8", "--output=-", "--no-wrap",
    "--keyword=gettext_noop", "--keyword=gettext_lazy", "--keyword=ngettext_lazy:1,2",
    "--keyword=pgettext:1c,2", "--keyword=npgettext:1c,2,3", "--keyword=pgettext_lazy:1c,2",
    "--keyword=npgettext_lazy:1c,2,3",
]


def source_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part in IGNORED or part.startswith(".") for part in relative.parts[:-1]):
            continue
        if path.is_file() and (path.suffix == ".py" or path.suffix in TEMPLATE_SUFFIXES):
            found.append(path)
    return found


def extract(root: Path, work: Path) -> polib.POFile:
    """The messages of the source files under `root`, as makemessages would find them."""
    inputs = []
    for path in source_files(root):
        relative = path.relative_to(root)
        if path.suffix == ".py":
            inputs.append(str(path))
            continue
        # Templates become Python that xgettext reads, as makemessages does it.
        target = work / f"{relative}.py"
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            code = templatize(path.read_text(encoding="utf-8"), origin=str(relative))
        except SyntaxError as error:  # makemessages stops on these too
            pytest.fail(f"{relative}: {error}", pytrace=False)
        target.write_text(code, encoding="utf-8")
        inputs.append(str(target))
    listing = work / "files.txt"
    listing.write_text("\n".join(inputs), encoding="utf-8")
    result = subprocess.run([*XGETTEXT, f"--files-from={listing}"], capture_output=True,
                            text=True, check=True)
    return polib.pofile(result.stdout) if result.stdout else polib.POFile()


def _where(message: polib.POEntry, work: Path | None) -> str:
    places = []
    for file, line in message.occurrences[:2]:
        path = Path(file)
        if work is not None and path.is_relative_to(work):
            path = path.relative_to(work).with_suffix("")  # the template, not its copy
        elif path.is_relative_to(ROOT):
            path = path.relative_to(ROOT)
        places.append(f"{path}:{line}")
    return ", ".join(places)


def untranslated(messages: polib.POFile, catalogue: polib.POFile,
                 work: Path | None = None) -> list[str]:
    translations = {(entry.msgctxt, entry.msgid): entry for entry in catalogue
                    if not entry.obsolete}
    missing = []
    for message in messages:
        if not message.msgid:
            continue
        entry = translations.get((message.msgctxt, message.msgid))
        done = entry is not None and "fuzzy" not in entry.flags and (
            all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr)
        if not done:
            missing.append(f"{message.msgid!r} ({_where(message, work)})")
    return missing


@pytest.fixture(scope="module")
def xgettext():
    require(shutil.which("xgettext") is not None,
            f"GNU gettext is not installed; {install_hint(['gettext'])}")


def test_every_string_has_an_indonesian_translation(xgettext, tmp_path):
    messages = extract(ROOT, tmp_path)
    assert len(messages) > 500  # the extraction found the project's strings
    missing = untranslated(messages, polib.pofile(str(CATALOGUE)), tmp_path)
    assert missing == [], (
        f"{len(missing)} strings have no finished Indonesian translation in "
        f"locale/id/LC_MESSAGES/django.po:\n" + "\n".join(missing))


def test_a_new_untranslated_string_is_caught(xgettext, tmp_path):
    source = tmp_path / "source"
    (source / "templates").mkdir(parents=True)
    (source / "templates" / "page.html").write_text(
        '{% load i18n %}<h1>{% translate "Reports" %}</h1>'
        '<p>{% blocktranslate %}A sentence nobody translated yet{% endblocktranslate %}</p>',
        encoding="utf-8")
    (source / "views.py").write_text(
        'from django.utils.translation import gettext_lazy as _\n'
        'LABEL = _("Another string nobody translated")\n', encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    missing = untranslated(extract(source, work), polib.pofile(str(CATALOGUE)), work)
    assert sorted(item.split(" (")[0] for item in missing) == [
        "'A sentence nobody translated yet'", "'Another string nobody translated'"]


def test_a_fuzzy_translation_does_not_count(xgettext, tmp_path):
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Reports", msgstr="Laporan", flags=["fuzzy"]))
    messages = polib.POFile()
    messages.append(polib.POEntry(msgid="Reports", occurrences=[("page.html", "1")]))
    assert untranslated(messages, catalogue) == ["'Reports' (page.html:1)"]
