"""The comments under a solution or news post: the latest ones, and what tells readers apart.

Pages that are shared between readers (``core/shared_pages.py``, the "comments" reader part a
page type declares) and the comments fragment
(``core/templatetags/fragments.py``) are keyed by ``reader_key``. What a reader may do to a
comment depends on whether they may take part, moderate (a moderator also sees held and hidden
comments) and wrote it; a moderator, and a member who ever commented, get a key of their own. The
key does not depend on the page, so ``SharedPageMiddleware`` can find a shared page before routing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail.models import Page

from community.facts import facts_of
from community.models import Category, Post, Thread, ThreadKind
from community.permissions import can_post, is_moderator
from community.thread_pages import POSTS_PER_PAGE
from core.shared_pages import page_types_with

# The latest comments, as many as a thread page shows: the rest are a link away (50 made the
# comments four fifths of a solution page's 80 kB).
COMMENTS_SHOWN = POSTS_PER_PAGE


def commentable_pages():
    """The pages that show their comments (solutions, news posts), live and public: a comment
    anywhere else would be read by nobody, and its thread would carry the page's title."""
    return Page.objects.live().public().type(*page_types_with("comments"))


def check_commentable(page) -> None:
    if not commentable_pages().filter(pk=page.pk).exists():
        raise PermissionDenied(_("Comments are taken on published solutions and news posts only."))


def comment_thread(page) -> Thread | None:
    return Thread.objects.select_related("category").filter(page_id=page.pk).first()


def latest_comments(thread: Thread) -> list[Post]:
    posts = list(
        Post.objects.filter(thread=thread, position__gt=max(0, thread.post_count - COMMENTS_SHOWN))
        .select_related("author__profile", "quote_of")
        .prefetch_related("attachments")
        .order_by("position")
    )
    for post in posts:
        post.thread = thread  # the permission checks of each post read its thread and category
    return posts


def reader_key(user) -> str:
    if not user.is_authenticated:
        return "visitor"
    own = is_moderator(user) or moderates_a_category(user) or has_commented(user)
    return f"{int(can_post(user))}:{user.pk if own else 0}"


def moderates_a_category(user) -> bool:
    """Asked once per request: the facts loaded with the member answer it, or one query does,
    remembered where ``permissions.is_moderator`` looks too."""
    facts = facts_of(user)
    if facts.moderates_a_category is None:
        facts.moderates_a_category = Category.moderators.through.objects.filter(user=user).exists()
    return facts.moderates_a_category


def has_commented(user) -> bool:
    facts = facts_of(user)
    if facts.commented is None:  # not loaded with the member
        facts.commented = Post.objects.filter(author=user, thread__kind=ThreadKind.COMMENTS).exists()
    return facts.commented
