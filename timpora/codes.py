"""Opaque public identifiers for URLs, so that integer keys never leave the database.

Codes are made by villages.codes (the bottom of the app layers, which imports nothing of ours);
this module adds the URL pattern that the `<code:code>` converter matches.
"""

from villages.codes import ALPHABET, CODE_LENGTH, new_public_code

__all__ = ["ALPHABET", "CODE_LENGTH", "CODE_PATTERN", "new_public_code"]

CODE_PATTERN = rf"[{ALPHABET}]{{{CODE_LENGTH}}}"
