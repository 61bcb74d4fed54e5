"""Ids and page numbers read from URLs, query strings and forms.

``str.isdigit()`` is true for "²" and "٣", which ``int()`` then refuses or reads as another
number; a 20-digit number passes ``int()`` and overflows the database; 5,000 digits exceed
Python's own limit. Only ASCII digits of a length every database id column holds are numbers here.
"""

from __future__ import annotations

import re

from django.http import Http404

MAX_DIGITS = 18  # every 18-digit number fits a signed 64-bit column
NUMBER = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")


def positive_int(raw: object) -> int | None:
    """The number written in ``raw``, or None when it is not a positive number in ASCII digits
    short enough for a database id."""
    if not isinstance(raw, str) or not NUMBER.fullmatch(raw):
        return None
    return int(raw) or None


def id_or_404(raw: object) -> int:
    """An id from a parameter; anything else names nothing, so it is not found."""
    number = positive_int(raw)
    if number is None:
        raise Http404
    return number


class IdConverter:
    """``<id:pk>`` in a URL: what ``<int:pk>`` accepts, less the numbers no id column holds, so
    that a 20-digit id is a 404 rather than a database overflow."""

    regex = NUMBER.pattern

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
