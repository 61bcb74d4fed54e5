import secrets
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from website.scale.community import seed_discussions, seed_members
from website.scale.solutions import seed_news, seed_solutions
from website.scale.text import Prose


class Command(BaseCommand):
    help = (
        "Add content at scale for benchmarks (bulk inserts, then one reindex): solutions, news, members "
        "with profiles, threads and posts, the first thread with --long-thread replies."
    )

    def add_arguments(self, parser):
        parser.add_argument("--solutions", type=int, default=20_000)
        parser.add_argument("--members", type=int, default=5_000)
        parser.add_argument("--threads", type=int, default=2_000)
        parser.add_argument("--posts", type=int, default=200_000)
        parser.add_argument("--news", type=int, default=None, help="Default: one per 200 solutions, at least 5.")
        parser.add_argument("--long-thread", type=int, default=2_000, help="Replies in the first thread.")
        parser.add_argument("--password", default=None, help="Password of every seeded member (default: random).")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--no-index", action="store_true", help="Skip the search reindex at the end.")

    def handle(self, *args, **options):
        from core.page_cache import invalidate
        from website.baseline import ensure_baseline
        from website.site_tree import ensure_site_tree

        ensure_baseline()
        ensure_site_tree()
        prose = Prose(options["seed"])
        run = secrets.token_hex(3)
        news = options["news"] if options["news"] is not None else max(5, options["solutions"] // 200)
        password = options["password"] or secrets.token_urlsafe(12)
        with transaction.atomic():
            solution_ids = self.step("solutions", seed_solutions, options["solutions"], prose=prose, run=run)
            self.step("news posts", seed_news, news, prose=prose, run=run)
            member_ids = self.step("members", seed_members, options["members"], prose=prose, run=run, password=password)
            long_thread = self.step(
                "threads and posts",
                seed_discussions,
                options["threads"] if member_ids else 0,
                options["posts"],
                member_ids=member_ids,
                solution_ids=solution_ids,
                prose=prose,
                long_replies=options["long_thread"],
            )
        invalidate()
        if not options["no_index"]:
            started = time.perf_counter()
            call_command("search_reindex", stdout=self.stdout)
            call_command("update_index", stdout=self.stdout, verbosity=0)
            self.stdout.write(f"search indexes rebuilt in {time.perf_counter() - started:.1f}s")
        if long_thread:
            self.stdout.write(f"long thread: {long_thread.get_absolute_url()} ({long_thread.post_count} posts)")
        if member_ids and not options["password"]:
            self.stdout.write(f"seeded members' password: {password}")

    def step(self, label, function, *args, **kwargs):
        started = time.perf_counter()
        result = function(*args, **kwargs)
        count = len(result) if isinstance(result, list) else args[0]
        self.stdout.write(f"{label}: {count} in {time.perf_counter() - started:.1f}s")
        return result
