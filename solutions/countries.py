"""Localised country names from pycountry's ISO 3166-1 catalogues (maintained, offline)."""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry
from django.utils.translation import get_language


@lru_cache(maxsize=8)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


# Codes the UN M49 table (and so the catalogue) uses that ISO 3166-1 has not assigned: Kosovo's
# user-assigned code, as the EU, the World Bank and the IMF write it.
UNASSIGNED = {"XK": "Kosovo"}


@lru_cache(maxsize=2048)
def _name(code: str, language: str) -> str:
    if code in UNASSIGNED:
        return UNASSIGNED[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    english = getattr(country, "common_name", None) or country.name
    if language == "en":
        return english
    translated = _catalogue(language).gettext(english)
    if translated == english and english != country.name:
        translated = _catalogue(language).gettext(country.name)
    return translated


def country_name(code: str, language: str | None = None) -> str:
    return _name(code.upper(), (language or get_language() or "en")[:2])


def is_country_code(code: str) -> bool:
    if not (isinstance(code, str) and len(code) == 2):
        return False
    return code.upper() in UNASSIGNED or pycountry.countries.get(alpha_2=code.upper()) is not None


def region_code(value: str) -> str:
    """A UN M49 region code as stored, three digits: links and people write Africa as "2" as
    often as "002". Anything else is returned as it is, for the caller to refuse."""
    value = value.strip()
    return value.zfill(3) if re.fullmatch(r"[0-9]{1,3}", value) else value  # ASCII digits: "٣" is none
