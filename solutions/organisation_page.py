"""What an organisation's page shows: its solutions by role and the sections apps above add
(its members, its knowledge requests and offers), in a fixed number of queries."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.params import positive_int
from solutions.catalogue import published_solutions
from solutions.models import Organisation
from solutions.models.vocab import PartnerRole
from solutions.organisations import page_sections

ROLE_HEADINGS = {
    PartnerRole.PROVIDER: _("Solutions it provided"),
    PartnerRole.RECIPIENT: _("Solutions it received"),
    PartnerRole.FACILITATOR: _("Solutions it facilitated"),
    PartnerRole.FUNDER: _("Solutions it funded"),
}


ROLE_SHOWN = 12  # solutions listed per role on the page; the rest a page at a time (?role=)
ROLE_PAGE = 50


def solutions_by_role(organisation: Organisation, request=None) -> list[dict]:
    """Each role with the live solutions (one per translation, in the reader's language) where
    the organisation took it, the first ``ROLE_SHOWN`` by title, or a page of ``ROLE_PAGE`` for
    the role the reader asked to see whole (``?role=provider&page=2``); roles it never took are
    left out. A few queries a role, however many solutions an agency took part in."""
    asked = request.GET.get("role") if request is not None else None
    roles = []
    for role, heading in ROLE_HEADINGS.items():
        keys = organisation.partnerships.filter(page__live=True, role=role).values("page__translation_key")
        pages = published_solutions().filter(translation_key__in=keys).order_by(Lower("title"), "pk")
        if role == asked:
            listed = Paginator(pages, ROLE_PAGE).get_page(request.GET.get("page"))
            count = listed.paginator.count
        else:
            listed = list(pages[: ROLE_SHOWN + 1])
            count = len(listed) if len(listed) <= ROLE_SHOWN else pages.count()
            listed = listed[:ROLE_SHOWN]
        if count:
            roles.append(
                {"role": role, "heading": heading, "solutions": listed, "count": count, "whole": role == asked}
            )
    # The countries of every solution listed, for all roles in one query.
    prefetch_related_objects([page for role in roles for page in role["solutions"]], "countries")
    return roles


def organisation_json_ld(organisation: Organisation, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "alternateName": organisation.short_name or None,
        "url": organisation.website or None,
        "mainEntityOfPage": request.build_absolute_uri(organisation.get_absolute_url()),
        "description": organisation.description or None,
        "areaServed": [
            {"@type": "Country", "identifier": c.code, "name": c.name} for c in organisation.countries.all()
        ],
    }
    return {key: value for key, value in data.items() if value not in (None, [])}


def asked_listing(request) -> str:
    """The role listed whole and its page, as the roles' shared fragment is keyed: the same for
    every reader who asked for the same listing, and one key for what shows the roles' summary."""
    role = request.GET.get("role")
    if role not in ROLE_HEADINGS:
        return ""
    return f"{role}:{positive_int(request.GET.get('page')) or 1}"


def organisation_context(organisation: Organisation, request) -> dict:
    sections = []
    for name, section in page_sections.items():
        context = section.context(organisation, request)
        if context is not None:
            sections.append({"name": name, "template": section.template, "context": context})
    return {
        "organisation": organisation,
        # Called only when the roles' shared fragment is not in the cache: the same for every
        # reader, so a member's view costs none of its queries either.
        "roles": lambda: solutions_by_role(organisation, request),
        "roles_key": asked_listing(request),
        "sections": sections,
        "json_ld": organisation_json_ld(organisation, request),
    }
