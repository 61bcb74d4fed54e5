"""The records API's answers, as the OpenAPI schema documents them."""

from __future__ import annotations

from ninja import Schema


class ErrorDetail(Schema):
    field: str | None = None
    message: str


class Error(Schema):
    error: ErrorDetail


class Licence(Schema):
    id: str
    name: str
    url: str


class OrganisationRef(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    countries: list[str]
    url: str


class Partner(Schema):
    name: str
    role: str
    organisation: OrganisationRef | None


class Link(Schema):
    title: str
    url: str


class KeyFigure(Schema):
    label: str
    value: str


class Solution(Schema):
    id: int
    url: str
    external_id: str
    title: str
    summary: str
    challenge: str
    solution: str
    results: str
    lessons: str
    sustainability: str
    language: str
    provider_countries: list[str]
    recipient_countries: list[str]
    cooperation_type: str
    partners: list[Partner]
    sdgs: list[int]
    themes: list[str]
    modalities: list[str]
    status: str
    start_year: int | None
    end_year: int | None
    tags: list[str]
    links: list[Link]
    key_figures: list[KeyFigure]
    funding_sources: list[str]
    evidence_level: str
    licence: Licence
    last_modified: str | None


class SolutionList(Schema):
    count: int
    next: str | None
    results: list[Solution]


class Organisation(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    countries: list[str]
    url: str
    website: str
    description: str
    languages: list[str]
    last_modified: str


class OrganisationList(Schema):
    count: int
    next: str | None
    results: list[Organisation]
