"""Domain actions on member profiles."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from community.models import Profile
from core.registry import Registry
from solutions.single_line import single_line


def display_name_for(user) -> str:
    profile = getattr(user, "profile", None) if getattr(user, "pk", None) else None
    return profile.display_name if profile else (user.get_full_name() or user.get_username())


# Where the current Terms and Code of Conduct versions come from: the site's settings, which the
# composition root (website) registers.
policy_versions: Registry[Callable[[], tuple[str, str]]] = Registry("source of policy versions")


def current_policy_versions() -> tuple[str, str]:
    """The (terms, conduct) versions a member accepts at sign-up; empty where none is set."""
    for source in policy_versions.values():
        return source()
    return "", ""


@transaction.atomic
def create_profile(user, *, display_name: str, country_code: str | None = None, organisation: str = "") -> Profile:
    """Called at sign-up: records acceptance of the current Terms and Code of Conduct."""
    terms, conduct = current_policy_versions()
    now = timezone.now()
    profile, _created = Profile.objects.update_or_create(
        user=user,
        defaults={
            "display_name": single_line(display_name)[:120],
            "country_id": country_code,
            "organisation": single_line(organisation)[:200],
            "terms_version": terms,
            "terms_accepted_at": now,
            "conduct_version": conduct,
            "conduct_accepted_at": now,
        },
    )
    affiliate_by_name(profile)
    return profile


def affiliate_by_name(profile: Profile) -> None:
    """The organisation a member names on their profile, if the site knows it, lists them as
    working there (unconfirmed until one of its editors confirms)."""
    from community.models import Affiliation
    from solutions.organisations import find

    organisation = find(profile.organisation, profile.country_id) if profile.organisation.strip() else None
    if organisation is not None:
        Affiliation.objects.get_or_create(
            user_id=profile.user_id, organisation=organisation, defaults={"role": profile.role[:200]}
        )


def profile_for(user) -> Profile:
    """Every account has a profile; accounts made outside sign-up (the admin) get one on first use,
    once even when two requests ask at the same moment (get_or_create reads again on a conflict)."""
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"display_name": user.get_full_name() or user.get_username()}
    )
    return profile


@transaction.atomic
def update_profile(profile: Profile, form) -> Profile:
    profile = form.save(commit=False)
    profile.country = form.cleaned_data["country"]
    profile.set_languages(form.cleaned_data["languages"])
    profile.links = form.cleaned_data["links_text"]
    if form.cleaned_data.get("remove_photo"):
        remove_photo(profile)
    processed = getattr(form, "processed_photo", None)
    if processed:
        remove_photo(profile)
        profile.photo.save(processed["photo"].name, processed["photo"], save=False)
        profile.photo_small.save(processed["photo_small"].name, processed["photo_small"], save=False)
    profile.save()
    form.save_m2m()
    if "organisation" in form.changed_data:
        affiliate_by_name(profile)
    return profile


def remove_photo(profile: Profile) -> None:
    for field in (profile.photo, profile.photo_small):
        if field:
            field.delete(save=False)
