"""A member's knowledge requests, offers and exchanges in their data export, and what goes when
they delete their account."""

from __future__ import annotations

from community.account_data import register_eraser, register_exporter
from community.permissions import is_author
from exchange.models import Exchange, KnowledgeRequest, Offer, RequestStatus


@register_exporter
def export_requests(user):
    requests = [
        {
            "title": r.title,
            "url": r.get_absolute_url(),
            "status": r.status,
            "challenge": r.challenge,
            "tried": r.tried,
            "learn": r.learn,
            "deadline": r.deadline,
            "endorsed_by": r.endorsed_by,
            "reply": r.reply,
            "created_at": r.created_at,
        }
        for r in KnowledgeRequest.objects.filter(requester=user)
    ]
    offers = [
        {
            "request": o.request.title if o.request else None,
            "summary": o.summary,
            "availability": o.availability,
            "status": o.status,
            "created_at": o.created_at,
        }
        for o in Offer.objects.filter(author=user).select_related("request")
    ]
    exchanges = [
        {
            "request": e.request.title,
            "role": "requester" if is_author(user, e.requester_id) else "provider",
            "starts_on": e.starts_on,
            "ends_on": e.ends_on,
        }
        for e in Exchange.objects.filter(requester=user).select_related("request")
        | Exchange.objects.filter(provider=user).select_related("request")
    ]
    return "knowledge_requests", {"requests": requests, "offers": offers, "exchanges": exchanges}


@register_eraser
def erase_requests(user, *, keep_contributions: bool) -> None:
    """Drafts always go; published requests stay under "former member" only if asked."""
    KnowledgeRequest.objects.filter(requester=user, status=RequestStatus.DRAFT).delete()
    if not keep_contributions:
        KnowledgeRequest.objects.filter(requester=user).delete()
