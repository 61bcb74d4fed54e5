"""Trust levels, computed from account age and accepted activity (thresholds in community.conf)."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser

from django.utils import timezone

from community.conf import setting

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
# An address that leaves the site: any scheme (``https:host`` too), or ``//host`` and its backslash
# spellings, which browsers read as ``//host``.
LEAVES_SITE = re.compile(r"[a-z][a-z0-9+.-]*:|[/\\]{2}", re.IGNORECASE)
IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
NEW, MEMBER, TRUSTED, MODERATOR = "new", "member", "trusted", "moderator"


def trust_level(user) -> str:
    from community.models import Post, PostStatus, Thread
    from community.permissions import is_moderator

    if is_moderator(user):
        return MODERATOR
    age = timezone.now() - user.date_joined
    visible = Post.objects.filter(author=user, status=PostStatus.VISIBLE, is_deleted=False).count()
    if age < timedelta(days=setting("COMMUNITY_NEW_MEMBER_DAYS")) or visible < setting("COMMUNITY_NEW_MEMBER_POSTS"):
        return NEW
    recognised = (
        Post.objects.filter(author=user, helpful_count__gt=0).exists()
        or Thread.objects.filter(accepted_post__author=user).exists()
    )
    if (
        age >= timedelta(days=setting("COMMUNITY_TRUSTED_DAYS"))
        and visible >= setting("COMMUNITY_TRUSTED_POSTS")
        and recognised
    ):
        return TRUSTED
    return MEMBER


def leaves_site(href: str) -> bool:
    """Read as a browser does: tabs and newlines dropped, leading controls and spaces stripped."""
    return bool(LEAVES_SITE.match(IGNORED_IN_URLS.sub("", href).lstrip("".join(map(chr, range(33))))))


class LinkCounter(HTMLParser):
    """Counts the links of rendered, sanitised HTML as a reader meets them: every anchor that
    leaves the site, and addresses written out in the text around them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.count = 0
        self.anchors = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.anchors += 1
            self.count += leaves_site(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.anchors:
            self.anchors -= 1

    def handle_data(self, data: str) -> None:
        if not self.anchors:
            self.count += len(LINK.findall(data))


def count_links(html: str) -> int:
    counter = LinkCounter()
    counter.feed(html or "")
    counter.close()
    return counter.count


def hold_reason(user, html: str, *, new_post: bool = True) -> str | None:
    """Why a new member's post must wait for a moderator, or None. ``html`` is the post as rendered
    and sanitised, so every spelling of a link the reader will see is counted. While an earlier
    post waits, the next ones wait too; an edited post (``new_post=False``) is checked for links."""
    from community.models import Post, PostStatus

    if trust_level(user) != NEW:
        return None
    if new_post:
        posts = Post.objects.filter(author=user)
        if posts.count() < setting("COMMUNITY_NEW_MEMBER_HELD_POSTS"):
            return "first posts"
        if posts.filter(status=PostStatus.HELD).exists():
            return "earlier post held"
    if count_links(html) > setting("COMMUNITY_NEW_MEMBER_MAX_LINKS"):
        return "links"
    return None


def post_rate(user) -> str:
    return setting("COMMUNITY_POST_RATES")[trust_level(user) if getattr(user, "is_authenticated", False) else NEW]
