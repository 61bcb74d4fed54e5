from django.core.management.base import BaseCommand

from exchange.lifecycle import expire_due


class Command(BaseCommand):
    help = "Ends open knowledge requests whose deadline has passed (run daily)."

    def handle(self, *args, **options):
        count = expire_due()
        self.stdout.write(f"{count} request(s) expired.")
