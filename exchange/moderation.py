"""Knowledge requests in community's moderation: members report them, and new members' requests
wait in the review queue. Registered from ``ExchangeConfig.ready``, so community never imports
exchange."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from community.bookmarks import bookmark_kinds
from community.models import TargetKind
from community.review_queue import HeldKind, QueueItem, author_history, held_kinds
from community.targets import TargetType, moderation_targets
from core.params import id_or_404
from exchange import lifecycle
from exchange.models import KnowledgeRequest, RequestStatus


def held_requests() -> list[QueueItem]:
    held = KnowledgeRequest.objects.filter(is_held=True).select_related("requester__profile")
    return [
        QueueItem("request", f"held-request:{r.pk}", r.created_at, obj=r, author_history=author_history(r.requester_id))
        for r in held
    ]


def held_request(ident: str) -> KnowledgeRequest:
    return get_object_or_404(KnowledgeRequest, pk=id_or_404(ident))


def register() -> None:
    bookmark_kinds.register(TargetKind.REQUEST, gettext_lazy("Knowledge request"))
    moderation_targets.register(
        TargetKind.REQUEST,
        TargetType(
            queryset=lambda: KnowledgeRequest.objects.exclude(status=RequestStatus.DRAFT),
            visible_to=lifecycle.can_view,
            text=lambda request: request.challenge,
            author_id=lambda request: request.requester_id,
        ),
    )
    held_kinds.register(
        "held-request",
        HeldKind(
            items=held_requests,
            approve=lambda moderator, ident: lifecycle.approve_held(moderator, held_request(ident)),
            reject=lambda moderator, ident, reason: lifecycle.reject_held(moderator, held_request(ident), reason),
        ),
    )
