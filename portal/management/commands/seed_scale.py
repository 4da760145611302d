"""`manage.py seed_scale`: a national-sized data set for benchmarks, written into an empty database.

The accounts it creates share one published password, so it refuses to run unless DEBUG is on.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.scale import SCALE_PASSWORD, scale_seed
from reports.models import Report


class Command(BaseCommand):
    help = ("Seed a deterministic benchmark data set: 100,000 reports, 50,000 people, 3,000 "
            "meetings, every village of Indonesia, 500 Desa Binaan, 40 agencies, 300 users.")

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, default=100_000)
        parser.add_argument("--people", type=int, default=50_000)
        parser.add_argument("--meetings", type=int, default=3_000)
        parser.add_argument("--desa-binaan", type=int, default=500)
        parser.add_argument("--agencies", type=int, default=40)
        parser.add_argument("--users", type=int, default=300)
        parser.add_argument("--offices", type=int, default=8,
                            help="How many of the agencies are immigration offices.")
        parser.add_argument("--regions", nargs="+", metavar="CODE",
                            help="Import only these regions (e.g. 35.06) instead of all of "
                                 "Indonesia.")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_scale creates accounts with a published password; it runs "
                               "only with DEBUG=true, never on a production database.")
        if Report.objects.exists():
            raise CommandError("seed_scale writes into an empty database; this one has reports.")
        if min(options["reports"], options["people"], options["meetings"],
               options["desa_binaan"]) < 0:
            raise CommandError("Sizes cannot be negative.")
        started = time.perf_counter()
        try:
            summary = scale_seed(
                reports=options["reports"], people=max(options["people"], 1),
                meetings=options["meetings"], desa_binaan=options["desa_binaan"],
                agencies=options["agencies"], users=options["users"],
                offices=options["offices"], region_codes=options["regions"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        for name, count in summary.counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(self.style.SUCCESS(
            f"Seeded in {time.perf_counter() - started:.1f} s. Accounts scale-supervisor-01, "
            f"scale-officer-001, scale-member-001 … sign in with the password {SCALE_PASSWORD}."))
