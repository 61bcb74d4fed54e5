"""Organisation actions: match a name to an organisation, link typed partners, merge duplicates.

Imports, the data migration and editors use the same functions, so a name finds the same
organisation wherever it is typed. What apps above keep about an organisation (members'
affiliations) moves with a merge through ``merge_steps``; what they show on its page comes
through ``page_sections``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from core import page_cache
from core.registry import Registry
from solutions.models import Country, Organisation, SolutionPartner
from solutions.names import folded, loose

# (merged_away, kept) -> None: an app above moves what it links to an organisation.
merge_steps: Registry[Callable[[Organisation, Organisation], None]] = Registry("organisation merge step")


@dataclass(frozen=True)
class PageSection:
    """A part of an organisation's page offered by an app above: its template and a function of
    the organisation and the request giving the template's ``data`` (None hides the section).
    Visitors share one cached copy of the page, so what differs per reader is for members only."""

    template: str
    context: Callable[[Organisation, object], dict | None]


page_sections: Registry[PageSection] = Registry("organisation page section")


def find(name: str, country: str | None = None) -> Organisation | None:
    """The organisation a name (and country) means: the same folded name, in that country when
    one is given (ministries of agriculture exist in many), or one not yet placed anywhere."""
    candidates = Organisation.objects.filter(name_key=folded(name), merged_into=None).order_by("pk")
    if not country:
        return candidates.first()
    return candidates.filter(countries=country).first() or candidates.filter(countries=None).first()


def find_or_create(name: str, country: str | None = None) -> tuple[Organisation, bool]:
    """The organisation ``name`` means, created when none matches; True when it was matched."""
    organisation = find(name, country)
    if organisation is None:
        organisation = Organisation.objects.create(name=" ".join(name.split())[:255])
        matched = False
    else:
        matched = True
    if country and not organisation.countries.filter(pk=country).exists():
        organisation.countries.add(Country.objects.get(pk=country))
    return organisation, matched


def link_typed_partners(organisation: Organisation) -> int:
    """Links every partner typed as text with the organisation's name (folded) to it: what an
    editor does after creating an organisation for names typed before. The count linked."""
    typed = SolutionPartner.objects.filter(organisation=None).values_list("pk", "name")
    same = [pk for pk, name in typed.iterator() if folded(name) == organisation.name_key]
    linked = SolutionPartner.objects.filter(pk__in=same).update(organisation=organisation)
    page_cache.invalidate()  # a bulk update sends no signal
    return linked


@transaction.atomic
def merge(kept: Organisation, duplicates: list[Organisation]) -> Organisation:
    """Merges ``duplicates`` into ``kept``: every partner link, member affiliation, country and
    editor moves to it; the duplicates stay as pointers so old revisions still link right."""
    for duplicate in duplicates:
        if duplicate.pk == kept.pk:
            continue
        SolutionPartner.objects.filter(organisation=duplicate).update(organisation=kept)
        kept.countries.add(*duplicate.countries.all())
        kept.editors.add(*duplicate.editors.all())
        for step in merge_steps.values():
            step(duplicate, kept)
        for field in ("short_name", "kind", "website", "description", "languages", "logo"):
            if not getattr(kept, field) and getattr(duplicate, field):
                setattr(kept, field, getattr(duplicate, field))
        Organisation.objects.filter(merged_into=duplicate).update(merged_into=kept)
        duplicate.merged_into = kept  # its address now leads to the one kept
        duplicate.save(update_fields=["merged_into"])
    kept.save()
    return kept


def possible_duplicates() -> list[list[Organisation]]:
    """Organisations an editor may want to merge: the same name once punctuation and filler
    words are dropped, or one's acronym is another's short name or name."""
    groups: dict[str, list[Organisation]] = defaultdict(list)
    live = list(Organisation.objects.filter(merged_into=None).order_by("name", "pk"))
    for organisation in live:
        groups[loose(organisation.name)].append(organisation)
    by_acronym = {folded(o.short_name): o for o in live if o.short_name}
    for organisation in live:
        other = by_acronym.get(organisation.name_key)
        if other is not None and other.pk != organisation.pk:
            groups[loose(other.name)].append(organisation)
    return [group for group in groups.values() if len({o.pk for o in group}) > 1]
