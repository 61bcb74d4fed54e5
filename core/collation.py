"""Lists sorted the way a reader of any of the site's languages expects: case and accents do not
move a name ("Émirats arabes unis" comes with the E's, not after "Zimbabwe"), and a name that
differs from another only by its accents comes after it."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=8192)
def by_name(name: str) -> tuple[str, str]:
    """A sort key for a name in any of the site's languages."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)), name


def sorted_by_name(items, name=str) -> list:
    """``items`` sorted by ``name(item)`` (the item's text by default) with ``by_name``."""
    return sorted(items, key=lambda item: by_name(name(item)))
