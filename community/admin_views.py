"""The moderation log in the Wagtail admin: listed and filtered, never editable."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from community.models import ActionKind, ModerationAction
from community.permissions import is_moderator
from core.params import positive_int


def moderation_log(request):
    if not is_moderator(request.user):
        raise PermissionDenied(_("Only moderators can read the moderation log."))
    entries = ModerationAction.objects.select_related("actor__profile")
    action = request.GET.get("action", "")
    if action in ActionKind.values:
        entries = entries.filter(action=action)
    kind = request.GET.get("kind", "")
    if kind:
        entries = entries.filter(target_kind=kind[:10])
    if actor := positive_int(request.GET.get("actor")):
        entries = entries.filter(actor_id=actor)
    return render(
        request,
        "community/admin/moderation_log.html",
        {
            "entries": Paginator(entries, 50).get_page(request.GET.get("p")),
            "actions": ActionKind.choices,
            "selected_action": action,
            "page_title": _("Moderation log"),
        },
    )
