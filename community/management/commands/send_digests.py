from django.core.management.base import BaseCommand

from community.notifications import send_digests


class Command(BaseCommand):
    help = "Send the daily notification digest to members who chose it (run once a day)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_digests()} digest(s) sent.")
