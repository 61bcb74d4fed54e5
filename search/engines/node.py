"""The Elasticsearch/OpenSearch engine. Queries are built with elasticsearch.dsl and sent as plain
JSON bodies, which both kinds of node accept."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from functools import lru_cache

from django.utils.safestring import mark_safe
from elasticsearch.dsl import A, Q, Search

from core.i18n_urls import with_active_language
from search.conf import search_settings
from search.documents import Document
from search.engines.clients import CLIENT_ERRORS, NodeClient, NodeUnavailable, get_client, unavailable
from search.engines.mapping import EXCERPT_CHARACTERS, SEARCHED, index_body
from search.facets import all_facets, shown_counts
from search.query import FACET_SIZE, FACETS, Hit, SearchQuery, SearchResults, words
from search.snippets import make_snippet

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
MAX_WORDS = 12  # words of a query the node reads: a long query costs clauses, not relevance
EXPANDED_FACET_SIZE = 300
MAPPED_FACETS = ("country",)  # values of a facet the reader asked to see in full
RESCORE_WINDOW = 50  # best matches per shard the ordering clauses score
SHARED_FACETS = "facets"  # the aggregation the facets without a selection share
SUGGEST_BELOW = 5  # results under which a search also asks for "did you mean"
WORDS = "mingaquerywords"  # stands for a query's words in a body shape (one word, kept by ``words``)


def stemmed_query(text: str) -> Q:
    """Stemmed and folded matches in every language (one field each, see mapping)."""
    fields = [f"{name}^{weight}" for name, weight in SEARCHED.items()]
    return Q("multi_match", query=text, fields=fields, type="most_fields")


def matching_query(text: str) -> Q:
    """What a search finds: stemmed and folded matches, and typo-tolerant matches on the title
    worth less. One typo is looked for in words of five letters or more, from their third
    letter on: that is where a fuzzy match costs least (two edits cost a far larger automaton,
    and shorter words have too many neighbours to guess from)."""
    fuzzy = Q(
        "match",
        **{
            "title.folded": {
                "query": text,
                "fuzziness": "AUTO:5,100",
                "prefix_length": 2,
                "max_expansions": 5,
                "minimum_should_match": "2<75%",
                "boost": 2.4,
            }
        },
    )
    return Q("bool", should=[stemmed_query(text), fuzzy], minimum_should_match=1)


def ordering_query(text: str, today: date) -> Q:
    """How the best matches are ordered, on top of how well they match: a bonus when all the
    words appear somewhere in the record, a bonus when they appear together in the title, and
    recency and evidence quality, which add at most 0.3 to scores usually above 5 so they never
    override relevance. The origin is today's date, not "now", so the node may cache the
    answer until the index changes."""
    fields = [f"{name}^{weight}" for name, weight in SEARCHED.items()]
    together = Q("multi_match", query=text, fields=fields, type="cross_fields", operator="and", boost=2)
    phrase = Q("match_phrase", title={"query": text, "slop": 2, "boost": 4})
    return Q(
        "function_score",
        query=Q("bool", should=[together, phrase]),
        functions=[
            {"gauss": {"date": {"origin": today.isoformat(), "scale": "1825d", "decay": 0.5}}, "weight": 0.15},
            {"field_value_factor": {"field": "quality", "factor": 0.1, "missing": 0}},
        ],
        score_mode="sum",
        boost_mode="sum",
    )


def filter_clauses(query: SearchQuery, skip: str | None = None) -> list[Q]:
    return [Q("terms", **{FACET_FIELDS[name]: values}) for name, values in query.filters.items() if name != skip]


def all_filters(query: SearchQuery) -> Q:
    """Every filter selected, as one clause."""
    return Q("bool", filter=filter_clauses(query))


def facet_values(query: SearchQuery, name: str) -> A:
    """A facet's most frequent values, all of them if the reader expanded it; every country, for
    the map of the results (the page shows its ten most frequent all the same)."""
    size = EXPANDED_FACET_SIZE if name in query.expanded or name in MAPPED_FACETS else FACET_SIZE
    return A("terms", field=FACET_FIELDS[name], size=size)


def facet_aggregations(query: SearchQuery) -> dict[str, A]:
    """Every facet counted as if its own selection were not applied (so counts stay right with
    several values selected). The facets nothing is selected in share one filter, all the
    selections; a facet with a selection has its own, the others' selections, and counts its
    selected values whatever their rank."""
    aggregations: dict[str, A] = {}
    unselected = [name for name in query.counted_facets if not query.selected(name)]
    shared = A("filter", filter=all_filters(query)) if query.filters else None
    for name in unselected:
        if shared is None:
            aggregations[name] = facet_values(query, name)
        else:
            shared.bucket(name, facet_values(query, name))
    if shared is not None and unselected:
        aggregations[SHARED_FACETS] = shared
    for name, selected in query.filters.items():
        others = filter_clauses(query, skip=name)
        own = A("filter", filter=Q("bool", filter=others) if others else Q("match_all"))
        own.bucket("values", facet_values(query, name))
        own.bucket("selected", A("terms", field=FACET_FIELDS[name], include=selected, size=len(selected)))
        aggregations[name] = own
    return aggregations


def search_body(query: SearchQuery, highlight_limit: str = "max_analyzer_offset") -> dict:
    """The request the node answers, as ``build_search`` and ``facet_aggregations`` make it.
    Its parts depend on a few things searches share: the rest of the search on whether there
    are words, the sort, the page and the day; the filter of the results on the filters; the
    facets' aggregations on the filters and the facets expanded. So each part is built once per
    process for each of these, the first with a stand-in for the words that a search swaps for
    its own. ``highlight_limit``: the name of the option capping the characters highlighted,
    which OpenSearch and Elasticsearch spell differently."""
    text = query_words(query.text)
    filters = tuple((name, tuple(values)) for name, values in query.filters.items())
    body = with_text(
        body_shape(bool(text), query.sort, query.page, query.page_size, date.today(), highlight_limit), text
    )
    if filters:
        body["post_filter"] = results_filter(filters)
    body["aggs"] = aggregations_body(filters, query.expanded)
    return body


@lru_cache(maxsize=256)
def body_shape(has_text: bool, sort: str, page: int, page_size: int, today: date, highlight_limit: str) -> dict:
    """The body of every unfiltered search of this shape, without its facets, with ``WORDS``
    standing for its words: only ever copied, never changed."""
    shape = SearchQuery(text=WORDS if has_text else "", sort=sort, page=page, page_size=page_size)
    return build_search(shape, highlight_limit, today).to_dict()


@lru_cache(maxsize=1024)
def results_filter(filters: tuple[tuple[str, tuple[str, ...]], ...]) -> dict:
    """The filter of a search's results (its post filter), as JSON: only ever serialised."""
    return all_filters(SearchQuery(filters=as_filters(filters))).to_dict()


