"""Sections that apps above community add to the notification settings page (knowledge request
alerts): each shows its own part of the form and saves what was posted to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.registry import Registry


@dataclass(frozen=True)
class SettingsSection:
    template: str  # rendered inside the form, with ``values`` from ``read``
    read: Callable[[object], dict]  # (member) -> what the template shows
    save: Callable[[object, object], None]  # (member, request.POST)


settings_sections: Registry[SettingsSection] = Registry("notification settings section")


def sections_for(user) -> list[dict]:
    return [{"template": section.template, "values": section.read(user)} for section in settings_sections.values()]


def save_sections(user, data) -> None:
    for section in settings_sections.values():
        section.save(user, data)
