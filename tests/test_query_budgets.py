"""Every list page answers in a number of queries that does not grow with its content."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solutions.models import NewsIndexPage
from solutions.news_actions import publish_news_post
from solutions.resource_actions import Version, create_resource
from tests.bulk import bulk_solutions


def queries(client, url) -> int:
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    # A search that ran out of its time budget stops half-way and answers "busy" in fewer queries.
    assert b"Search is busy" not in response.content, "the search ran out of its time budget"
    return len(captured)


def grow_news(count, offset=0):
    index = NewsIndexPage.objects.get()
    for n in range(offset, offset + count):
        publish_news_post(
            index,
            slug=f"post-{n}",
            title=f"Post {n}",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            authors="",
            intro="Intro",
            body="Body",
        )


def grow_resources(count, offset=0):
    for n in range(offset, offset + count):
        create_resource(
            slug=f"res-{n}",
            title=f"Resource {n}",
            description="",
            versions=[
                Version("en", "English", f"r{n}.txt", b"text"),
                Version("es", "Español", f"r{n}-es.txt", b"texto"),
            ],
        )


@pytest.mark.parametrize(
    ("url", "grow", "budget"),
    [
        ("/en/news/", grow_news, 14),
        ("/en/resources/", grow_resources, 16),
        ("/en/", None, 22),
        ("/en/search/?q=bulk", None, 40),
    ],
)
def test_list_pages_keep_their_query_budget(client, catalogue, url, grow, budget, settings):
    # Queries are counted here, not time: on a slow or busy machine the database engine's search
    # of 90 solutions can pass its visitors' budget (1.5 s) and answer "busy" in fewer queries.
    settings.SEARCH_DATABASE_BUDGET = 60
    bulk_solutions(catalogue, 30)
    if grow:
        grow(5)
    small = queries(client, url)
    bulk_solutions(catalogue, 60, seed=11) if grow is None else grow(25, offset=5)
    large = queries(client, url)
    assert large <= budget, large
    assert large == small, (small, large)
