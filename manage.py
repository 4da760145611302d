#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# Commands that write only the project's source files (migrations, translation catalogues) and
# never serve, send or sign anything: without DEBUG set they run as in development, so a bare
# checkout can check its migrations. Every other command keeps the production default and its
# required SECRET_KEY.
SOURCE_ONLY_COMMANDS = {"makemigrations", "makemessages", "compilemessages"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timpora.settings")
    if sys.argv[1:2] and sys.argv[1] in SOURCE_ONLY_COMMANDS:
        os.environ.setdefault("DEBUG", "true")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - read the environment now, to report a bad value
    except ImproperlyConfigured as error:
        # Django would go on and fail later with an unrelated error; say what to fix instead.
        sys.exit(f"ImproperlyConfigured: {error}")

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
