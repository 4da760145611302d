"""Attachments held between two tries of the report form.

A browser forgets the chosen files when the form comes back with a message, so a checked upload
is kept in storage under `pending/` and named in the form by a signed token. The token carries
the user's id: it is worth nothing to anyone else, and nothing after `MAX_AGE`. Held files are
stored with the report on its next successful save; those never used are deleted by `sweep()`,
which every new hold runs (docs/architecture.md, "How work flows").
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePath

from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from core.uploads import clean_file_name

FOLDER = "pending"
MAX_AGE = timedelta(hours=12)
SALT = "reports.pending-attachment"


@dataclass(frozen=True)
class Held:
    token: str
    name: str  # what the user called the file
    path: str  # where it waits in storage

    def open(self) -> File:
        return File(default_storage.open(self.path, "rb"), name=self.name)


def hold(*, user, upload) -> Held:
    """Keep a checked upload for the user's next try."""
    sweep()
    name = clean_file_name(upload.name or "")
    upload.seek(0)
    path = default_storage.save(
        f"{FOLDER}/{secrets.token_hex(16)}{PurePath(name).suffix.lower()}", upload)
    token = signing.dumps({"user": user.pk, "path": path, "name": name}, salt=SALT)
    return Held(token=token, name=name, path=path)


def find(*, user, token: str) -> Held | None:
    """The file a token names, if it was held for this user, recently, and is still there."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("user") != user.pk:
        return None
    path, name = str(data.get("path", "")), str(data.get("name", ""))
    if not path.startswith(f"{FOLDER}/") or ".." in path or not default_storage.exists(path):
        return None
    return Held(token=token, name=name, path=path)


def release(held: list[Held]) -> None:
    """The files are stored with their report (or removed by the user): let them go."""
    for item in held:
        default_storage.delete(item.path)


def sweep(now=None) -> int:
    """Delete held files older than MAX_AGE; their tokens have expired. Returns how many."""
    limit = (now or timezone.now()) - MAX_AGE
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in files:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) < limit:
            default_storage.delete(path)
            removed += 1
    return removed
