from django.core.management.base import BaseCommand, CommandError

from search.engines.clients import NodeUnavailable, get_client
from search.engines.mapping import MAPPING_VERSION
from search.engines.node import NodeEngine
from search.reindex import check, repair
from search.service import node_configured


class Command(BaseCommand):
    help = "Report drift between the database and the search index; --repair brings the index in line."

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="Index what is missing or outdated, remove what is stale."
        )

    def handle(self, *args, repair_drift=False, **options):
        repair_drift = options.get("repair", False)
        if not node_configured():
            self.stdout.write("SEARCH_URL is not set: the database engine is always in line.")
            return
        try:
            self.report_cluster()
            drift = check()
            for label, ids in (("missing", drift.missing), ("stale", drift.stale), ("outdated", drift.outdated)):
                sample = ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "")
                self.stdout.write(f"{label}: {len(ids)}{'  (' + sample + ')' if ids else ''}")
            if drift.old_mapping:
                self.stdout.write(
                    f"mapping: the index was built with version {drift.mapping}, this release uses"
                    f" {MAPPING_VERSION}; --repair (or search_reindex) rebuilds it"
                )
            if drift.clean:
                self.stdout.write("The index is in line with the database.")
                return
            if not repair_drift:
                raise CommandError("the index has drifted; run with --repair to fix it.")
            repair(drift)
            after = check()
        except NodeUnavailable as exc:
            raise CommandError(f"search node unavailable: {exc}") from exc
        if not after.clean:
            raise CommandError("drift remains after repair.")
        self.stdout.write("Repaired: the index is in line with the database.")

    def report_cluster(self) -> None:
        health = NodeEngine().call(get_client().health)
        self.stdout.write(
            f"cluster {health['cluster_name']}: {health['status']}, {health['number_of_nodes']} nodes"
            f" ({health['number_of_data_nodes']} with data), {health['unassigned_shards']} unassigned shards"
        )
        if health["status"] == "red":
            raise CommandError("the cluster is red: some primary shards are not assigned, so searches miss content.")
