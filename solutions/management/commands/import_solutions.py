from django.core.management.base import BaseCommand, CommandError

from solutions.importing import import_solutions


class Command(BaseCommand):
    help = "Import solutions from a JSON Lines file (one solution per line); see DESIGN.md for the format."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a UTF-8 JSON Lines file, or - for standard input.")
        parser.add_argument("--strict", action="store_true", help="Import nothing if any line is bad.")
        parser.add_argument("--draft", action="store_true", help="Save as drafts instead of publishing.")

    def handle(self, *args, file, strict, draft, **options):
        try:
            if file == "-":
                import sys

                lines = sys.stdin.read().splitlines()
            else:
                with open(file, encoding="utf-8") as handle:
                    lines = handle.read().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc

        report = import_solutions(lines, strict=strict, draft=draft)
        for line in report.organisations:
            self.stdout.write(line)
        for error in report.errors:
            self.stderr.write(str(error))
        if strict and report.errors:
            raise CommandError(f"--strict: nothing imported, {len(report.errors)} problem(s) found.")
        self.stdout.write(
            f"{len(report.created)} created, {len(report.updated)} updated, {len(report.errors)} problem(s)."
        )
        if report.errors:
            raise CommandError("some lines were not imported.")
