"""Counts as the reader's language writes them."""

from __future__ import annotations

from functools import lru_cache

from django.utils.formats import number_format
from django.utils.translation import get_language


def grouped(count: int, language: str | None = None) -> str:
    """``count`` with the digit grouping of the active language ("12,345", "12.345"), as
    ``intcomma`` writes it: a search page asks for a few hundred counts, most of them small and
    the same from one search to the next, so each is formatted once per language. Loops pass
    ``language``, the active one, read once."""
    return _grouped(count, language or get_language())


@lru_cache(maxsize=4096)
def _grouped(count: int, language: str | None) -> str:
    return number_format(count, use_l10n=True, force_grouping=True)
