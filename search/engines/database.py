"""The embedded engine: Wagtail's database search backend for text, the ORM for facets."""

from __future__ import annotations

import time
from collections import Counter

from django.conf import settings
from django.db.models import QuerySet
from django.utils.safestring import mark_safe
from modelsearch.backends import get_search_backend

from core.i18n_urls import with_active_language
from search.documents import Document, DocumentType, document_types
from search.engines.deadline import Deadline, limited
from search.facets import all_facets, shown_counts
from search.query import Hit, SearchQuery, SearchResults, words
from search.snippets import make_snippet

MAX_MATCHES = 2000
CHECK_EVERY = 100  # documents built between two looks at the clock


class DatabaseEngine:
    name = "database"

    def backend(self):
        alias = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
        return get_search_backend(alias)

    def matches(self, doc_type: DocumentType, text: str) -> list[tuple[object, float]]:
        """Text matching runs over the whole model; only what ``searchable()`` allows is kept.
        Only the query's words reach the backend: SQLite's FTS5 would read quotes and other
        punctuation as its own syntax."""
        if not text:
            return [(obj, 0.0) for obj in doc_type.searchable()[:MAX_MATCHES]]
        text = " ".join(words(text))
        if not text:
            return []
        custom = doc_type.text_matches(text)
        if custom is not None:
            return custom[:MAX_MATCHES]
        found = self.backend().search(text, doc_type.model.objects.all(), operator="or").annotate_score("_score")
        scores = {obj.pk: comparable(getattr(obj, "_score", 0.0)) for obj in found[:MAX_MATCHES]}
        allowed = doc_type.searchable().filter(pk__in=list(scores))
        return [(obj, scores[obj.pk]) for obj in allowed]

    def documents(self, text: str, deadline: Deadline | None) -> list[tuple[Document, float]]:
        documents: list[tuple[Document, float]] = []
        for doc_type in document_types():
            if deadline:
                deadline.bound()
            for number, (obj, score) in enumerate(self.matches(doc_type, text)):
                if deadline and number % CHECK_EVERY == 0:
                    deadline.check()
                documents.append((doc_type.to_document(obj), score))
        return documents

    def search(self, query: SearchQuery, budget: float | None = None) -> SearchResults:
        """``budget``: seconds the search may take before it raises ``SearchBusy``."""
        started = time.perf_counter()
        with limited(budget) as deadline:
            documents = self.documents(query.text, deadline)
        matching = [(d, s) for d, s in documents if passes(d, query.filters)]
        counted = {name: count_values(documents, query.filters, name) for name in query.counted_facets}
        counts, more = shown_counts(counted, query)
        if query.sort == "date" or not query.text:
            matching.sort(key=lambda pair: (str(pair[0].date or ""), pair[1]), reverse=True)
        else:
            matching.sort(key=lambda pair: pair[1], reverse=True)
        offset = (query.page - 1) * query.page_size
        hits = [to_hit(document, score, query.text) for document, score in matching[offset : offset + query.page_size]]
        return SearchResults(
            query=query,
            count=len(matching),
            hits=hits,
            facets=all_facets(counts, query),
            more_facets=more,
            country_counts=dict(counted.get("country", {})),
            engine=self.name,
            took_ms=(time.perf_counter() - started) * 1000,
        )

    def suggest(self, prefix: str, limit: int = 10, budget: float | None = None) -> list[str]:
        if len(prefix) < 2:
            return []
        titles = []
        with limited(budget) as deadline:
            for doc_type in document_types():
                if deadline:
                    deadline.bound()
                field = doc_type.title_field
                queryset: QuerySet = doc_type.searchable().filter(**{f"{field}__icontains": prefix})
                titles += list(queryset.values_list(field, flat=True)[:limit])
        starts = [t for t in titles if t.lower().startswith(prefix.lower())]
        return list(dict.fromkeys(starts + titles))[:limit]


def comparable(score: float | None) -> float:
    """Higher is better on every backend: SQLite's bm25 is negative with lower meaning better,
    PostgreSQL's ts_rank is positive with higher meaning better."""
    score = float(score or 0.0)
    return -score if score < 0 else score


def field_values(document: Document, name: str) -> list[str]:
    if name == "type":
        return [document.type]
    if name == "year":
        return [str(document.year)] if document.year else []
    if name == "status":
        return [document.status] if document.status else []
    attribute = {
        "region": "regions",
        "country": "countries",
        "sdg": "sdgs",
        "theme": "themes",
        "modality": "modalities",
    }
    return list(getattr(document, attribute.get(name, name)))


def passes(document: Document, filters: dict[str, list[str]], skip: str | None = None) -> bool:
    """Any value within a facet, every facet across them."""
    return all(set(values) & set(field_values(document, name)) for name, values in filters.items() if name != skip)


def count_values(documents, filters, name: str) -> Counter:
    counts: Counter = Counter()
    for document, _score in documents:
        if passes(document, filters, skip=name):
            counts.update(set(field_values(document, name)))
    return counts


def to_hit(document: Document, score: float, text: str) -> Hit:
    source = document.summary or document.body
    return Hit(
        type=document.type,
        object_id=document.object_id,
        title=document.title,
        url=with_active_language(document.url),
        snippet=mark_safe(make_snippet(source, text)),  # noqa: S308 - built from escaped text
        language=document.language,
        date=document.date.isoformat()[:10] if document.date else None,
        score=float(score),
    )
