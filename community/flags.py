"""Members report content; enough distinct reports hide it until a moderator decides."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from community.audit import record
from community.conf import setting
from community.models import ActionKind, Flag, FlagReason
from community.permissions import check_can_take_part, is_author
from community.targets import Target


@transaction.atomic
def flag(user, target: Target, reason: str, text: str = "") -> Flag:
    check_can_take_part(user)
    if is_author(user, target):
        raise PermissionDenied(_("You cannot report your own content."))
    if reason not in FlagReason.values:
        raise ValidationError(_("Choose a reason."))
    text = " ".join((text or "").split())[:500]
    if reason == FlagReason.OTHER and not text:
        raise ValidationError(_("Tell the moderators what is wrong."))
    try:
        with transaction.atomic():
            report = Flag.objects.create(
                reporter=user, target_kind=target.kind, target_id=target.id, reason=reason, text=text
            )
    except IntegrityError:
        raise ValidationError(_("You have already reported this.")) from None
    open_flags = Flag.objects.filter(target_kind=target.kind, target_id=target.id, resolved_at__isnull=True)
    if not target.hidden and open_flags.values("reporter").distinct().count() >= setting(
        "COMMUNITY_FLAG_HIDE_THRESHOLD"
    ):
        target.hide()
        record(
            None,
            ActionKind.AUTO_HIDE,
            kind=target.kind,
            target_id=target.id,
            label=target.label,
            reason=_("Reported by several members"),
        )
    return report
