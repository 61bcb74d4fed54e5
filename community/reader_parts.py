"""What community tells the shared pages about a reader (``core/shared_pages.py``): the header's
unread count and admin user bar, and the "comments" part that pages with comments declare."""

from __future__ import annotations

from community.facts import facts_of
from core.shared_pages import header_parts, reader_parts


def unread(user) -> tuple[int, int]:
    """Unread notifications and conversations: the header shows each."""
    from community.notifications import unread_counts

    return unread_counts(user)


def admin_bar(user) -> object:
    """The admin's user bar offers what each editor's own permissions allow."""
    return False if facts_of(user).admin is False else ("admin", user.pk)


def comments(request) -> str:
    from community.comments import reader_key

    return reader_key(request.user)


def register() -> None:
    header_parts.register("unread", unread)
    header_parts.register("admin", admin_bar)
    reader_parts.register("comments", comments)
