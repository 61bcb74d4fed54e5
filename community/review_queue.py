"""The one review queue: reported items, held posts, submitted solutions and messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Max, Min
from django.http import Http404

from community.models import ContactMessage, Flag, Post, PostStatus, Sanction
from community.targets import load
from core.registry import Registry


@dataclass(frozen=True)
class HeldKind:
    """Items an app above community holds for review (knowledge requests): the queue lists them
    under ``key`` prefixes of their own, and a moderator's decision comes back to the app."""

    items: Callable[[], list[QueueItem]]
    approve: Callable[[object, str], None]  # (moderator, id from the key)
    reject: Callable[[object, str, str], None]  # (moderator, id, reason)


held_kinds: Registry[HeldKind] = Registry("kind of held item")


@dataclass
class QueueItem:
    kind: str  # "flagged", "held", "solution", "message"
    key: str  # what the bulk form posts back
    created_at: datetime
    target: object = None
    flag_count: int = 0
    reasons: list[str] = field(default_factory=list)
    author_history: dict = field(default_factory=dict)
    obj: object = None


def author_history(user_id) -> dict:
    if not user_id:
        return {}
    return {
        "posts": Post.objects.filter(author_id=user_id, is_deleted=False).count(),
        "hidden": Post.objects.filter(author_id=user_id, status=PostStatus.HIDDEN).count(),
        "sanctions": list(Sanction.objects.filter(user_id=user_id).order_by("-created_at")[:5]),
    }


def flagged_items() -> list[QueueItem]:
    groups = (
        Flag.objects.filter(resolved_at__isnull=True)
        .values("target_kind", "target_id")
        .annotate(n=Count("pk"), newest=Max("created_at"))
    )
    items = []
    for group in groups:
        try:
            target = load(group["target_kind"], group["target_id"])
        except Http404:  # the item was deleted since: nothing left to review
            Flag.objects.filter(target_kind=group["target_kind"], target_id=group["target_id"]).delete()
            continue
        reasons = list(
            Flag.objects.filter(target_kind=target.kind, target_id=target.id, resolved_at__isnull=True).values_list(
                "reason", "text"
            )
        )
        items.append(
            QueueItem(
                "flagged",
                f"{target.kind}:{target.id}",
                group["newest"],
                target=target,
                flag_count=group["n"],
                reasons=[f"{r}{': ' + t if t else ''}" for r, t in reasons],
                author_history=author_history(target.author_id),
            )
        )
    return items


def held_items() -> list[QueueItem]:
    posts = Post.objects.filter(status=PostStatus.HELD, is_deleted=False).select_related("thread", "author__profile")
    return [
        QueueItem("held", f"held:{p.pk}", p.created_at, obj=p, author_history=author_history(p.author_id))
        for p in posts
    ]


def solution_items() -> list[QueueItem]:
    from community.solution_review import submissions_in_review

    return [
        QueueItem(
            "solution",
            f"solution-review:{state.solution.pk}",
            state.created_at,
            obj=state.solution,
            author_history=author_history(state.solution.owner_id),
        )
        for state in submissions_in_review()
    ]


def other_held_items() -> list[QueueItem]:
    return [item for kind in held_kinds.values() for item in kind.items()]


def message_items() -> list[QueueItem]:
    return [
        QueueItem("message", f"message:{m.pk}", m.created_at, obj=m)
        for m in ContactMessage.objects.filter(handled_at__isnull=True)
    ]


def queue(order: str = "newest") -> list[QueueItem]:
    items = flagged_items() + held_items() + solution_items() + other_held_items() + message_items()
    if order == "flags":
        items.sort(key=lambda i: (i.flag_count, i.created_at), reverse=True)
    else:
        items.sort(key=lambda i: i.created_at, reverse=True)
    return items


def waiting_summary() -> dict:
    oldest = [
        Flag.objects.filter(resolved_at__isnull=True).aggregate(t=Min("created_at"))["t"],
        Post.objects.filter(status=PostStatus.HELD, is_deleted=False).aggregate(t=Min("created_at"))["t"],
        ContactMessage.objects.filter(handled_at__isnull=True).aggregate(t=Min("created_at"))["t"],
    ]
    from community.solution_review import submissions_in_review

    oldest += [s.created_at for s in submissions_in_review()]
    oldest = [t for t in oldest if t]
    return {"size": len(queue()), "oldest": min(oldest) if oldest else None}
