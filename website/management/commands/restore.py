"""`manage.py restore PATH --yes`: replaces every row and the backed-up media with a backup's."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from website.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup`. This REPLACES all data in the database."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .tar.gz written by `manage.py backup`.")
        parser.add_argument("--yes", action="store_true", help="Confirm that all current data may be replaced.")

    def handle(self, *args, path: str, yes: bool, **options):
        if not yes:
            raise CommandError(
                "restore deletes every row in the database and replaces it with the backup's content; "
                "run again with --yes to confirm."
            )
        try:
            report = restore_backup(path)
        except BackupError as exc:
            raise CommandError(f"cannot restore {path}: {exc}") from exc
        self.stdout.write(f"restored {path} (backup taken {report['backup_created_at']})")
        for label, count in report["counts"].items():
            if count:
                self.stdout.write(f"  {label}: {count}")
        self.stdout.write(f"  media files: {report['media_files']}")
        self.stdout.write(f"  {report['search']}")
