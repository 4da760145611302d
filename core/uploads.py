"""Checks an upload by its content before it is stored, gives it a random storage name, and
serves a stored one back as a download that a browser never renders in the app's origin.

Report attachments and outreach photos and documents go through the same checks and the same
download response; only the list of accepted types differs (see Accepted).
"""

import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

# Accepted types: MIME type → the extensions a file of that type may carry.
ALLOWED = {
    "image/jpeg": {".jpg", ".jpeg"},
    "image/png": {".png"},
    "image/webp": {".webp"},
    "application/pdf": {".pdf"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {".xlsx"},
    "application/vnd.oasis.opendocument.text": {".odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {".ods"},
}
IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp"}
# The part each ZIP-based office format must contain.
OOXML_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "word/document.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xl/workbook.xml",
}
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
}
ZIP_MEMBERS_MAX = 2000


@dataclass(frozen=True)
class Accepted:
    """The types a kind of upload may be, and what a refused one is told (with %(name)s)."""

    types: dict[str, set[str]]
    refusal: str


# Report attachments: photos, PDF and office documents.
DOCUMENTS = Accepted(ALLOWED, gettext_lazy(
    "%(name)s is not a photo, PDF or office document (its content was checked, not only its "
    "name). Accepted: JPEG, PNG, WebP, PDF, DOCX, XLSX, ODT, ODS."))
# Outreach files of a Desa Binaan: photos and PDF documents only.
PHOTOS_AND_PDF = Accepted(
    {mime: extensions for mime, extensions in ALLOWED.items()
     if mime in IMAGE_TYPES or mime == "application/pdf"},
    gettext_lazy("%(name)s is not a photo or a PDF document (its content was checked, not only "
                 "its name). Accepted: JPEG, PNG, WebP, PDF."))


def clean_file_name(name: str) -> str:
    """The name the user gave, without any path or control characters, at most 200 characters."""
    name = PurePath(name.replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return (name or "file")[-200:]


def _office_type_of(upload, extension: str) -> str | None:
    """Recognise docx/xlsx/odt/ods by opening the archive: the magic bytes say only "ZIP"."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if len(names) > ZIP_MEMBERS_MAX:
                return None
            if names and names[0] == "mimetype":
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                if declared in ODF_TYPES and "content.xml" in names:
                    return declared
                return None
            if "[Content_Types].xml" not in names:
                return None
            for mime, part in OOXML_PARTS.items():
                if part in names and extension in ALLOWED[mime]:
                    return mime
            return None
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    finally:
        upload.seek(0)


def check_upload(upload, *, accepted: Accepted = DOCUMENTS) -> str:
    """The content type of an acceptable upload; a ValidationError saying why otherwise: too
    large, empty, content not of an accepted type, an extension that does not match the
    content, or a damaged image."""
    name = clean_file_name(upload.name or "")
    extension = PurePath(name).suffix.lower()
    if upload.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("%(name)s is %(size)s; files may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size),
               "limit": filesizeformat(settings.MAX_UPLOAD_SIZE)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime == "application/zip" or (mime and mime in OOXML_PARTS) or mime in ODF_TYPES:
        mime = _office_type_of(upload, extension)
    if mime not in accepted.types:
        raise ValidationError(str(accepted.refusal) % {"name": name}, code="type")
    if extension not in ALLOWED[mime]:
        raise ValidationError(
            _("%(name)s does not contain what its extension says; rename it to %(ext)s or "
              "choose another file.") % {"name": name, "ext": " / ".join(sorted(ALLOWED[mime]))},
            code="extension",
        )
    if mime in IMAGE_TYPES:
        try:
            with Image.open(upload) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ValidationError(
                _("%(name)s is a damaged image.") % {"name": name}, code="damaged"
            ) from error
        finally:
            upload.seek(0)
    return mime


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class UploadsField(forms.FileField):
    """Several files in one input, each checked by check_upload against `accepted`; the error
    lists every refused file (each message names its file)."""

    widget = MultipleFileInput

    def __init__(self, *args, accepted: Accepted = DOCUMENTS, **kwargs):
        self.accepted = accepted
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned, errors = [], []
        for upload in files:
            try:
                upload = super().clean(upload, initial)
                check_upload(upload, accepted=self.accepted)
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                cleaned.append(upload)
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        if errors:
            raise ValidationError(errors)
        return cleaned


def storage_name(original_name: str) -> str:
    """A random name that keeps only the (checked) extension, so names never reach the disk."""
    return secrets.token_hex(16) + PurePath(original_name).suffix.lower()


def sandboxed_download(file, *, filename: str, content_type: str) -> FileResponse:
    """A stored upload as a download: always saved, never shown (Content-Disposition:
    attachment), its declared type taken as is (nosniff), and sandboxed with nothing allowed
    should a browser render it anyway. 404 when the file is missing from storage."""
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
