from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

# The demo story, in order: each app adds its part here as it lands.
SEEDERS = [
    "timpora.demo.seed",
    "villages.demo.seed",
    "reports.demo.seed",
    "timpora.meetings_demo.seed",  # after villages: the team's area and Desa Jambean
]


class Command(BaseCommand):
    help = "Load the demo data and the demo accounts (idempotent; refused when DEBUG is off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a published password and runs only with DEBUG on."
            )
        with transaction.atomic():
            for path in SEEDERS:
                import_string(path)(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
