"""Community settings with their defaults in one place (override any of them in Django settings)."""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # Flags from this many distinct members hide an item until a moderator decides.
    "COMMUNITY_FLAG_HIDE_THRESHOLD": 3,
    # A member is "new" until both: this many days since joining and this many visible posts.
    "COMMUNITY_NEW_MEMBER_DAYS": 3,
    "COMMUNITY_NEW_MEMBER_POSTS": 3,
    # New members' first posts wait for a moderator; so do their posts with more links than this.
    "COMMUNITY_NEW_MEMBER_HELD_POSTS": 2,
    "COMMUNITY_NEW_MEMBER_MAX_LINKS": 1,
    # "Trusted" after this many days and visible posts, with at least one accepted or helpful post.
    "COMMUNITY_TRUSTED_DAYS": 60,
    "COMMUNITY_TRUSTED_POSTS": 20,
    # Posting rates per trust level (django-ratelimit syntax).
    "COMMUNITY_POST_RATES": {"new": "3/m", "member": "10/m", "trusted": "30/m", "moderator": "120/m"},
    "COMMUNITY_FLAG_RATE": "20/h",
    "COMMUNITY_CONTACT_RATE": "5/h",
    # A conversation has at most this many members besides the one who started it.
    "COMMUNITY_CONVERSATION_MAX_MEMBERS": 10,
    # New members may start this many conversations a day.
    "COMMUNITY_NEW_MEMBER_CONVERSATIONS_PER_DAY": 3,
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])
