from __future__ import annotations

import itertools

import pytest

from solutions.importing import save_solution, validate_lines
from solutions.models import SolutionIndexPage

_ids = itertools.count(1)
PASSWORD = "correct-horse-battery-42"


def solution_record(**overrides) -> dict:
    number = next(_ids)
    record = {
        "external_id": f"test-{number:05d}",
        "title": f"Solution number {number}",
        "summary": "A short summary of a cooperation practice.",
        "challenge": "Farmers lost harvests to drought.",
        "solution": "Peers shared early warning methods.",
        "results": "",
        "lessons": "",
        "language": "en",
        "provider_countries": ["BR"],
        "recipient_countries": ["MZ"],
        "cooperation_type": "south-south",
        "partners": [{"name": "Ministry of Agriculture", "role": "provider"}],
        "sdgs": [2],
        "themes": ["food-security"],
        "modalities": ["study-tour"],
        "status": "completed",
        "start_year": 2012,
        "end_year": 2015,
        "tags": ["drought"],
    }
    record.update(overrides)
    return record


def clean(record: dict) -> dict:
    import json

    records, errors = validate_lines([json.dumps(record)])
    assert not errors, [str(e) for e in errors]
    return records[0][1]


@pytest.fixture
def site_tree(db):
    from website.baseline import ensure_baseline
    from website.site_tree import ensure_site_tree

    ensure_baseline()
    return ensure_site_tree()


@pytest.fixture
def catalogue(site_tree):
    return SolutionIndexPage.objects.get()


@pytest.fixture
def make_solution(catalogue):
    """Creates a published solution through the import action; keyword arguments override the record."""

    def make(publish: bool = True, **overrides):
        page, _created = save_solution(clean(solution_record(**overrides)), index=catalogue, publish=publish)
        return page.specific.__class__.objects.get(pk=page.pk)

    return make


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: no page, rate-limit count or generation from an earlier one."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def empty_search_log():
    """Each test starts with no searches buffered for the log by an earlier one."""
    from search import analytics

    analytics.discard_buffer()


@pytest.fixture(autouse=True)
def one_rate_limit_window(monkeypatch):
    """django-ratelimit counts in fixed windows on the clock; a test's requests could straddle a
    window's end and start counting again. Every test counts in one window."""
    from django_ratelimit import core

    monkeypatch.setattr(core, "_get_window", lambda value, period: 4_000_000_000)


@pytest.fixture
def page_cache(settings):
    """Whole-page caching on, as in production (test settings turn it off); views counted on
    hits are written at once."""
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_VIEW_FLUSH_SECONDS = 0


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English, whatever language an earlier request left active."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def make_member(site_tree):
    """A member with a verified email and a profile; keyword arguments set profile fields."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from community.profiles import create_profile

    def make(email: str = "ana@example.org", name: str = "Ana Pereira", verified: bool = True, **profile_fields):
        user = get_user_model().objects.create_user(username=email.split("@")[0], email=email, password=PASSWORD)
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        profile = create_profile(user, display_name=name, country_code=profile_fields.pop("country", None))
        for field, value in profile_fields.items():
            setattr(profile, field, value)
        profile.save()
        return user

    return make


@pytest.fixture
def every_page(site_tree, make_solution, make_member):
    from tests.site_content import every_page

    return every_page(site_tree, make_solution, make_member)
