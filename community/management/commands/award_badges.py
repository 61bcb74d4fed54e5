from django.core.management.base import BaseCommand

from community.badges import award_earned
from community.models import Profile


class Command(BaseCommand):
    help = "Award the automatic badges members have earned (run daily)."

    def handle(self, *args, **options):
        total = 0
        for profile in Profile.objects.filter(user__is_active=True).select_related("user").iterator():
            total += len(award_earned(profile))
        self.stdout.write(f"{total} badge(s) awarded.")
