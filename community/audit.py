from __future__ import annotations

from community.models import ModerationAction


def record(
    actor, action: str, *, kind: str = "", target_id=None, label: str = "", reason: str = ""
) -> ModerationAction:
    return ModerationAction.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_kind=kind,
        target_id=target_id,
        target_label=str(label)[:200],
        reason=(reason or "")[:500],
    )
