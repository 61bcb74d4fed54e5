"""The comments under a solution or news post: the latest ones, and what tells readers apart.

Pages that are shared between readers (``website/shared_pages.py``) and the comments fragment
(``website/templatetags/fragments.py``) are keyed by ``reader_key``: what a reader may do to a
comment depends on whether they moderate, may comment, and wrote any of the comments shown; a
moderator also sees held and hidden comments."""

from __future__ import annotations

from community.models import Post, Thread
from community.permissions import can_post, is_moderator
from website.page_cache import memoized

COMMENTS_SHOWN = 50


def comment_thread(page) -> Thread | None:
    """The page's comment thread, loaded once per page object (its shared key and its template
    both ask)."""
    if "_minga_comment_thread" not in page.__dict__:
        page._minga_comment_thread = Thread.objects.select_related("category").filter(page_id=page.pk).first()
    return page._minga_comment_thread


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


def comment_authors(thread: Thread) -> list[int]:
    """Who wrote the comments shown, kept with the page cache's generation."""
    return memoized(
        f"comment-authors:{thread.pk}:{thread.post_count}", lambda: [p.author_id for p in latest_comments(thread)]
    )


def reader_key(user, page) -> str:
    thread = comment_thread(page)
    commenting = can_post(user, thread) if thread else can_post(user)
    if thread is None:
        return f"0{int(commenting)}:0"
    own = user.pk if user.is_authenticated and user.pk in comment_authors(thread) else 0
    return f"{int(is_moderator(user, thread.category))}{int(commenting)}:{own}"
