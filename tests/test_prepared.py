"""Querysets compiled once and run with new values (core/prepared.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Category, Thread
from community.posting import start_thread
from community.read_state import with_position
from core.prepared import Prepared

SOME_THREAD, SOME_MEMBER = -5_000_001, -5_000_002


@pytest.fixture
def threads(make_member):
    category = Category.objects.create(name="Water", slug="water")
    author = make_member()
    return [start_thread(author, title=f"Wells {n}", body="Polluted.", category=category) for n in range(3)]


def test_a_prepared_queryset_gives_what_the_queryset_gives_for_each_value(threads, make_member):
    from community.models import ThreadRead

    reader, other = make_member(email="reader@example.org"), make_member(email="other@example.org")
    ThreadRead.objects.create(user=reader, thread=threads[1], position=1)
    ThreadRead.objects.create(user=other, thread=threads[1], position=7)
    prepared = Prepared(
        lambda pk, member: with_position(Thread.objects.select_related("category", "author__profile"), member).filter(
            pk=pk
        ),
        pk=SOME_THREAD,
        member=SOME_MEMBER,
    )
    for thread in threads:
        found = prepared.first(pk=thread.pk, member=reader.pk)
        expected = with_position(Thread.objects.select_related("category", "author__profile"), reader).get(pk=thread.pk)
        assert (found.pk, found.title, found.read_position) == (expected.pk, expected.title, expected.read_position)
        assert found.read_position == (1 if thread == threads[1] else None)
        with CaptureQueriesContext(connection) as queries:
            assert found.category.name == "Water" and found.author.profile.display_name  # selected with it
        assert len(queries) == 0
    assert prepared.first(pk=10**9, member=reader.pk) is None


def test_a_stand_in_the_query_does_not_use_is_refused(threads):
    with pytest.raises(ValueError, match="stand-ins"):
        Prepared(lambda pk: Thread.objects.filter(pk=1), pk=SOME_THREAD).first(pk=threads[0].pk)
