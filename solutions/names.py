"""Folding names for matching: case, accents and spacing never make two organisations."""

from __future__ import annotations

import re
import unicodedata

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
