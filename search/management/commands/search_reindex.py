import time

from django.core.management.base import BaseCommand, CommandError

from search.engines.clients import NodeUnavailable
from search.reindex import reindex
from search.service import node_configured


class Command(BaseCommand):
    help = "Rebuild the search index into a new index and swap the alias (search never goes empty)."

    def handle(self, *args, **options):
        if not node_configured():
            self.stdout.write("SEARCH_URL is not set: the database engine needs no index rebuild.")
            return
        started = time.perf_counter()
        try:
            name, total = reindex()
        except NodeUnavailable as exc:
            raise CommandError(f"search node unavailable: {exc}") from exc
        self.stdout.write(f"Indexed {total} documents into {name} in {time.perf_counter() - started:.1f}s.")
