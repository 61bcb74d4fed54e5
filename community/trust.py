"""Trust levels, computed from account age and accepted activity (thresholds in community.conf)."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from community.conf import setting

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
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


def hold_reason(user, body: str) -> str | None:
    """Why a new post must wait for a moderator, or None."""
    from community.models import Post

    if trust_level(user) != NEW:
        return None
    if Post.objects.filter(author=user).count() < setting("COMMUNITY_NEW_MEMBER_HELD_POSTS"):
        return "first posts"
    if len(LINK.findall(body or "")) > setting("COMMUNITY_NEW_MEMBER_MAX_LINKS"):
        return "links"
    return None


def post_rate(user) -> str:
    return setting("COMMUNITY_POST_RATES")[trust_level(user) if getattr(user, "is_authenticated", False) else NEW]
