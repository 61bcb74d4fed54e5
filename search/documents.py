"""What the search engines index: one small class per content type.

A type says which objects may be found (``searchable``: published, public, never drafts, held,
hidden or deleted content) and turns one object into a plain document. Adding a type is one
class registered with ``@register``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Model, QuerySet
from django.utils import translation
from django.utils.html import strip_tags

from solutions.countries import country_name

LANGUAGES = ("en", "es", "fr", "pt")
REGISTRY: dict[str, DocumentType] = {}


@dataclass
class Document:
    """The engine-neutral document: text fields, facet fields and what a result shows."""

    type: str
    object_id: str
    title: str
    url: str
    language: list[str]
    summary: str = ""
    body: str = ""
    places: str = ""
    topics: str = ""
    tags: list[str] = field(default_factory=list)
    date: datetime | date | None = None
    year: int | None = None
    status: str | None = None
    regions: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sdgs: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    modalities: list[str] = field(default_factory=list)
    quality: float = 0.0
    visibility: str = "public"

    @property
    def id(self) -> str:
        return f"{self.type}:{self.object_id}"


class DocumentType:
    name: str = ""
    label = ""
    model: type[Model]
    title_field = "title"  # the model field completions come from
    # Which facets apply to this type (the rest never match it when filtered).
    facets: tuple[str, ...] = ("language",)

    def searchable(self) -> QuerySet:
        raise NotImplementedError

    def to_document(self, obj) -> Document:
        raise NotImplementedError

    def text_matches(self, text: str) -> list[tuple[object, float]] | None:
        """For the database engine: matches found without Wagtail's backend (for types whose
        indexed text depends on who may see it), or None to use the backend."""
        return None

    def models(self) -> tuple[type[Model], ...]:
        """Models whose changes may change this type's documents."""
        return (self.model,)

    def affected_ids(self, instance) -> list:
        """The objects of this type to resync when ``instance`` (of one of ``models()``) changes."""
        return [instance.pk]


def register(cls: type[DocumentType]) -> type[DocumentType]:
    REGISTRY[cls.name] = cls()
    return cls


def document_types() -> list[DocumentType]:
    import search.types  # noqa: F401 - registers the built-in types

    return list(REGISTRY.values())


def get_type(name: str) -> DocumentType:
    document_types()
    return REGISTRY[name]


def in_all_languages(items, name=lambda item: item.name) -> str:
    """Names of vocabulary items in every interface language, so any of them finds the record."""
    words = []
    for language in LANGUAGES:
        with translation.override(language):
            words.extend(str(name(item)) for item in items)
    return " ".join(dict.fromkeys(words))


def country_names(codes) -> str:
    return " ".join(dict.fromkeys(country_name(code, language) for code in codes for language in LANGUAGES))


def plain_text(html: str) -> str:
    return " ".join(strip_tags(html).split())
