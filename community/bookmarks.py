"""Bookmarks: a member keeps a solution, thread, post or knowledge request for later, with an
optional note. The kinds that can be bookmarked are registered by the apps that own them
(``bookmark_kinds``, filled by community and exchange); each is loaded, named and checked through
its moderation target (``community.targets``), so a bookmark never shows what its member may not see."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.models import Bookmark, TargetKind
from community.permissions import check_can_take_part
from community.targets import load_for, load_many_for
from core.registry import Registry

bookmark_kinds: Registry[str] = Registry("kind of bookmark")  # kind -> its label, plural
MAX_NOTE = 300


def add(user, kind: str, target_id) -> Bookmark:
    """Keeps the item for the member (once); not found unless they may see it."""
    check_can_take_part(user)
    if kind not in bookmark_kinds:
        raise Http404
    target = load_for(user, kind, target_id)
    bookmark, _created = Bookmark.objects.get_or_create(user=user, kind=kind, target_id=target.id)
    return bookmark


def set_note(bookmark: Bookmark, note: str) -> None:
    note = " ".join((note or "").split())
    if len(note) > MAX_NOTE:
        raise ValidationError(_("A note has at most %(max)d characters.") % {"max": MAX_NOTE})
    bookmark.note = note
    bookmark.save(update_fields=["note"])


def listed(user, bookmarks) -> list[dict]:
    """The member's bookmarks with what each points at, each kind loaded and checked in a few
    queries however many there are; items gone or no longer visible to the member are listed as
    unavailable."""
    by_kind: dict[str, set[int]] = {}
    for bookmark in bookmarks:
        by_kind.setdefault(bookmark.kind, set()).add(bookmark.target_id)
    found = {
        (kind, target.id): {"label": target.label, "url": target.url}
        for kind, ids in by_kind.items()
        for target in load_many_for(user, kind, ids)
        if not target.hidden
    }
    return [
        {"bookmark": b, "kind": bookmark_kinds.get(b.kind) or b.kind, "item": found.get((b.kind, b.target_id))}
        for b in bookmarks
    ]


def register() -> None:
    bookmark_kinds.register(TargetKind.SOLUTION, gettext_lazy("Solution"))
    bookmark_kinds.register(TargetKind.THREAD, gettext_lazy("Thread"))
    bookmark_kinds.register(TargetKind.POST, gettext_lazy("Post"))
