"""`manage.py backup`: the database and the media files in one archive that `restore` reads back."""

from __future__ import annotations

from datetime import UTC, datetime

from django.core.management.base import BaseCommand

from website.backups import create_backup


class Command(BaseCommand):
    help = "Back up the whole database and MEDIA_ROOT into one .tar.gz (see website/backups.py)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Archive to write (default: backups/minga-<UTC timestamp>.tar.gz).")

    def handle(self, *args, output: str | None, **options):
        path = output or f"backups/minga-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.tar.gz"
        manifest = create_backup(path)
        self.stdout.write(f"backup written to {path}")
        for label, count in manifest["counts"].items():
            if count:
                self.stdout.write(f"  {label}: {count}")
        self.stdout.write(f"  media files: {manifest['media_files']}")
