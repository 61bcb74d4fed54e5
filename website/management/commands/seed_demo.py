import os

from django.conf import settings
from django.core.management.base import BaseCommand

from website.seeding import ADMIN_USERNAME, seed_demo


class Command(BaseCommand):
    help = "Create the demo content (idempotent: unchanged demo files make this a no-op)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Re-apply the demo data even if unchanged.")

    def handle(self, *args, force=False, **options):
        result = seed_demo(admin_password=os.environ.get("DEMO_ADMIN_PASSWORD") or None, force=force)
        if result.skipped:
            self.stdout.write("Demo content is up to date.")
        else:
            self.stdout.write(f"Demo content seeded: {result.solutions} solutions.")
        from search.bootstrap import bring_index_up_to_date

        self.stdout.write(bring_index_up_to_date(stdout=self.stdout))
        for problem in result.problems:
            self.stderr.write(problem)
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        if result.admin_password:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin: {base}/admin/  user: {ADMIN_USERNAME}  password: {result.admin_password}\n"
                    "(generated now and shown only once; set DEMO_ADMIN_PASSWORD to choose or reset it)"
                )
            )
        else:
            self.stdout.write(
                f"Admin: {base}/admin/  user: {ADMIN_USERNAME} (password from DEMO_ADMIN_PASSWORD or the first run)"
            )
