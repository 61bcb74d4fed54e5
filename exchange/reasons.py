"""Why something matched, in the reader's language."""

from __future__ import annotations

from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from solutions.countries import country_name


def language_name(code: str) -> str:
    """The language's name as it reads mid-sentence: capitalised in English only."""
    try:
        name = str(get_language_info(code)["name_translated"])
    except KeyError:
        return code
    return name if (get_language() or "en").startswith("en") else name.lower()


def labels(reasons: list[list[str]], vocabulary: dict[str, dict[str, object]]) -> list[str]:
    """``vocabulary`` maps "theme", "sdg", "region", "modality" to {code: item}."""

    def name(kind: str, code: str) -> str:
        item = vocabulary.get(kind, {}).get(code)
        return item.name if item is not None else code

    shown = []
    for kind, code in reasons:
        if kind == "theme":
            shown.append(_("theme: %(name)s") % {"name": name("theme", code)})
        elif kind == "sdg":
            shown.append(_("SDG %(number)s") % {"number": code})
        elif kind == "country":
            shown.append(_("country: %(name)s") % {"name": country_name(code)})
        elif kind == "region":
            shown.append(_("region: %(name)s") % {"name": name("region", code)})
        elif kind == "modality":
            shown.append(_("modality: %(name)s") % {"name": name("modality", code)})
        elif kind == "language":
            shown.append(_("written in %(language)s") % {"language": language_name(code)})
        elif kind == "speaks":
            shown.append(_("speaks %(language)s") % {"language": language_name(code)})
        elif kind == "words":
            shown.append(_("similar words"))
    return list(dict.fromkeys(shown))


def vocabulary() -> dict[str, dict[str, object]]:
    from solutions.models import Modality, Region, Theme

    return {
        "theme": {t.slug: t for t in Theme.objects.all()},
        "region": {r.code: r for r in Region.objects.all()},
        "modality": {m.slug: m for m in Modality.objects.all()},
    }
