"""Opaque public identifiers for the app's URLs.

The same alphabet and length as the project's other codes, so that the `<code:code>` URL converter
matches them; kept here because this app imports nothing else of the project.
"""

import secrets

CODE_LENGTH = 12
# Lower-case letters and digits without look-alikes (0/o, 1/l/i), easy to read over the phone.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def new_public_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
