"""Index settings and mapping: one analysis for the four languages (en, es, fr, pt).

Each word is indexed in its accent-folded form and as each language's light stemmer reads it,
all at the same position (a ``multiplexer``), so a query in any of the four languages, with or
without accents, meets documents written in any of them through one field, not one field per
language: a search reads four fields instead of thirty.

Tags, topics and places are searched together as ``facts``; ``title.folded`` is the small
dictionary typo-tolerant matching runs on, and ``spell`` the one "did you mean" reads.
Snippets come from ``summary`` and ``excerpt`` (the body's first characters) through offsets
stored in the index; the body itself is searched but not kept in the source, so a thread of
thousands of posts costs neither highlighting nor loading.
"""

from __future__ import annotations

LANGUAGE_STEMMERS = {
    "en": "light_english",
    "es": "light_spanish",
    "fr": "light_french",
    "pt": "light_portuguese",
}
STOPWORDS = {"en": "_english_", "es": "_spanish_", "fr": "_french_", "pt": "_portuguese_"}
# Fields a search reads, with their weights: a match in the title counts most.
SEARCHED = {"title": 6, "summary": 3, "facts": 2.5, "body": 1}
FACT_FIELDS = ("tags", "topics", "places")
# Snippets are cut from this many characters of the body: finding sentence boundaries around
# every match grows with the square of the text (20,000 characters of a long thread cost the node
# 800 ms, 2,000 characters 8 ms).
EXCERPT_CHARACTERS = 2_000
# Raised whenever the analysis or the fields change: search_check reports an index built for an
# older version, and search_check --repair rebuilds it.
MAPPING_VERSION = 2
FACET_FIELDS = ("type", "language", "regions", "countries", "sdgs", "themes", "modalities", "year", "status")


def analysis() -> dict:
    filters = {
        "minga_elision": {
            "type": "elision",
            "articles_case": True,
            "articles": ["l", "d", "qu", "j", "n", "s", "t", "c", "m"],
        },
        "minga_possessive": {"type": "stemmer", "language": "possessive_english"},
        "minga_stems": {
            "type": "multiplexer",
            "filters": [f"minga_stem_{code}" for code in LANGUAGE_STEMMERS],
            "preserve_original": True,
        },
    }
    stops = []
    for code, stemmer in LANGUAGE_STEMMERS.items():
        filters[f"minga_stop_{code}"] = {"type": "stop", "stopwords": STOPWORDS[code], "ignore_case": True}
        filters[f"minga_stem_{code}"] = {"type": "stemmer", "language": stemmer}
        stops.append(f"minga_stop_{code}")
    chain = ["minga_elision", "lowercase", "minga_possessive", *stops, "asciifolding", "minga_stems"]
    analyzers = {
        "folded": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
        "minga_text": {"type": "custom", "tokenizer": "standard", "filter": [*chain, "remove_duplicates"]},
    }
    return {"filter": filters, "analyzer": analyzers}


def text_field(highlighted: bool = False, **extra) -> dict:
    """``highlighted``: the field's offsets are stored, so the highlighter reads them from the
    index instead of analysing each hit's text again."""
    field = {"type": "text", "analyzer": "minga_text", **extra}
    if highlighted:
        field["index_options"] = "offsets"
    return field


def index_body(shards: int = 1, replicas: int | None = 0) -> dict:
    """``replicas`` None: one replica when the cluster has two data nodes or more, none on one."""
    keyword = {"type": "keyword"}
    # Facet fields build their global ordinals when the index refreshes, not on the first
    # search after it.
    facet = {"type": "keyword", "eager_global_ordinals": True}
    stored_only = {"type": "text", "index": False}
    return {
        "settings": {
            "number_of_shards": shards,
            **({"auto_expand_replicas": "0-1"} if replicas is None else {"number_of_replicas": replicas}),
            "analysis": analysis(),
        },
        "mappings": {
            "dynamic": "strict",
            "_meta": {"minga_mapping": MAPPING_VERSION},
            "_source": {"excludes": ["body", *FACT_FIELDS]},
            "properties": {
                "object_id": keyword,
                "url": {"type": "keyword", "index": False},
                "title": text_field(copy_to=["spell"], fields={"folded": {"type": "text", "analyzer": "folded"}}),
                "summary": text_field(highlighted=True, copy_to=["spell"]),
                "body": text_field(),
                "excerpt": text_field(highlighted=True),
                "places": {**stored_only, "copy_to": ["facts"]},
                "topics": {**stored_only, "copy_to": ["facts", "spell"]},
                "tags": {**stored_only, "copy_to": ["facts", "spell"]},
                "facts": text_field(),
                "spell": {"type": "text", "analyzer": "folded"},
                "suggest": {"type": "completion", "analyzer": "folded", "preserve_separators": True},
                "date": {"type": "date"},
                "quality": {"type": "float"},
                "visibility": keyword,
                "indexed_at": {"type": "date"},
                **{name: facet for name in FACET_FIELDS},
            },
        },
    }
