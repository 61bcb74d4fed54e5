"""Automatic badges. Each rule is a function of the profile; moderators award the others."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from community.models import Award, Badge, Profile

RULES: dict = {}


def rule(slug: str):
    def register(function):
        RULES[slug] = function
        return function

    return register


@rule("first-solution")
def published_a_solution(profile: Profile) -> bool:
    from solutions.models import SolutionPage

    return SolutionPage.objects.live().filter(owner_id=profile.user_id).exists()


@rule("one-year")
def member_for_a_year(profile: Profile) -> bool:
    return profile.user.date_joined <= timezone.now() - timedelta(days=365)


def award(profile: Profile, slug: str, *, by=None, reason: str = "") -> Award | None:
    """Idempotent: a badge is awarded once."""
    try:
        with transaction.atomic():
            return Award.objects.create(profile=profile, badge_id=slug, awarded_by=by, reason=reason)
    except IntegrityError:
        return None


def award_earned(profile: Profile) -> list[str]:
    have = set(profile.awards.values_list("badge_id", flat=True))
    earned = []
    for badge in Badge.objects.exclude(rule="").exclude(slug__in=have):
        check = RULES.get(badge.rule)
        if check and check(profile) and award(profile, badge.slug):
            earned.append(badge.slug)
    return earned
