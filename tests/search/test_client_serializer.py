"""The node client's JSON (orjson): the same bodies and answers as the standard library's, and
the client's own errors for what cannot be read."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from opensearchpy.exceptions import SerializationError

from search.engines.clients import opensearch_serializer


def test_bodies_are_written_as_the_standard_library_writes_them():
    serializer = opensearch_serializer()
    body = {"query": {"match": {"title": "água potável"}}, "day": date(2026, 12, 3), "at": datetime(2026, 1, 2, 3, 4)}
    body |= {"boost": Decimal("1.5"), 7: "a number as key", "big": 2**70}
    written = serializer.dumps(body)
    assert json.loads(written) == {
        "query": {"match": {"title": "água potável"}},
        "day": "2026-12-03",
        "at": "2026-01-02T03:04:00",
        "boost": 1.5,
        "7": "a number as key",
        "big": 2**70,  # past orjson's 64 bits: written by the standard library
    }
    assert "água" in written  # not escaped to \\u sequences
    assert serializer.dumps('{"already": "written"}') == '{"already": "written"}'


def test_answers_are_read_and_unreadable_ones_raise_the_clients_error():
    serializer = opensearch_serializer()
    assert serializer.loads('{"hits": {"total": {"value": 3}}, "took": 2}') == {
        "hits": {"total": {"value": 3}},
        "took": 2,
    }
    with pytest.raises(SerializationError):
        serializer.loads("{not json")
    with pytest.raises(SerializationError):
        serializer.dumps({"unwritable": object()})
