"""Opaque public identifiers for URLs, so that integer keys never leave the database.

Every model's `code` comes from `new_public_code`, and the `<code:code>` URL converter matches
`CODE_PATTERN`, so a malformed code answers 404 before any query.
"""

import secrets

CODE_LENGTH = 12
# Lower-case letters and digits without look-alikes (0/o, 1/l/i), easy to read over the phone.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_PATTERN = rf"[{ALPHABET}]{{{CODE_LENGTH}}}"


def new_public_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
