"""A search request, validated once and shared by both engines, and the results they return."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from solutions.countries import is_country_code
from solutions.models.vocab import Language, Status

FACETS = ("type", "language", "region", "country", "sdg", "theme", "modality", "year", "status")
SORTS = ("relevance", "date")
MAX_QUERY_LENGTH = 200
MAX_PAGE = 100


class InvalidQuery(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class SearchQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10

    @classmethod
    def from_params(cls, params, page_size: int = 10, strict: bool = False) -> SearchQuery:
        """``strict`` (the API) refuses bad parameters; the page drops them quietly."""
        from search.documents import document_types

        text = " ".join(params.get("q", "").split())
        if len(text) > MAX_QUERY_LENGTH:
            if strict:
                raise InvalidQuery(
                    "q", _("The query is too long (at most %(max)d characters).") % {"max": MAX_QUERY_LENGTH}
                )
            text = text[:MAX_QUERY_LENGTH]
        valid = {
            "type": {t.name for t in document_types()},
            "language": set(Language.values),
            "status": set(Status.values),
        }
        filters = {}
        for name in FACETS:
            values = [v.strip() for v in params.getlist(name) if v.strip()]
            if name == "country":
                values = [v.upper() for v in values]
            good = [v for v in dict.fromkeys(values) if _valid(name, v, valid)]
            if strict and len(good) != len(set(values)):
                bad = next(v for v in values if v not in good)
                raise InvalidQuery(name, _("Unknown value “%(value)s” for %(field)s.") % {"value": bad, "field": name})
            if good:
                filters[name] = good
        sort = params.get("sort", "relevance")
        if sort not in SORTS:
            if strict:
                raise InvalidQuery("sort", _("Sort must be one of: %(choices)s.") % {"choices": ", ".join(SORTS)})
            sort = "relevance"
        try:
            page = int(params.get("page", 1))
            if not 1 <= page <= MAX_PAGE:
                raise ValueError
        except ValueError:
            if strict:
                raise InvalidQuery(
                    "page", _("Page must be a whole number from 1 to %(max)d.") % {"max": MAX_PAGE}
                ) from None
            page = 1
        return cls(text=text, filters=filters, sort=sort, page=page, page_size=page_size)

    @property
    def normalised(self) -> str:
        return normalise(self.text)

    def selected(self, name: str) -> list[str]:
        return self.filters.get(name, [])


def _valid(name: str, value: str, valid: dict) -> bool:
    if name in valid:
        return value in valid[name]
    if name == "country":
        return is_country_code(value)
    if name == "sdg":
        return value.isdigit() and 1 <= int(value) <= 17
    if name == "year":
        return value.isdigit() and 1900 <= int(value) <= 2100
    if name == "region":
        return bool(re.fullmatch(r"\d{3}", value))
    return bool(re.fullmatch(r"[a-z0-9-]{1,60}", value))


def normalise(text: str) -> str:
    """Lower case, accents folded, spaces collapsed: the form queries are logged and compared in."""
    folded = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


@dataclass
class Hit:
    type: str
    object_id: str
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around matches
    language: list[str]
    date: str | None
    score: float = 0.0


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    query: SearchQuery
    count: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    engine: str
    suggestion: str | None = None
    took_ms: float = 0.0
    engine_took_ms: float | None = None
    notice: str | None = None

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.query.page_size))
