"""Snippets for the database engine: escaped text around the first match, matches in <mark>."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from django.utils.html import escape

from search.query import normalise, words

WIDTH = 180


@lru_cache(maxsize=8192)
def _folded(char: str) -> str:
    return normalise(char) or (" " if char.isspace() else "")


class _FoldTable(dict):
    """``str.translate``'s table of folded characters, each worked out when first met. The
    characters that fold to more or fewer than one (``ﬁ``, a lone accent) are noted in ``uneven``:
    a text without them folds character for character, so its positions need no map."""

    def __init__(self) -> None:
        super().__init__()
        self.uneven: set[str] = set()

    def __missing__(self, code: int) -> str:
        piece = _folded(chr(code))
        if len(piece) != 1:
            self.uneven.add(chr(code))
        if len(self) < 8192:
            self[code] = piece
        return piece


_FOLDS = _FoldTable()


def _folded_with_map(text: str) -> tuple[str, Sequence[int]]:
    """The folded text and, for each of its characters, the index in the original (characters
    folded through a cache: a page folds thousands, from a few hundred distinct ones)."""
    folded = text.translate(_FOLDS)
    if len(folded) == len(text) and _FOLDS.uneven.isdisjoint(text):
        return folded, range(len(text))
    folded, positions = [], []
    for index, char in enumerate(text):
        for piece in _folded(char):
            folded.append(piece)
            positions.append(index)
    return "".join(folded), positions


def make_snippet(text: str, query: str) -> str:
    """About ``WIDTH`` characters of ``text`` from a little before its first match, escaped, with
    every whole word that starts like a word of the query marked: each query word is looked for
    by its first letters (all but the last two, at least four), so "water" marks "waters" and
    "watering" but not "rainwater", and "agua" does not mark the end of "Nicaragua"."""
    text = " ".join((text or "").split())
    stems = [word[: max(4, len(word) - 2)] for word in words(normalise(query)) if len(word) > 2]
    if not text:
        return ""
    folded, positions = _folded_with_map(text)
    spans = []
    for stem in stems:
        for match in re.finditer(rf"(?<![^\W_]){re.escape(stem)}[^\W_]*", folded):
            spans.append((positions[match.start()], word_end(text, positions[match.end() - 1] + 1)))
    spans.sort()
    start = max(0, spans[0][0] - WIDTH // 3) if spans else 0
    end = min(len(text), start + WIDTH)
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue
        pieces += [escape(text[cursor:span_start]), "<mark>", escape(text[span_start:span_end]), "</mark>"]
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    return ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")


def word_end(text: str, end: int) -> int:
    """``end`` moved past the combining marks that belong to the word's last letter."""
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end
