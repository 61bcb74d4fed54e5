"""Folding names for matching: case, accents and spacing never make two organisations."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that say nothing about which organisation is meant, in the four languages.
FILLER = {
    "the",
    "of",
    "for",
    "and",
    "de",
    "del",
    "la",
    "le",
    "les",
    "des",
    "du",
    "da",
    "do",
    "dos",
    "das",
    "et",
    "y",
    "e",
}


def folded(name: str) -> str:
    """The name without case, accents or repeated spaces: the key organisations are matched on."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())[:255]


def loose(name: str) -> str:
    """A looser key for listing likely duplicates to an editor: punctuation and filler words
    dropped too ("Ministry of Health" and "Ministry for Health,")."""
    words = re.findall(r"\w+", folded(name))
    return " ".join(word for word in words if word not in FILLER)


@lru_cache(maxsize=8192)
def by_name(name: str) -> tuple[str, str]:
    """A sort key for a name in any of the site's languages: case and accents do not move it
    ("Émirats arabes unis" comes with the E's, not after "Zimbabwe"); a name that differs from
    another only by its accents comes after it."""
    return folded(name), name


def sorted_by_name(items, name=str) -> list:
    """``items`` sorted by ``name(item)`` (the item's text by default) with ``by_name``."""
    return sorted(items, key=lambda item: by_name(name(item)))
