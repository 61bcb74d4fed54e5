"""A filter's country, region or theme as the database holds it, or "" when the value names none:
the directories and the request list drop such a value (no filter, no chip), as the catalogue
does, instead of filtering by it and showing it back."""

from __future__ import annotations

import re

from solutions.countries import is_country_code, region_code
from solutions.models import Region, Theme


def known_country(value: str) -> str:
    code = value.strip().upper()
    return code if is_country_code(code) else ""


def known_region(value: str) -> str:
    """An M49 code of a region the table holds, written with or without its leading zeros."""
    code = region_code(value)
    return code if re.fullmatch("[0-9]{3}", code) and Region.objects.filter(code=code).exists() else ""


def known_theme(value: str) -> str:
    slug = value.strip()
    return slug if re.fullmatch("[a-z0-9-]{1,60}", slug) and Theme.objects.filter(slug=slug).exists() else ""
