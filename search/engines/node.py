"""The Elasticsearch/OpenSearch engine. Queries are built with elasticsearch.dsl and sent as plain
JSON bodies, which both kinds of node accept."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from django.utils.safestring import mark_safe
from elasticsearch.dsl import A, Q, Search

from search.conf import search_settings
from search.documents import Document
from search.engines.clients import CLIENT_ERRORS, NodeClient, NodeUnavailable, get_client
from search.engines.mapping import LANGUAGE_STEMMERS, index_body
from search.facets import all_facets
from search.query import FACETS, Hit, SearchQuery, SearchResults
from search.snippets import make_snippet
from website.i18n_urls import with_active_language

FACET_FIELDS = {
    "type": "type",
    "language": "language",
    "region": "regions",
    "country": "countries",
    "sdg": "sdgs",
    "theme": "themes",
    "modality": "modalities",
    "year": "year",
    "status": "status",
}
# Field weights: a match in the title counts most, then the summary, then the rest.
WEIGHTS = {"title": 6, "summary": 3, "tags": 3, "topics": 2, "places": 2, "body": 1}
# Highlighting analyses each hit's text again. A thread of thousands of posts passes the node's
# limit of 1,000,000 characters (an error for the whole search) and costs time long before that;
# a match further in is shown from the summary instead.
HIGHLIGHT_CHARACTERS = 20_000


def text_fields() -> list[str]:
    fields = []
    for name, weight in WEIGHTS.items():
        fields.append(f"{name}^{weight}")
        fields += [f"{name}.{code}^{weight}" for code in LANGUAGE_STEMMERS]
    return fields


def text_query(text: str) -> Q:
    """Relevance first: stemmed and folded matches, typo-tolerant matches worth less, and a
    bonus when the words appear together in the title."""
    stemmed = Q("multi_match", query=text, fields=text_fields(), type="most_fields", operator="or")
    # All the words, spread over any fields (a place in one, a topic in another), count extra.
    together = Q("multi_match", query=text, fields=text_fields(), type="cross_fields", operator="and", boost=2)
    fuzzy = Q(
        "multi_match",
        query=text,
        fields=[f"{name}^{weight}" for name, weight in WEIGHTS.items()],
        fuzziness="AUTO",
        prefix_length=1,
        operator="or",
        minimum_should_match="2<75%",
        boost=0.4,
    )
    phrase = Q("match_phrase", title={"query": text, "slop": 2, "boost": 4})
    return Q("bool", should=[stemmed, together, fuzzy, phrase], minimum_should_match=1)


def gentle_boosts(query: Q) -> Q:
    """Recency and evidence quality nudge the order of otherwise close results; they add at
    most 0.3 to scores that are usually above 5, so they never override relevance."""
    return Q(
        "function_score",
        query=query,
        functions=[
            {"gauss": {"date": {"origin": "now", "scale": "1825d", "decay": 0.5}}, "weight": 0.15},
            {"field_value_factor": {"field": "quality", "factor": 0.1, "missing": 0}},
        ],
        score_mode="sum",
        boost_mode="sum",
    )


def filter_clauses(query: SearchQuery, skip: str | None = None) -> list[Q]:
    return [Q("terms", **{FACET_FIELDS[name]: values}) for name, values in query.filters.items() if name != skip]


def build_search(query: SearchQuery, highlight_limit: str = "max_analyzer_offset") -> Search:
    """``highlight_limit``: the name of the option capping the characters highlighted, which
    OpenSearch and Elasticsearch spell differently."""
    search = Search()
    base = text_query(query.text) if query.text else Q("match_all")
    visible = Q("term", visibility="public")
    search = search.query(Q("bool", must=[gentle_boosts(base)], filter=[visible]))
    # Facet filters go in the post filter so every facet is counted as if its own selection were
    # not applied: counts stay right when several values of one facet are selected.
    if query.filters:
        search = search.post_filter(Q("bool", filter=filter_clauses(query)))
    for name in FACETS:
        others = filter_clauses(query, skip=name)
        terms = A("terms", field=FACET_FIELDS[name], size=300)
        search.aggs.bucket(name, A("filter", filter=Q("bool", filter=others) if others else Q("match_all"))).bucket(
            "values", terms
        )
    if query.sort == "date" or not query.text:
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    if query.text:
        search = search.highlight_options(
            encoder="html",
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            fragment_size=180,
            number_of_fragments=1,
            **{highlight_limit: HIGHLIGHT_CHARACTERS},
        ).highlight("summary", "body", "title")
        search = search.suggest(
            "did_you_mean", query.text, term={"field": "spell", "suggest_mode": "popular", "min_word_length": 4}
        )
    offset = (query.page - 1) * query.page_size
    return search.extra(from_=offset, size=query.page_size, track_total_hits=True).source(
        ["type", "object_id", "title", "url", "language", "date", "summary"]
    )


class NodeEngine:
    name = "node"

    def __init__(self, client: NodeClient | None = None) -> None:
        self._client = client

    @property
    def client(self) -> NodeClient:
        if self._client is None:
            self._client = get_client()
        return self._client

    @property
    def alias(self) -> str:
        return search_settings.INDEX

    def call(self, method, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except CLIENT_ERRORS as exc:
            raise NodeUnavailable(str(exc)) from exc

    # Searching -------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        started = time.perf_counter()
        body = build_search(query, self.client.highlight_limit).to_dict()
        response = self.call(self.client.search, self.alias, body)
        hits = [self.to_hit(hit, query.text) for hit in response["hits"]["hits"]]
        aggregations = response["aggregations"]
        counts = {
            name: {str(b["key"]): b["doc_count"] for b in aggregations[name]["values"]["buckets"]} for name in FACETS
        }
        return SearchResults(
            query=query,
            count=response["hits"]["total"]["value"],
            hits=hits,
            facets=all_facets(counts, query),
            engine=self.name,
            suggestion=self.suggestion(query.text, response),
            took_ms=(time.perf_counter() - started) * 1000,
            engine_took_ms=float(response.get("took", 0)),
        )

    def to_hit(self, hit: dict, text: str) -> Hit:
        source = hit["_source"]
        highlight = hit.get("highlight", {})
        fragment = next((highlight[f][0] for f in ("summary", "body") if f in highlight), None)
        snippet = fragment if fragment is not None else make_snippet(source.get("summary", ""), text)
        return Hit(
            type=source["type"],
            object_id=source["object_id"],
            title=source["title"],
            url=with_active_language(source.get("url", "")),
            snippet=mark_safe(snippet),  # noqa: S308 - the node's html encoder escaped the text
            language=source.get("language", []),
            date=(source.get("date") or "")[:10] or None,
            score=float(hit.get("_score") or 0),
        )

    @staticmethod
    def suggestion(text: str, response: dict) -> str | None:
        entries = response.get("suggest", {}).get("did_you_mean", [])
        words, changed = [], False
        for entry in entries:
            options = entry.get("options", [])
            if options:
                words.append(options[0]["text"])
                changed = True
            else:
                words.append(entry["text"])
        if not changed:
            return None
        suggestion = " ".join(words)
        return suggestion if suggestion.lower() != text.lower() else None

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        if len(prefix) < 2:
            return []
        body = {
            "size": 0,
            "_source": False,
            "suggest": {
                "titles": {
                    "prefix": prefix,
                    "completion": {
                        "field": "suggest",
                        "size": limit,
                        "skip_duplicates": True,
                        "fuzzy": {"fuzziness": 1, "min_length": 4},
                    },
                }
            },
        }
        response = self.call(self.client.search, self.alias, body)
        return [o["text"] for o in response["suggest"]["titles"][0]["options"]][:limit]

    # Indexing ---------------------------------------------------------------------------------

    def ensure_index(self) -> str:
        targets = self.call(self.client.alias_targets, self.alias)
        if targets:
            return targets[0]
        name = new_index_name(self.alias)
        self.call(self.client.create_index, name, index_body())
        self.call(self.client.swap_alias, self.alias, name, [])
        return name

    def index_documents(self, documents: list[Document], index: str | None = None, refresh: bool = False) -> None:
        if not documents:
            return
        index = index or self.ensure_index()
        operations = []
        for document in documents:
            operations.append({"index": {"_index": index, "_id": document.id}})
            operations.append(to_source(document))
        response = self.call(self.client.bulk, operations, refresh)
        if response.get("errors"):
            failed = [item for item in response["items"] if item.get("index", {}).get("error")]
            raise NodeUnavailable(f"{len(failed)} documents were refused: {failed[0]['index']['error']}")

    def delete_documents(self, ids: list[str], refresh: bool = False) -> None:
        if not ids:
            return
        index = self.ensure_index()
        operations = [{"delete": {"_index": index, "_id": doc_id}} for doc_id in ids]
        self.call(self.client.bulk, operations, refresh)

    def indexed(self) -> dict[str, str]:
        """Every document id in the index with the time it was indexed (for search_check)."""
        found: dict[str, str] = {}
        search_after = None
        while True:
            body = {
                "size": 1000,
                "_source": ["indexed_at", "type", "object_id"],
                "sort": [{"type": "asc"}, {"object_id": "asc"}],
            }
            if search_after:
                body["search_after"] = search_after
            response = self.call(self.client.search, self.alias, body)
            hits = response["hits"]["hits"]
            for hit in hits:
                found[hit["_id"]] = hit["_source"].get("indexed_at", "")
            if len(hits) < 1000:
                return found
            search_after = hits[-1]["sort"]

    def refresh(self) -> None:
        self.call(self.client.refresh, self.alias)


def new_index_name(alias: str) -> str:
    return f"{alias}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"


def to_source(document: Document) -> dict:
    source = {
        "type": document.type,
        "object_id": document.object_id,
        "url": document.url,
        "language": document.language,
        "title": document.title,
        "summary": document.summary,
        "body": document.body,
        "places": document.places,
        "topics": document.topics,
        "tags": document.tags,
        "suggest": {"input": [document.title, *document.tags][:20]},
        "title_prefix": document.title,
        "date": document.date.isoformat() if document.date else None,
        "year": str(document.year) if document.year else None,
        "status": document.status,
        "regions": document.regions,
        "countries": document.countries,
        "sdgs": document.sdgs,
        "themes": document.themes,
        "modalities": document.modalities,
        "quality": document.quality,
        "visibility": document.visibility,
        "indexed_at": datetime.now(UTC).isoformat(),
    }
    return source
