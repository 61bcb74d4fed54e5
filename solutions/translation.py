"""Translations of a solution: sibling pages in another locale sharing the record's translation key.

They live beside the original in the one catalogue, so every page routes under every interface
language and the catalogue can show each record once, in the reader's language where it exists.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale

from solutions.models import SolutionPage


@transaction.atomic
def translate_solution(original: SolutionPage, language: str, *, publish: bool = True, **fields) -> SolutionPage:
    locale = Locale.objects.get(language_code=language)
    existing = SolutionPage.objects.filter(translation_key=original.translation_key, locale=locale).first()
    if existing:
        return existing
    translation = original.copy(
        to=original.get_parent(),
        update_attrs={
            "locale": locale,
            "language": language,
            "translation_key": original.translation_key,
            "external_id": None,
            "slug": f"{original.slug}-{language}",
            "live": publish,
            **fields,
        },
        copy_revisions=False,
        keep_live=publish,
        reset_translation_key=False,
    )
    if publish:
        translation.save_revision().publish()
    return translation
