"""bench/run.py measures a member's own pages (the discussions list with their unread state and
their inbox) signed in only; here they run at a tiny size, with the bench's own preparation."""

import pytest

from bench import pages

pytestmark = pytest.mark.django_db


def test_the_member_pages_of_the_bench_run_within_their_budgets(make_member):
    from community.models import Category, ConversationMember, ThreadRead
    from community.posting import reply, start_thread

    measured_member = make_member(email="bench@example.org", name="Bench Member")
    others = [make_member(email=f"b{n}@example.org", name=f"Bench Other {n}") for n in range(6)]
    category = Category.objects.create(name="Water", slug="water")
    for n in range(4):
        thread = start_thread(others[n], title=f"Bench thread {n}", body="Opening", category=category)
        reply(others[n + 1], thread, "A reply")
    cookie = pages.member_cookie()
    assert ConversationMember.objects.filter(user=measured_member).count() == 3
    assert ThreadRead.objects.filter(user=measured_member).count() == 4
    measured = pages.member_pages()
    pages.count_queries(measured, cookie)
    for page in measured:
        assert pages.audiences(page) == ("member",)
        assert set(page.queries) == {"member"}
        assert page.queries["member"] <= page.budget, (page.name, page.queries)
    pages.member_cookie()  # a second run adds nothing
    assert ConversationMember.objects.filter(user=measured_member).count() == 3
