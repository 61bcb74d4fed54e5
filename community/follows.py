from __future__ import annotations

from django.db import IntegrityError, transaction

from community.models import Follow, FollowKind


def follow(user, kind: str, target) -> None:
    try:
        with transaction.atomic():
            Follow.objects.create(user=user, kind=kind, target=str(target)[:120])
    except IntegrityError:
        pass  # already following


def unfollow(user, kind: str, target) -> None:
    Follow.objects.filter(user=user, kind=kind, target=str(target)[:120]).delete()


def is_following(user, kind: str, target) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(user=user, kind=kind, target=str(target)[:120]).exists()


def followers(kind: str, targets) -> set[int]:
    targets = [str(t)[:120] for t in targets]
    return set(Follow.objects.filter(kind=kind, target__in=targets).values_list("user_id", flat=True))


def thread_audience(thread) -> set[int]:
    """Everyone following the thread, its category, one of its tags, or a linked solution."""
    users = followers(FollowKind.THREAD, [thread.pk])
    if thread.category_id:
        users |= followers(FollowKind.CATEGORY, [thread.category_id])
    users |= followers(FollowKind.TAG, [t.name.lower() for t in thread.tags.all()])
    pages = [p.pk for p in thread.solutions.all()] + ([thread.page_id] if thread.page_id else [])
    if pages:
        users |= followers(FollowKind.PAGE, pages)
    return users
