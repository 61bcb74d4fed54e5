"""A solution as open data: the import format (so a download can be imported elsewhere), and
what the records API adds to it (its address, licence, organisations, last change).

Every function here reads only what ``with_everything`` prefetched, so a list of records costs
the same queries however long it is.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from solutions.models import Organisation, SolutionPage, SolutionPartner
from solutions.models.vocab import LICENCE_URLS, Licence

# Import-format keys, in the order of the contract in DESIGN.md (and of the CSV columns).
IMPORT_KEYS = (
    "external_id",
    "title",
    "summary",
    "challenge",
    "solution",
    "results",
    "lessons",
    "sustainability",
    "language",
    "provider_countries",
    "recipient_countries",
    "cooperation_type",
    "partners",
    "sdgs",
    "themes",
    "modalities",
    "status",
    "start_year",
    "end_year",
    "tags",
    "links",
    "key_figures",
    "funding_sources",
    "evidence_level",
    "licence",
)


def with_everything(queryset: QuerySet) -> QuerySet:
    partners = SolutionPartner.objects.select_related("organisation").prefetch_related(
        Prefetch("organisation__countries")
    )
    return queryset.select_related("locale").prefetch_related(
        "provider_countries",
        "recipient_countries",
        "sdgs",
        "themes",
        "modalities",
        "tags",
        "links",
        "key_figures",
        "funding_sources",
        Prefetch("partners", queryset=partners),
    )


def external_id(page: SolutionPage) -> str:
    """The record's id in the import format: its own, or one made from the site's id."""
    return page.external_id or f"minga-{page.pk}"


def partner_entry(partner: SolutionPartner) -> dict:
    """A partner as the import reads it: name and role, and the country when the organisation
    is in one, so another site matches it to the right one."""
    entry = {"name": partner.name, "role": partner.role}
    organisation = partner.organisation
    if organisation is not None:
        countries = [c.code for c in organisation.countries.all()]
        if len(countries) == 1:
            entry["country"] = countries[0]
    return entry


def import_record(page: SolutionPage) -> dict:
    """The solution in the JSON Lines import format (DESIGN.md), ready to import elsewhere."""
    record = {
        "external_id": external_id(page),
        "title": page.title,
        "summary": page.summary,
        "challenge": page.challenge,
        "solution": page.solution,
        "results": page.results,
        "lessons": page.lessons,
        "sustainability": page.sustainability,
        "language": page.language,
        "provider_countries": [c.code for c in page.provider_countries.all()],
        "recipient_countries": [c.code for c in page.recipient_countries.all()],
        "cooperation_type": page.cooperation_type,
        "partners": [partner_entry(p) for p in page.partners.all()],
        "sdgs": [s.number for s in page.sdgs.all()],
        "themes": [t.slug for t in page.themes.all()],
        "modalities": [m.slug for m in page.modalities.all()],
        "status": page.status,
        "start_year": page.start_year,
        "end_year": page.end_year,
        "tags": [t.name for t in page.tags.all()],
        "links": [{"title": link.title, "url": link.url} for link in page.links.all()],
        "key_figures": [{"label": f.label, "value": f.value} for f in page.key_figures.all()],
        "funding_sources": [f.name for f in page.funding_sources.all()],
        "evidence_level": page.evidence_level,
        "licence": page.licence,
    }
    return record


def licence_of(page: SolutionPage) -> dict:
    code = page.licence if page.licence in Licence.values else Licence.CC_BY
    return {"id": code, "name": Licence(code).label, "url": LICENCE_URLS[code]}


def organisation_entry(organisation: Organisation, absolute) -> dict:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "kind": organisation.kind,
        "countries": [c.code for c in organisation.countries.all()],
        "url": absolute(organisation.get_absolute_url()),
    }


def api_record(page: SolutionPage, absolute) -> dict:
    """The whole record for the API: the import format plus the site's id, address, licence,
    the organisations of its partners with their roles, and when it last changed. ``absolute``
    makes a path a full address."""
    record = import_record(page)
    record["partners"] = [
        {
            "name": partner.name,
            "role": partner.role,
            "organisation": organisation_entry(partner.organisation, absolute) if partner.organisation else None,
        }
        for partner in page.partners.all()
    ]
    return {
        "id": page.pk,
        "url": absolute(page.url or ""),
        **record,
        "licence": licence_of(page),
        "last_modified": last_modified(page).isoformat() if last_modified(page) else None,
    }


def last_modified(page: SolutionPage):
    return page.last_published_at or page.latest_revision_created_at or page.first_published_at


# CSV cells, as the open export (website/open_export.py) writes them too: lists joined with "; ",
# an object as JSON.
def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(csv_cell(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def csv_lines(records: Iterable[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(IMPORT_KEYS)
    yield _drain(buffer)
    for record in records:
        writer.writerow([csv_cell(record.get(key)) for key in IMPORT_KEYS])
        yield _drain(buffer)


def jsonl_lines(records: Iterable[dict]) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


def _drain(buffer: io.StringIO) -> str:
    value = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return value
