from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import demo as accounts_demo
from meetings import demo as meetings_demo
from people import demo as people_demo
from reports import demo as reports_demo
from villages import demo as villages_demo

# The demo story, in order; meetings come after villages (the team's area and Desa Jambean),
# the register's matching after the reports that name people.
SEEDERS = [accounts_demo.seed, villages_demo.seed, reports_demo.seed, people_demo.seed,
           meetings_demo.seed]


class Command(BaseCommand):
    help = "Load the demo data and the demo accounts (idempotent; refused when DEBUG is off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a published password and runs only with DEBUG on."
            )
        with transaction.atomic():
            for seed in SEEDERS:
                seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
