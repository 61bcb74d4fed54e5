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
FACET_SIZE = 10  # values of a facet shown (and counted) unless the reader asks for all
# Facets every search counts: those that apply across kinds of content. The others (modality,
# year, status) are counted once a search is narrowed to a kind they apply to, or selected.
ACROSS_TYPES = ("type", "language", "region", "country", "sdg", "theme")
VOCABULARIES = ("region", "sdg", "theme", "modality")  # facets whose values are rows of the database


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
    expanded: tuple[str, ...] = ()  # facets shown with all their values

    @classmethod
    def from_params(cls, params, page_size: int = 10, strict: bool = False) -> SearchQuery:
        """``strict`` (the API) refuses bad parameters; the page drops them quietly. Any text is
        a valid query: characters that are not text (controls, NUL, unassigned) are dropped."""
        text = clean_text(params.get("q", ""))
        if len(text) > MAX_QUERY_LENGTH:
            if strict:
                raise InvalidQuery(
                    "q", _("The query is too long (at most %(max)d characters).") % {"max": MAX_QUERY_LENGTH}
                )
            text = text[:MAX_QUERY_LENGTH].strip()
        filters, vocabularies = {}, None
        for name in FACETS:
            values = [clean_text(v) for v in params.getlist(name)]
            values = [v for v in values if v]
            known = [canonical(name, v) for v in values]
            if name in VOCABULARIES and values:  # read once a request, and only when filtered by one
                from search.facets import vocabulary_labels

                vocabularies = vocabularies or vocabulary_labels()
                known = [v if v in vocabularies[name] else None for v in known]
            if strict and None in known:
                bad = values[known.index(None)][:100]
                raise InvalidQuery(name, _("Unknown value “%(value)s” for %(field)s.") % {"value": bad, "field": name})
            good = list(dict.fromkeys(v for v in known if v is not None))
            if good:
                filters[name] = good
        sort = params.get("sort", "relevance")
        if sort not in SORTS:
            if strict:
                raise InvalidQuery("sort", _("Sort must be one of: %(choices)s.") % {"choices": ", ".join(SORTS)})
            sort = "relevance"
        page = whole_number(params.get("page", "1"), 1, MAX_PAGE)
        if page is None:
            if strict:
                raise InvalidQuery("page", _("Page must be a whole number from 1 to %(max)d.") % {"max": MAX_PAGE})
            page = 1
        expanded = tuple(name for name in FACETS if name in params.getlist("expand"))
        return cls(text=text, filters=filters, sort=sort, page=page, page_size=page_size, expanded=expanded)

    @property
    def normalised(self) -> str:
        return normalise(self.text)

    def selected(self, name: str) -> list[str]:
        return self.filters.get(name, [])

    @property
    def counted_facets(self) -> tuple[str, ...]:
        from search.documents import get_type

        names = set(ACROSS_TYPES) | set(self.filters)
        for type_name in self.selected("type"):
            names |= set(get_type(type_name).facets)
        return tuple(name for name in FACETS if name in names)


def canonical(name: str, value: str) -> str | None:
    """The value as the index stores it, or None when it is not a value of the facet. Numbers
    are ASCII digits only (``int()`` would take "²" or "٣"), region codes are zero-padded as in
    the M49 table ("2" is Africa, "002")."""
    from search.documents import document_types

    if name == "type":
        return value if value in {t.name for t in document_types()} else None
    if name == "language":
        return value if value in Language.values else None
    if name == "status":
        return value if value in Status.values else None
    if name == "country":
        code = value.upper()
        return code if is_country_code(code) else None
    if name == "sdg":
        number = whole_number(value, 1, 17)
        return str(number) if number is not None else None
    if name == "year":
        number = whole_number(value, 1900, 2100)
        return str(number) if number is not None else None
    if name == "region":
        return value.zfill(3) if re.fullmatch(r"[0-9]{1,3}", value) else None
    return value if re.fullmatch(r"[a-z0-9-]{1,60}", value) else None


def whole_number(value: str, low: int, high: int) -> int | None:
    """A whole number written in ASCII digits within [low, high], or None."""
    value = value.strip()
    if not re.fullmatch(r"[0-9]{1,6}", value):
        return None
    number = int(value)
    return number if low <= number <= high else None


def clean_text(text: str) -> str:
    """Text with control, format, surrogate, private and unassigned characters (NUL among them)
    replaced by spaces, and the spaces collapsed."""
    return " ".join("".join(" " if unicodedata.category(c)[0] == "C" else c for c in text).split())


def words(text: str) -> list[str]:
    """The words of a query, without the punctuation a query syntax would read as operators."""
    return re.findall(r"[^\W_]+", text)


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
    more_facets: set[str] = field(default_factory=set)  # facets with more values than shown
    country_counts: dict[str, int] = field(default_factory=dict)  # every country, for the map
    suggestion: str | None = None
    took_ms: float = 0.0
    engine_took_ms: float | None = None
    notice: str | None = None

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.query.page_size))
