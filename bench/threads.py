"""Thread page benchmark: the first and the last page of a 2,000-reply thread, through the full
Django stack (test client), with their query counts.

    .venv/bin/python bench/threads.py [--replies 2000]
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import setup_django, summary, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--replies", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_django("bench-threads.sqlite3")

    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from community.models import Category, Post, Thread
    from community.posting import start_thread
    from community.profiles import create_profile
    from community.thread_pages import POSTS_PER_PAGE, page_of

    thread = Thread.objects.filter(title="Benchmark thread").first()
    if thread is None:
        user = get_user_model().objects.create_user("bench", "bench@example.org", "x")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        create_profile(user, display_name="Bench Member")
        category, _created = Category.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
        from django.test import override_settings

        with override_settings(COMMUNITY_NEW_MEMBER_DAYS=0, COMMUNITY_NEW_MEMBER_POSTS=0):
            thread = start_thread(user, title="Benchmark thread", body="Opening post", category=category)
        Post.objects.bulk_create(
            [
                Post(thread=thread, position=n, author=user, body=f"Reply {n}", body_html=f"<p>Reply {n}</p>")
                for n in range(2, args.replies + 2)
            ],
            batch_size=1000,
        )
        Thread.objects.filter(pk=thread.pk).update(post_count=args.replies + 1)
        thread.refresh_from_db()
    client = Client()
    last = page_of(thread.post_count, POSTS_PER_PAGE)
    print(f"thread with {thread.post_count} posts, {last} pages")
    results = {}
    for label, page in (("first page", 1), ("last page", last)):
        url = f"{thread.get_absolute_url()}?page={page}"
        client.get(url)
        reset_queries()  # the debug log is capped at 9,000 entries: start from empty
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        samples = timed(lambda u=url: client.get(u), args.repeat)
        results[label] = sorted(samples)[len(samples) // 2]
        print(f"{label:10s} {summary(samples)}   {len(queries)} queries")
    print(f"last/first p50 ratio: {results['last page'] / results['first page']:.2f}")


if __name__ == "__main__":
    main()
