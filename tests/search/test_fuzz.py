"""Generated query strings and parameter values for the search page and API on both engines:
a normal page for any text, a 400 for an invalid filter on the API, never a 500."""

from __future__ import annotations

import random
from urllib.parse import quote

import pytest

from search.reindex import reindex

ALPHABET = (
    list("abcdefghij xyz ABC 0123456789")
    + list("\"'*-+():^~\\/!?&|<>{}[]%_.,;=@#$`")
    + ["\x00", "\x01", "\x08", "\t", "\n", "\r", "\x1b", "\x7f", "\x85", "\u2028"]
    + ["²", "٣", "１", "໒", "Ⅻ", "½", "௰"]  # digits and numbers that are not ASCII digits
    + ["é", "ß", "İ", "ﬁ", "ŉ", "ǰ", "Å", "\u0301", "\u200b", "\u202e", "\ufeff", "\uffff"]
    + ["水", "ب", "😀", "𝔸", "\U0010ffff"]
)
WORDS = ["water", "school", "AND", "OR", "NOT", "NEAR", "NEAR(", "title:", "*", "^", ":*", "<->", "&", "|", "!"]
WORDS += ['"', '"water', 'water"', "'", "(", ")", "--", "/*", "%", "\\", "' OR 1=1 --", "{", "}", "[", "]"]
FILTERS = ["type", "language", "region", "country", "sdg", "theme", "modality", "year", "status", "sort", "page"]
NUMBERS = ["0", "-1", "1", "17", "2012", "9" * 20, "9" * 5000, "1e3", "0x11", " 2", "2 ", "+2", "02", "002"]
NUMBERS += ["²", "٣", "１", "2²", "1" + "\x00", "", " ", "NaN", "inf", "3.0", "١٧"]
RAW = ["%FF", "%C0%AF", "%ED%A0%80", "%00", "%", "%%", "%2", "%E2%82"]  # bytes no browser would send


def text(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return " ".join(rng.choice(WORDS + ["solar", "pumps", "agua"]) for _ in range(rng.randint(1, 6)))
    length = rng.choice([0, 1, 2, 5, 20, 80, 199, 200, 201, 500, 5000])
    return "".join(rng.choice(ALPHABET) for _ in range(length))


def value(rng: random.Random) -> str:
    return rng.choice(NUMBERS) if rng.random() < 0.6 else text(rng)


def query_strings(count: int, seed: int = 14) -> list[str]:
    """URL query strings: text in ``q``, one to three filters with numbers or text, sometimes
    bytes that are not UTF-8."""
    rng = random.Random(seed)
    strings = []
    for _ in range(count):
        pairs = [("q", text(rng))] if rng.random() < 0.9 else []
        pairs += [(rng.choice(FILTERS + ["expand", "q"]), value(rng)) for _ in range(rng.randint(0, 3))]
        encoded = "&".join(f"{quote(name)}={quote(v, safe='')}" for name, v in pairs)
        if rng.random() < 0.1:
            encoded += f"&{rng.choice(FILTERS + ['q'])}={rng.choice(RAW)}"
        strings.append(encoded)
    return strings


def test_the_generator_makes_a_thousand_distinct_hostile_query_strings():
    strings = query_strings(1000)
    assert len(set(strings)) > 950
    assert any("%00" in s for s in strings) and any("%C2%B2" in s for s in strings)  # NUL and ²
    assert any(len(s) > 5000 for s in strings)


@pytest.fixture
def corpus(make_solution):
    make_solution(title="Solar water pumps", summary="Pumps run on solar power.", sdgs=[6, 7])
    make_solution(title="Escuelas con agua potable", language="es", summary="Agua potable en escuelas.")


@pytest.fixture
def unlimited(settings):
    settings.RATELIMIT_ENABLE = False


def send_all(client) -> list[tuple[str, str, int]]:
    client.raise_request_exception = False  # a 500 is counted, not raised
    failures = []
    for query_string in query_strings(1000):
        for path in ("/en/search/", "/api/v1/search/"):
            response = client.get(path, QUERY_STRING=query_string)
            expected = {200, 400} if path.startswith("/api/") else {200}
            if response.status_code not in expected:
                failures.append((path, query_string[:120], response.status_code))
        suggest = client.get("/api/v1/search/suggest/", QUERY_STRING=query_string)
        if suggest.status_code not in {200, 400}:
            failures.append(("suggest", query_string[:120], suggest.status_code))
    return failures


@pytest.mark.django_db
def test_no_query_string_breaks_the_database_engine(client, corpus, unlimited):
    assert send_all(client) == []


@pytest.mark.django_db
def test_no_query_string_breaks_the_node_engine(client, node, corpus, unlimited):
    reindex(node)
    assert send_all(client) == []
    assert client.get("/api/v1/search/", {"q": "solar"}).json()["engine"] == "node"


@pytest.mark.django_db
def test_control_characters_in_a_search_are_dropped_not_refused(client, corpus, unlimited):
    page = client.get("/en/search/", QUERY_STRING="q=solar%00water%01%1b")
    assert page.status_code == 200 and "Solar water pumps" in page.content.decode()
    api = client.get("/api/v1/search/", QUERY_STRING="q=solar%00&sdg=1%00x")
    assert api.status_code == 400 and api.json()["error"]["field"] == "sdg"
    assert client.get("/api/v1/search/", QUERY_STRING="q=solar%00").json()["count"] == 1
