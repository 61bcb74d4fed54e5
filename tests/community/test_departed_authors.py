"""Content whose author is gone (account deleted with its contributions, or the user deleted in
the admin) has no author any more: nobody may see what only its author could. A visitor's id
is None like the missing author's, so "is the author" must never hold for a visitor."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from community import decisions, solution_review
from community.account_data import delete_account
from community.models import Post, PostStatus, Thread
from community.permissions import can_see_post
from community.posting import comment_on_page, edit_post, reply, start_thread
from community.targets import load
from solutions.models import SolutionPage
from tests.conftest import clean, solution_record

DEPARTURES = {
    "removed with contributions": lambda user: delete_account(user, keep_contributions=False),
    "deleted in the admin": lambda user: user.delete(),
}


@pytest.fixture(params=sorted(DEPARTURES))
def depart(request):
    return DEPARTURES[request.param]


@pytest.fixture
def author(make_member):
    return make_member(email="gone@example.org", name="Gone Author")


@pytest.fixture(params=["visitor", "member"])
def reader(request, client, make_member):
    """A client for someone who is not the author: a visitor, or another member."""
    if request.param == "member":
        client.force_login(make_member(email="reader@example.org", name="Reader"))
    return client


def hold_new_members(settings) -> None:
    settings.COMMUNITY_NEW_MEMBER_DAYS, settings.COMMUNITY_NEW_MEMBER_POSTS = 3, 3


def test_is_author_is_false_for_visitors_and_for_content_without_author(author, other, thread):
    from community.permissions import is_author

    post = reply(author, thread, "Mine")
    orphan = Post.objects.create(thread=thread, position=99, author=None, body="x", body_html="x")
    visitor = AnonymousUser()
    assert is_author(author, post) and is_author(author, post.author_id)
    assert not is_author(other, post) and not is_author(visitor, post)
    assert not is_author(visitor, orphan) and not is_author(visitor, None) and not is_author(other, orphan)
    assert not is_author(None, orphan) and not is_author(visitor, orphan.author_id)


def test_a_hidden_thread_stays_hidden_when_its_author_is_gone(author, other, moderator, category, reader, depart):
    thread = start_thread(author, title="Plans of a departed author", body="Secret opening", category=category)
    reply(other, thread, "A reply keeps the thread when its author's contributions go")
    decisions.hide(moderator, load("thread", thread.pk), "Off topic")
    depart(author)
    assert Thread.objects.get(pk=thread.pk).author_id is None
    response = reader.get(thread.get_absolute_url())
    assert response.status_code == 404
    assert "Secret opening" not in response.content.decode()


@pytest.mark.parametrize("how", ["held", "hidden"])
def test_held_and_hidden_posts_stay_unseen_when_their_author_is_gone(
    author, thread, moderator, reader, depart, settings, how
):
    hold_new_members(settings)
    post = reply(author, thread, "Words only moderators may read")
    assert post.status == PostStatus.HELD
    if how == "hidden":
        decisions.approve_held(moderator, post)
        decisions.hide(moderator, load("post", post.pk), "Rude")
    depart(author)
    post = Post.objects.select_related("thread__category").get(pk=post.pk)
    assert post.author_id is None and post.status != PostStatus.VISIBLE
    assert not can_see_post(AnonymousUser(), post)
    assert "Words only moderators may read" not in reader.get(thread.get_absolute_url()).content.decode()
    for action in ("history", "edit", "delete"):
        assert reader.get(f"/en/discussions/p/{post.pk}/{action}/").status_code == 404


def test_the_edit_history_of_a_departed_authors_post_is_theirs_and_the_moderators(
    author, thread, moderator, client, reader, depart
):
    post = reply(author, thread, "A first draft with a phone number")
    edit_post(author, post, "The answer, without the phone number")
    depart(author)
    response = reader.get(f"/en/discussions/p/{post.pk}/history/")
    assert response.status_code == 403
    assert "phone number" not in response.content.decode()
    reader.force_login(moderator)
    assert "A first draft with a phone number" in reader.get(f"/en/discussions/p/{post.pk}/history/").content.decode()


def test_a_held_comment_stays_unseen_when_its_author_is_gone(author, other, make_solution, reader, depart, settings):
    page = make_solution(title="Solar pumps for irrigation")
    comment_on_page(other, page, "A welcome comment that starts the thread")
    hold_new_members(settings)
    held = comment_on_page(author, page, "A held comment nobody approved")
    assert held.status == PostStatus.HELD
    depart(author)
    assert "A held comment nobody approved" not in reader.get(page.url).content.decode()
    assert reader.get(f"/en/discussions/p/{held.pk}/history/").status_code == 404


def test_an_unsubmitted_draft_stays_private_when_its_owner_is_gone(author, make_member, client, catalogue, depart):
    draft = solution_review.save_submission(author, clean(solution_record(title="A draft nobody reviewed")))
    depart(author)
    page = SolutionPage.objects.filter(pk=draft.pk).first()
    if page is not None:  # kept when the account was deleted in the admin, without an owner
        assert page.owner_id is None and not page.live
        with pytest.raises(PermissionDenied):
            solution_review.check_owner(AnonymousUser(), page)
    assert client.get(draft.url or f"/en/solutions/{draft.slug}/").status_code == 404
    client.force_login(make_member(email="reader@example.org", name="Reader"))
    assert client.get(f"/en/account/solutions/{draft.pk}/edit/").status_code == 404
