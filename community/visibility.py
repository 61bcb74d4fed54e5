"""Who sees which profile field: everyone, members, or only the member."""

from __future__ import annotations

from community.models import VISIBLE_FIELDS, Visibility
from community.permissions import is_author, is_member


def allowed_levels(viewer, profile=None) -> set[str]:
    if profile is not None and is_author(viewer, profile):
        return {Visibility.PUBLIC, Visibility.MEMBERS, Visibility.PRIVATE}
    if is_member(viewer):
        return {Visibility.PUBLIC, Visibility.MEMBERS}
    return {Visibility.PUBLIC}


def can_see(viewer, profile, field: str, levels: set[str] | None = None) -> bool:
    levels = levels if levels is not None else allowed_levels(viewer, profile)
    return getattr(profile, f"{field}_visibility") in levels


def visible_fields(viewer, profile, levels: set[str] | None = None) -> dict[str, bool]:
    """For each hideable field, whether this viewer may see it (the owner sees everything)."""
    levels = levels if levels is not None else allowed_levels(viewer, profile)
    if is_author(viewer, profile):
        levels = {Visibility.PUBLIC, Visibility.MEMBERS, Visibility.PRIVATE}
    return {field: can_see(viewer, profile, field, levels) for field in VISIBLE_FIELDS}
