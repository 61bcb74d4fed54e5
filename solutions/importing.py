"""The JSON Lines import of solutions (the contract in DESIGN.md: keep it stable).

Every line is validated in full before anything is written; each valid record is saved in its
own transaction as a new revision of the page with the same external_id, so a bad line or a
failure half-way never leaves a half-written record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction

from solutions.models import (
    SDG,
    Country,
    Modality,
    Organisation,
    SolutionFundingSource,
    SolutionIndexPage,
    SolutionKeyFigure,
    SolutionLink,
    SolutionPage,
    SolutionPartner,
    Theme,
)
from solutions.models.solution import record_problems
from solutions.models.vocab import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_SDGS,
    SUMMARY_MAX_LENGTH,
    CooperationType,
    EvidenceLevel,
    Language,
    Licence,
    PartnerRole,
    Status,
)
from solutions.records import IMPORT_KEYS
from solutions.single_line import single_line

NARRATIVE = ("challenge", "solution", "results", "lessons")
SINGLE_LINE_FIELDS = {"title", "external_id"}
TEXT_FIELDS = {"title": 255, "summary": SUMMARY_MAX_LENGTH, "external_id": 100, "sustainability": None}
TEXT_FIELDS.update({name: None for name in NARRATIVE})
# Every key of the import format (the export writes the same ones), and "featured", which only an
# import may set.
KNOWN_FIELDS = {*IMPORT_KEYS, "featured"}


@dataclass(frozen=True)
class LineError:
    line: int
    field: str
    problem: str
    allowed: str | None = None

    def __str__(self) -> str:
        suffix = f" (allowed: {self.allowed})" if self.allowed else ""
        return f"line {self.line}: {self.field}: {self.problem}{suffix}"


@dataclass(frozen=True)
class PartnerRef:
    """A partner as a record gives it: a name, a role, and which organisation it is, if said."""

    name: str
    role: str
    organisation_id: int | None = None
    country: str | None = None


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    """One line per partner: the organisation it matched or the one created for it."""

    @property
    def ok(self) -> bool:
        return not self.errors


class Vocabularies:
    def __init__(self) -> None:
        self.countries = {c.code: c for c in Country.objects.all()}
        self.sdgs = {s.number: s for s in SDG.objects.all()}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.modalities = {m.slug: m for m in Modality.objects.all()}


def _choices(choices) -> str:
    return ", ".join(choices.values)


class RecordValidator:
    """Turns one decoded line into clean values, collecting every problem it finds."""

    def __init__(self, line: int, data: dict, vocab: Vocabularies) -> None:
        self.line, self.data, self.vocab = line, data, vocab
        self.errors: list[LineError] = []
        self.clean: dict = {}

    def error(self, name: str, problem: str, allowed: str | None = None) -> None:
        self.errors.append(LineError(self.line, name, problem, allowed))

    def run(self) -> dict:
        for name in sorted(set(self.data) - KNOWN_FIELDS):
            self.error(name, "unknown field", ", ".join(sorted(KNOWN_FIELDS)))
        self.texts()
        self.choice("language", Language, required=True)
        self.choice("cooperation_type", CooperationType, default=CooperationType.SOUTH_SOUTH)
        self.choice("status", Status, default=Status.COMPLETED)
        self.choice("evidence_level", EvidenceLevel, default=EvidenceLevel.SELF_REPORTED)
        self.choice("licence", Licence, default=Licence.CC_BY)
        self.countries("provider_countries")
        self.countries("recipient_countries")
        self.sdgs()
        self.slugs("themes", self.vocab.themes)
        self.slugs("modalities", self.vocab.modalities)
        self.years()
        self.partners()
        self.pairs("links", ("title", "url"))
        self.pairs("key_figures", ("label", "value"))
        self.strings("tags", 100)
        self.strings("funding_sources", 255)
        featured = self.data.get("featured")
        if featured is not None and not isinstance(featured, bool):
            self.error("featured", "must be true or false")
        self.clean["featured"] = bool(featured)
        return self.clean

    def value(self, name: str):
        value = self.data.get(name)
        return None if value is None else value

    def texts(self) -> None:
        for name, limit in TEXT_FIELDS.items():
            value = self.value(name)
            if value is None:
                value = ""
            if not isinstance(value, str):
                self.error(name, "must be text")
                continue
            value = single_line(value) if name in SINGLE_LINE_FIELDS else value.strip()
            if limit and len(value) > limit:
                self.error(name, f"too long: {len(value)} characters, at most {limit}")
            self.clean[name] = value
        for name in ("external_id", "title", "summary"):
            if name in self.clean and not self.clean[name]:
                self.error(name, "required")
        if not any(self.clean.get(name) for name in NARRATIVE):
            self.error("narrative", "at least one narrative field is required", ", ".join(NARRATIVE))

    def choice(self, name: str, choices, required: bool = False, default: str | None = None) -> None:
        value = self.value(name)
        if value is None:
            if required:
                self.error(name, "required", _choices(choices))
            self.clean[name] = default
        elif value not in choices.values:
            self.error(name, f"unknown value {value!r}", _choices(choices))
        else:
            self.clean[name] = value

    def listing(self, name: str) -> list:
        value = self.value(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(name, "must be a list")
            return []
        return value

    def countries(self, name: str) -> None:
        found = []
        for code in self.listing(name):
            country = self.vocab.countries.get(code.upper()) if isinstance(code, str) else None
            if country is None:
                self.error(name, f"unknown country code {code!r}", "ISO 3166-1 alpha-2 codes such as BR, MZ, NA")
            elif country not in found:
                found.append(country)
        self.clean[name] = found

    def sdgs(self) -> None:
        found = []
        for number in self.listing("sdgs"):
            sdg = self.vocab.sdgs.get(number) if isinstance(number, int) and not isinstance(number, bool) else None
            if sdg is None:
                self.error("sdgs", f"unknown SDG {number!r}", "1-17")
            elif sdg not in found:
                found.append(sdg)
        if len(found) > MAX_SDGS:
            self.error("sdgs", f"{len(found)} SDGs given, at most {MAX_SDGS}")
        self.clean["sdgs"] = found

    def slugs(self, name: str, known: dict) -> None:
        found = []
        for slug in self.listing(name):
            item = known.get(slug) if isinstance(slug, str) else None
            if item is None:
                self.error(name, f"unknown value {slug!r}", ", ".join(known))
            elif item not in found:
                found.append(item)
        self.clean[name] = found

    def years(self) -> None:
        for name in ("start_year", "end_year"):
            value = self.value(name)
            if value is not None and (
                not isinstance(value, int) or isinstance(value, bool) or not FIRST_YEAR <= value <= LAST_YEAR
            ):
                self.error(name, f"not a year: {value!r}", f"{FIRST_YEAR}-{LAST_YEAR}")
                value = None
            self.clean[name] = value
        problems = record_problems(sdg_count=0, start_year=self.clean["start_year"], end_year=self.clean["end_year"])
        if "end_year" in problems:
            self.error("end_year", "before start_year")

    def partners(self) -> None:
        """Each partner: a name and a role, and optionally the organisation it is (its id in
        "organisation", or a country to tell apart organisations of one name in "country")."""
        partners = []
        for partner in self.listing("partners"):
            if not isinstance(partner, dict):
                self.error("partners", "each partner needs a name and a role")
                continue
            reference = partner.get("organisation")
            name = partner.get("name")
            if reference is None and (not isinstance(name, str) or not name.strip()):
                self.error("partners", "each partner needs a name and a role")
            elif name is not None and not isinstance(name, str):
                self.error("partners", "name must be text")
            elif partner.get("role") not in PartnerRole.values:
                self.error("partners", f"unknown role {partner.get('role')!r}", _choices(PartnerRole))
            elif name and len(name) > 255:
                self.error("partners", "name too long, at most 255 characters")
            elif reference is not None and not self.known_organisation(reference):
                self.error("partners", f"unknown organisation {reference!r}", "the id of an organisation on the site")
            elif partner.get("country") is not None and partner.get("country") not in self.vocab.countries:
                self.error("partners", f"unknown country code {partner.get('country')!r}", "ISO 3166-1 alpha-2")
            else:
                partners.append(PartnerRef(single_line(name or ""), partner["role"], reference, partner.get("country")))
        self.clean["partners"] = partners

    def known_organisation(self, reference) -> bool:
        if not isinstance(reference, int) or isinstance(reference, bool) or not 0 < reference < 2**63:
            return False
        return Organisation.objects.filter(pk=reference).exists()

    def pairs(self, name: str, keys: tuple[str, str]) -> None:
        pairs = []
        for item in self.listing(name):
            if not isinstance(item, dict) or not all(isinstance(item.get(k), str) and item[k].strip() for k in keys):
                self.error(name, f"each item needs {' and '.join(keys)}")
                continue
            first, second = (single_line(item[k]) for k in keys)
            if name == "links":
                try:
                    URLValidator(schemes=["http", "https"])(second)
                except ValidationError:
                    self.error(name, f"not a web address: {second!r}")
                    continue
            pairs.append((first[:255], second[:500]))
        self.clean[name] = pairs

    def strings(self, name: str, limit: int) -> None:
        values = []
        for item in self.listing(name):
            if not isinstance(item, str) or not item.strip() or len(item) > limit:
                self.error(name, f"each item must be text of 1-{limit} characters")
            else:
                values.append(single_line(item))
        self.clean[name] = values


def validate_lines(lines: Iterable[str]) -> tuple[list[tuple[int, dict]], list[LineError]]:
    vocab = Vocabularies()
    records, errors = [], []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(LineError(number, "json", f"malformed line: {exc.msg} at column {exc.colno}"))
            continue
        if not isinstance(data, dict):
            errors.append(LineError(number, "json", "each line must be a JSON object"))
            continue
        validator = RecordValidator(number, data, vocab)
        clean = validator.run()
        if validator.errors:
            errors.extend(validator.errors)
        else:
            records.append((number, clean))
    return records, errors


def import_solutions(lines: Iterable[str], *, strict: bool = False, draft: bool = False) -> ImportReport:
    records, errors = validate_lines(lines)
    report = ImportReport(errors=errors)
    if strict and errors:
        return report
    index = SolutionIndexPage.objects.first()
    if index is None:
        report.errors.append(LineError(0, "catalogue", "no solutions catalogue page exists; run migrate and seed_demo"))
        return report
    for number, record in records:
        try:
            _page, created = save_solution(record, index=index, publish=not draft, log=report.organisations)
        except (ValidationError, ValueError, DatabaseError) as exc:
            report.errors.append(LineError(number, "record", f"could not be saved: {exc}"))
            continue
        (report.created if created else report.updated).append(record["external_id"])
    return report


@transaction.atomic
def save_solution(
    record: dict,
    *,
    index: SolutionIndexPage,
    publish: bool = True,
    create_organisations: bool = True,
    log: list[str] | None = None,
) -> tuple[SolutionPage, bool]:
    """Create or update the page for ``record['external_id']`` as a new revision. Partners are
    linked to the organisations they name, created when ``create_organisations`` (an import),
    only matched otherwise (a member's submission: an editor links or merges the rest)."""
    page = SolutionPage.objects.filter(external_id=record["external_id"]).first()
    created = page is None
    if created:
        page = SolutionPage(external_id=record["external_id"], language=record["language"], live=publish)
    for name in ("title", "summary", *NARRATIVE, "sustainability", "language", "cooperation_type", "status"):
        setattr(page, name, record[name])
    page.evidence_level = record["evidence_level"]
    page.licence = record.get("licence") or Licence.CC_BY
    page.start_year, page.end_year, page.featured = record["start_year"], record["end_year"], record["featured"]
    page.provider_countries = record["provider_countries"]
    page.recipient_countries = record["recipient_countries"]
    page.sdgs = record["sdgs"]
    page.themes = record["themes"]
    page.modalities = record["modalities"]
    page.partners = [
        linked_partner(partner, create=create_organisations, log=log, external_id=record["external_id"])
        for partner in record["partners"]
    ]
    page.links = [SolutionLink(title=title, url=url) for title, url in record["links"]]
    page.key_figures = [SolutionKeyFigure(label=label, value=value) for label, value in record["key_figures"]]
    page.funding_sources = [SolutionFundingSource(name=name) for name in record["funding_sources"]]
    page.tags.set(record["tags"])
    if created:
        if not publish:
            page.has_unpublished_changes = True
        index.add_child(instance=page)
    revision = page.save_revision(clean=True)
    if publish:
        revision.publish()
    return page, created


def linked_partner(partner: PartnerRef, *, create: bool, log: list[str] | None, external_id: str) -> SolutionPartner:
    from solutions.organisations import find, find_or_create

    if partner.organisation_id is not None:
        organisation = Organisation.objects.get(pk=partner.organisation_id)
        organisation = organisation.merged_into or organisation
        matched = True
    elif create:
        organisation, matched = find_or_create(partner.name, partner.country)
    else:
        organisation = find(partner.name, partner.country)
        matched = organisation is not None
    if log is not None and organisation is not None:
        how = "matched" if matched else "created"
        log.append(
            f"{external_id}: {partner.name or organisation.name!r} {how} organisation {organisation.pk} ({organisation.name})"
        )
    return SolutionPartner(name=partner.name or organisation.name, role=partner.role, organisation=organisation)
