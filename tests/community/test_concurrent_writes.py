"""Two members acting at the same moment never get an error for it: rows that must be unique
(the comment thread of a page, a member's profile) are created race-free. On PostgreSQL, with
real transactions; SQLite serialises writers (the embedded default is checked with a file
database in tests/test_embedded_sqlite.py)."""

from __future__ import annotations

import pytest
from django.db import connection

from community.models import Post, Profile, Thread
from community.posting import comment_on_page
from community.profiles import profile_for
from tests.concurrency import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="in-memory SQLite shares one cache between connections; tests/test_embedded_sqlite.py races on a file",
    ),
]


def test_two_first_comments_at_once_share_one_thread(make_member, make_solution):
    ana, bo = make_member(), make_member(email="bo@example.org", name="Bo Banda")
    pages = [make_solution(title=f"Solution {n}") for n in range(4)]
    for page in pages:
        outcomes = at_once(
            lambda page=page: comment_on_page(ana, page, "First!"),
            lambda page=page: comment_on_page(bo, page, "Me too"),
        )
        assert all(isinstance(outcome, Post) for outcome in outcomes), outcomes
        thread = Thread.objects.get(page=page)
        assert sorted(thread.posts.values_list("position", flat=True)) == [1, 2]
        assert thread.post_count == 2


def test_a_profile_made_on_first_use_by_two_requests_at_once(site_tree):
    from django.contrib.auth import get_user_model

    for n in range(5):
        user = get_user_model().objects.create_user(username=f"admin-made-{n}", email=f"a{n}@example.org")
        outcomes = at_once(lambda user=user: profile_for(user), lambda user=user: profile_for(user))
        assert all(isinstance(outcome, Profile) for outcome in outcomes), outcomes
        assert outcomes[0].pk == outcomes[1].pk == Profile.objects.get(user=user).pk