def as_filters(filters: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, list[str]]:
    """A query's filters from their hashable form, the key of the parts cached above and below."""
    return {name: list(values) for name, values in filters}


def with_text(part, text: str):
    """A copy of a body shape's ``part`` with the query's words in place of ``WORDS``."""
    if isinstance(part, dict):
        return {key: with_text(value, text) for key, value in part.items()}
    if isinstance(part, list):
        return [with_text(value, text) for value in part]
    return text if part == WORDS else part


@lru_cache(maxsize=1024)
def aggregations_body(filters: tuple[tuple[str, tuple[str, ...]], ...], expanded: tuple[str, ...]) -> dict:
    """The aggregations of a search with these filters and expanded facets, as JSON: shared by
    every search of that shape, and only ever serialised, never changed."""
    shape = SearchQuery(filters=as_filters(filters), expanded=expanded)
    return {name: aggregation.to_dict() for name, aggregation in facet_aggregations(shape).items()}


def build_search(query: SearchQuery, highlight_limit: str = "max_analyzer_offset", today: date | None = None) -> Search:
    """The search without its facets (``search_body`` adds them): what it matches, the filters
    of its results, their order (recency counted from ``today``), highlighting, the page and
    the fields returned."""
    text = query_words(query.text)
    matched = matching_query(text) if text else Q("match_all")
    search = Search().query(Q("bool", must=[matched], filter=[Q("term", visibility="public")]))
    # Facet filters go in the post filter so every facet is counted without its own selection.
    if query.filters:
        search = search.post_filter(all_filters(query))
    offset = (query.page - 1) * query.page_size
    extra = {"from_": offset, "size": query.page_size, "track_total_hits": True}
    if query.sort == "date" or not text:
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    else:
        # The ordering clauses score the best matches only, not each of the thousands a common
        # word finds: half of a broad search's time on the node.
        window = max(RESCORE_WINDOW, offset + query.page_size)
        ordering = ordering_query(text, today or date.today())
        extra["rescore"] = {"window_size": window, "query": {"rescore_query": ordering}}
    if text:
        # The excerpt is not searched: its snippet marks the words the query matched anywhere.
        search = search.highlight_options(
            encoder="html",
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            fragment_size=180,
            number_of_fragments=1,
            require_field_match=False,
            # Without the fuzzy clause, which the highlighter could only meet by analysing
            # each hit's text again instead of reading the offsets stored in the index.
            highlight_query=stemmed_query(text).to_dict(),
            **{highlight_limit: EXCERPT_CHARACTERS},
        ).highlight("summary", "excerpt")
    return search.extra(**extra).source(["type", "object_id", "title", "url", "language", "date", "summary"])


