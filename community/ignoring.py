"""Ignoring a member: their posts are collapsed for the one who ignores them, their mentions and
messages do not notify, and they cannot start a conversation with them. Moderators acting as
moderators are never ignored: their notices arrive and they may always write."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from community.facts import facts_of
from community.models import IgnoredMember


def ignored_ids(user) -> frozenset[int]:
    """Whom the member ignores, asked once per request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    facts = facts_of(user)
    if facts.ignored is None:
        facts.ignored = frozenset(IgnoredMember.objects.filter(user=user).values_list("ignored_id", flat=True))
    return facts.ignored


def ignores(user_id: int, other_id: int | None) -> bool:
    return other_id is not None and IgnoredMember.objects.filter(user_id=user_id, ignored_id=other_id).exists()


def check_can_ignore(user, other) -> None:
    from community.permissions import check_can_take_part

    check_can_take_part(user)
    if other.pk == user.pk:
        raise PermissionDenied(_("You cannot ignore yourself."))


def ignore(user, other) -> None:
    check_can_ignore(user, other)
    try:
        with transaction.atomic():
            IgnoredMember.objects.create(user=user, ignored=other)
    except IntegrityError:
        pass  # ignored already
    facts_of(user).ignored = None


def unignore(user, other) -> None:
    IgnoredMember.objects.filter(user=user, ignored=other).delete()
    facts_of(user).ignored = None
