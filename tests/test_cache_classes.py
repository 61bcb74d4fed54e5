"""Invalidation is opt-out (core/page_cache.py): a change to any model empties the page cache,
unless the model is declared per-member or ephemeral. Every installed model is one or the other."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.test import Client

from core import page_cache

pytestmark = pytest.mark.usefixtures("page_cache")

# Declared for models installed only in some configurations: the database task queue (production)
# and Wagtail's full-text index on SQLite.
NOT_EVERYWHERE = {"django_tasks_database.DBTaskResult", "wagtailsearch.SQLiteFTSIndexEntry"}


def generation() -> object:
    return page_cache.cache().get(page_cache.GENERATION_KEY)


def bumps(signal, model) -> bool:
    before = generation()
    signal.send(sender=model, instance=model(), using="default", created=False, raw=False, update_fields=None)
    return generation() != before


@pytest.mark.django_db
def test_every_installed_model_invalidates_or_is_declared_per_member_or_ephemeral():
    neither = [
        model._meta.label
        for model in apps.get_models()
        if not page_cache.exemption(model) and not (bumps(post_save, model) and bumps(post_delete, model))
    ]
    assert neither == []


@pytest.mark.django_db
def test_declared_models_keep_the_pages():
    declared = [model for model in apps.get_models() if page_cache.exemption(model)]
    assert {"sessions.Session", "community.Notification", "solutions.PageViewCount"} <= {
        model._meta.label for model in declared
    }
    assert [model._meta.label for model in declared if bumps(post_save, model)] == []


def test_every_declaration_names_an_installed_model():
    installed = {model._meta.label for model in apps.get_models()}
    assert set(page_cache._unwatched) - installed - NOT_EVERYWHERE == set()


@pytest.mark.parametrize("label", ["community.Badge", "wagtailimages.Image", "exchange.Offer"])
def test_models_missed_when_invalidation_was_opt_in_are_watched(label):
    assert page_cache.is_watched(apps.get_model(label))


def test_renaming_a_badge_shows_on_the_profile_at_once(client, make_member):
    from community.badges import award
    from community.models import Badge

    member = make_member(name="Ana Pereira")
    Badge.objects.create(slug="mentor", name="Mentor", description="Helps newcomers")
    award(member.profile, "mentor")
    url = member.profile.get_absolute_url()
    assert "Mentor" in client.get(url).content.decode()
    assert client.get(url).get("X-Page-Cache") == "hit"
    badge = Badge.objects.get(slug="mentor")
    badge.name = "Guide"
    badge.save()  # as the admin's edit view does
    page = Client().get(url)
    assert page.get("X-Page-Cache") != "hit" and "Guide" in page.content.decode()