def query_words(text: str) -> str:
    """The words of a query the node reads, without the punctuation a query syntax would read."""
    return " ".join(words(text)[:MAX_WORDS])


def suggestion_body(text: str) -> dict:
    """The spelling suggester alone: a word the index does not hold, or holds more rarely than a
    close one, gets the more frequent one."""
    text = query_words(text)
    return {
        "size": 0,
        "track_total_hits": False,
        "query": {"match_none": {}},
        "suggest": {
            "did_you_mean": {
                "text": text,
                "term": {"field": "spell", "suggest_mode": "popular", "min_word_length": 4},
            }
        },
    }


def facet_counts(aggregations: dict) -> tuple[dict[str, dict[str, int]], set[str]]:
    """Counts per facet and value, and the facets with more values than were counted."""
    counts, more = {}, set()
    shared = aggregations.get(SHARED_FACETS, {})
    for name in FACETS:
        facet = aggregations.get(name) or shared.get(name)
        if facet is None:  # not counted for this search
            continue
        values = facet.get("values", facet)  # a terms aggregation of its own, or under the shared filter
        buckets = values["buckets"] + facet.get("selected", {}).get("buckets", [])
        counts[name] = {str(b["key"]): b["doc_count"] for b in buckets}
        if values.get("sum_other_doc_count"):
            more.add(name)
    return counts, more


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
            raise unavailable(exc) from exc

    # Searching -------------------------------------------------------------------------------

    def search(self, query: SearchQuery, timeout: float | None = None) -> SearchResults:
        started = time.perf_counter()
        body = search_body(query, self.client.highlight_limit)
        response = self.call(self.client.search, self.alias, body, timeout)
        hits = [self.to_hit(hit, query.text) for hit in response["hits"]["hits"]]
        counted, more = facet_counts(response["aggregations"])
        counts, trimmed = shown_counts(counted, query)
        count, took = response["hits"]["total"]["value"], response.get("took", 0)
        suggestion = None
        if query.text and count < SUGGEST_BELOW:
            # Asked only when a search finds little: spelling suggestions cost as much as the
            # rest of a search, and one that finds plenty needs none.
            spelling = self.call(self.client.search, self.alias, suggestion_body(query.text), timeout)
            suggestion, took = self.suggestion(query.text, spelling), took + spelling.get("took", 0)
        return SearchResults(
            query=query,
            count=count,
            hits=hits,
            facets=all_facets(counts, query),
            more_facets=more | trimmed,
            country_counts=dict(counted.get("country", {})),
            engine=self.name,
            suggestion=suggestion,
            took_ms=(time.perf_counter() - started) * 1000,
            engine_took_ms=float(took),
        )

    def to_hit(self, hit: dict, text: str) -> Hit:
        source = hit["_source"]
        highlight = hit.get("highlight", {})
        fragment = next((highlight[f][0] for f in ("summary", "excerpt") if f in highlight), None)
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

    def suggest(self, prefix: str, limit: int = 10, timeout: float | None = None) -> list[str]:
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
        response = self.call(self.client.search, self.alias, body, timeout)
        return [o["text"] for o in response["suggest"]["titles"][0]["options"]][:limit]

    # Indexing ---------------------------------------------------------------------------------

    def ensure_index(self) -> str:
        targets = self.call(self.client.alias_targets, self.alias)
        if targets:
            return targets[0]
        name = new_index_name(self.alias)
        self.call(self.client.create_index, name, index_body(search_settings.SHARDS, search_settings.REPLICAS))
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
        "excerpt": document.body[:EXCERPT_CHARACTERS],
        "places": document.places,
        "topics": document.topics,
        "tags": document.tags,
        "suggest": {"input": [document.title, *document.tags][:20]},
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
