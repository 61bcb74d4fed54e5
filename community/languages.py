"""The interface language of each member: recorded from the pages they read, and the language the
site writes to them in when they are not the one asking (notifications and their emails)."""

from __future__ import annotations

from django.conf import settings

from community.facts import facts_of
from community.models import Profile


def stored(language: str) -> str:
    """The site's default language is stored blank, so members who read the site in it, most of
    them, are never written to."""
    return "" if language == settings.LANGUAGE_CODE else language


def remember_language(user, language: str | None) -> None:
    """Records ``language`` for the member when it is not the one recorded: one write when a
    member changes language, none otherwise (the recorded one comes with their facts)."""
    facts = facts_of(user)
    if not language or facts.language is None:  # a page with no language, or a member with no profile
        return
    if facts.language != stored(language):
        Profile.objects.filter(user_id=user.pk).update(language=stored(language))
        facts.language = stored(language)


def language_of(user_id: int) -> str:
    """The language to write to the member in: the one they last read the site in, if the site
    still offers it, else the site's default."""
    language = Profile.objects.filter(user_id=user_id).values_list("language", flat=True).first()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
