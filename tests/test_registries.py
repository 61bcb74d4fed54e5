"""What apps contribute to the layers below them goes through registries (core/registry.py)."""

from __future__ import annotations

import pytest

from community.notification_settings import settings_sections
from community.review_queue import held_kinds
from community.targets import moderation_targets
from core.registry import Registry


def test_a_registry_keeps_the_order_of_registration_and_names_what_is_missing():
    registry: Registry[int] = Registry("number")
    registry.register("one", 1)

    @registry.register("two")
    def two() -> int:
        return 2

    assert list(registry) == ["one", "two"] and registry["two"] is two and "one" in registry
    assert registry.get("three") is None
    with pytest.raises(LookupError, match="No number is registered as 'three'"):
        registry["three"]


def test_exchange_contributes_through_community_registries_without_community_importing_it():
    assert "request" in moderation_targets and "held-request" in held_kinds
    assert "request-alerts" in settings_sections


def test_a_page_type_naming_an_unregistered_reader_part_is_refused(monkeypatch):
    from core import checks, shared_pages

    assert checks.reader_parts_are_registered(None) == []
    monkeypatch.setattr(shared_pages, "declared_parts", lambda: (("comments",), ("weather",)))
    assert [error.id for error in checks.reader_parts_are_registered(None)] == ["core.E002"]
