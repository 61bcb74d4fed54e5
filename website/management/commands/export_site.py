"""`manage.py export_site`: the public content as open data (JSON, CSV and files), CC BY 4.0."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from website.open_export import export_site


class Command(BaseCommand):
    help = "Write all public content as JSON and CSV, with the public files and a README (see website/open_export.py)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="open-data", help="Folder to write into (default: open-data).")

    def handle(self, *args, output: str, **options):
        counts = export_site(output)
        self.stdout.write(f"open data written to {output}")
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count}")
