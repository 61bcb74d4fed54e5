"""The rows every site needs before any content: locales, vocabularies, the page and collection
roots. Migrations create them; this restores them after a database flush (transactional tests)."""

from __future__ import annotations

from django.apps import apps
from wagtail.models import Collection, Locale, Page

from solutions.vocabularies import load_vocabularies

LANGUAGE_CODES = ("en", "es", "fr", "pt")


def ensure_baseline() -> None:
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()  # a flush recreates content types with new ids
    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)
    from solutions.models import Country

    if not Country.objects.exists():
        load_vocabularies(apps)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(title="Root", slug="root", locale=Locale.objects.get(language_code="en"))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name="Moderators").exists():
        from community.baseline_data import create_badges_and_moderators

        create_badges_and_moderators(apps)
