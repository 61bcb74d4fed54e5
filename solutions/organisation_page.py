"""What an organisation's page shows: its solutions by role and the sections apps above add
(its members, its knowledge requests and offers), in a fixed number of queries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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


def solutions_by_role(organisation: Organisation) -> list[dict]:
    """Each role with the live solutions (one per translation, in the reader's language) where
    the organisation took it; roles it never took are left out."""
    pairs = list(organisation.partnerships.filter(page__live=True).values_list("page__translation_key", "role"))
    keys = {key for key, _role in pairs}
    pages = {
        page.translation_key: page
        for page in published_solutions().filter(translation_key__in=keys).prefetch_related("countries")
    }
    roles = []
    for role, heading in ROLE_HEADINGS.items():
        shown = {key: pages[key] for key, taken in pairs if taken == role and key in pages}
        if shown:
            ordered = sorted(shown.values(), key=lambda page: page.title.casefold())
            roles.append({"role": role, "heading": heading, "solutions": ordered})
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


def organisation_context(organisation: Organisation, request) -> dict:
    sections = []
    for name, section in page_sections.items():
        context = section.context(organisation, request)
        if context is not None:
            sections.append({"name": name, "template": section.template, "context": context})
    return {
        "organisation": organisation,
        "roles": solutions_by_role(organisation),
        "sections": sections,
        "json_ld": organisation_json_ld(organisation, request),
    }
