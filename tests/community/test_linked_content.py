"""Discussions name pages only where a visitor may open them: a thread's linked solutions, the
comments of a page, and where a comment may be posted at all."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import Page, PageViewRestriction

from community import decisions
from community.models import Post
from community.posting import comment_on_page, start_thread
from community.targets import load
from solutions.models import NewsIndexPage
from solutions.news_actions import publish_news_post
from website.models import HomePage


@pytest.fixture(params=["visitor", "member"])
def reader(request, client, make_member):
    if request.param == "member":
        client.force_login(make_member(email="reader@example.org", name="Reader"))
    return client


def test_a_thread_names_only_the_linked_solutions_visitors_may_open(member, category, make_solution, reader):
    shown = make_solution(title="Rainwater tanks in schools")
    withdrawn = make_solution(title="Withdrawn pilot with secret partners")
    private = make_solution(title="Private draft of a partner")
    thread = start_thread(
        member, title="Tanks or wells?", body="Which works?", category=category, solutions=[shown, withdrawn, private]
    )
    withdrawn.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    page = reader.get(thread.get_absolute_url()).content.decode()
    assert "Rainwater tanks in schools" in page
    assert "Withdrawn pilot" not in page and "Private draft" not in page


def test_comments_are_taken_on_published_solutions_and_news_only(member, member_client, make_solution):
    solution = make_solution(title="Solar dryers")
    news = publish_news_post(
        NewsIndexPage.objects.get(),
        slug="dryers",
        title="Dryers news",
        date="2026-11-01",
        authors="",
        intro="",
        body="B",
    )
    unpublished = make_solution(publish=False, title="A draft")
    home = HomePage.objects.get()
    refused = [home, Page.objects.get(slug="news"), unpublished, Page.get_first_root_node()]
    for page in refused:
        response = member_client.post(f"/en/discussions/comment/{page.pk}/", {"body": "A comment"})
        assert response.status_code == 404, page
        with pytest.raises(PermissionDenied):
            comment_on_page(member, page, "A comment")
    assert not Post.objects.exists()
    for page in (solution, news):
        assert member_client.post(f"/en/discussions/comment/{page.pk}/", {"body": "Useful!"}).status_code == 302
    assert Post.objects.count() == 2


def test_the_comments_of_a_page_taken_down_are_not_shown_on_their_own(member, moderator, make_solution, reader):
    page = make_solution(title="Fish farming cooperatives")
    comment = comment_on_page(member, page, "Great results")
    page.unpublish()
    url = f"{comment.thread.get_absolute_url()}?page=1"
    response = reader.get(url)
    assert response.status_code == 404 and "Fish farming" not in response.content.decode()
    assert reader.get(f"/en/discussions/p/{comment.pk}/history/").status_code == 404
    reader.post(comment.thread.get_absolute_url(), {"body": "Still there?"})
    assert Post.objects.count() == 1
    reader.force_login(moderator)
    assert reader.get(url).status_code == 200


def test_a_thread_merged_into_a_hidden_one_does_not_lead_to_it(member, moderator, category, reader):
    source = start_thread(member, title="Merged away", body="Open", category=category)
    into = start_thread(member, title="Confidential target thread", body="Open", category=category)
    decisions.merge(moderator, source, into)
    decisions.hide(moderator, load("thread", into.pk), "Off topic")
    response = reader.get(source.get_absolute_url())
    assert response.status_code == 404 and "confidential" not in response.get("Location", "")
