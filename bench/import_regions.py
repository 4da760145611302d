"""Benchmark: import every region of Indonesia (83,762 villages) into a fresh database.

Usage: DEBUG=true .venv/bin/python bench/import_regions.py
The database named by DATABASE_URL (SQLite by default) is not touched: the benchmark runs on a
throw-away test database created next to it, migrated, and dropped afterwards.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timpora.settings")


def main() -> None:
    import django

    django.setup()
    from django.db import connection

    from villages.models import Region
    from villages.services import regions_import

    test_database = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False
    )
    try:
        started = time.perf_counter()
        summary = regions_import(everything=True)
        seconds = time.perf_counter() - started
        villages = Region.objects.villages().count()
        print(f"{connection.vendor}: {summary.created} regions ({villages} villages) imported "
              f"in {seconds:.1f} s")
        started = time.perf_counter()
        regions_import(everything=True)
        print(f"second run, nothing to change: {time.perf_counter() - started:.1f} s")
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)


if __name__ == "__main__":
    main()
