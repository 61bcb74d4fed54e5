"""What nearly every page asks about the signed-in member, in one typed object per request.

``community/auth_backends.py`` loads the member with these facts in one query and puts them on
``user.facts``; the permission checks, sanctions, notifications and shared pages read them
there. A fact that is ``None`` is not known yet (a member loaded another way, or a fact that
changed during the request): the first check that needs it asks the database and keeps the
answer, so it is asked at most once per request.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MemberFacts:
    admin: bool | None = None  # may use Wagtail's admin (its user bar shows)
    verified: bool | None = None  # has a verified email address
    moderator: bool | None = None  # in the Moderators group
    moderates_a_category: bool | None = None  # moderates at least one category
    moderated: dict[int, bool] = field(default_factory=dict)  # category id -> moderates it
    blocking_sanctions: list | None = None  # active sanctions that block posting, latest end first
    unread: int | None = None  # unread notifications (private messages are counted as conversations)
    unread_conversations: int | None = None  # conversations with messages the member has not read
    ignored: frozenset[int] | None = None  # the members they ignore
    commented: bool | None = None  # ever wrote a comment under a page
    language: str | None = None  # the interface language last used, "" for the site's default


def facts_of(user) -> MemberFacts:
    """The member's facts for this request, made empty on first use for a member loaded without them."""
    facts = getattr(user, "facts", None)  # through request.user's lazy wrapper to the member
    if facts is None:
        facts = user.facts = MemberFacts()
    return facts
