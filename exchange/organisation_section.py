"""An organisation's knowledge requests and standing offers on its page: those of its members
(who said they work there) and the requests it endorses by name."""

from __future__ import annotations

from functools import cache

from django.db.models import Q

from community.models import Affiliation
from exchange.models import FINDABLE, KnowledgeRequest, Offer, OfferStatus
from solutions.models import Organisation
from solutions.organisations import PageSection, page_sections

SHOWN = 20


def exchange_section(organisation: Organisation, request) -> dict:
    """The same for every reader: ``found`` is called only when the section's shared fragment is
    not in the cache, and the template leaves the section out when it finds nothing."""

    @cache
    def found() -> dict:
        members = Affiliation.objects.filter(organisation=organisation).values("user_id")
        names = Q(endorsed_by__iexact=organisation.name)
        if organisation.short_name:
            names |= Q(endorsed_by__iexact=organisation.short_name)
        requests = list(
            KnowledgeRequest.objects.filter(status__in=FINDABLE, is_held=False, is_hidden=False)
            .filter(Q(requester_id__in=members) | names)
            .order_by("-opened_at", "-pk")[:SHOWN]
        )
        offers = list(
            Offer.objects.filter(
                request__isnull=True, status=OfferStatus.OPEN, author__is_active=True, author_id__in=members
            ).select_related("author__profile")[:SHOWN]
        )
        return {"requests": requests, "offers": offers}

    return {"found": found}


def register() -> None:
    page_sections.register("exchange", PageSection("exchange/includes/organisation_exchange.html", exchange_section))
