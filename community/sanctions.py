"""Warnings, silences, suspensions and bans: each with a reason, visible to the member, reversible
by moderators, and ending on their own at their date."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from community.audit import record
from community.decisions import require_moderator
from community.facts import facts_of
from community.models import ActionKind, NotificationKind, Sanction, SanctionKind
from community.notifications import notify

ENDING_KINDS = {SanctionKind.SILENCE, SanctionKind.SUSPENSION}
BLOCKS_POSTING = {SanctionKind.SILENCE, SanctionKind.SUSPENSION, SanctionKind.BAN}
BLOCKS_SIGN_IN = {SanctionKind.SUSPENSION, SanctionKind.BAN}


def active(user, kinds=None):
    sanctions = Sanction.objects.active().filter(user=user)
    return sanctions.filter(kind__in=kinds) if kinds else sanctions


def blocking(user) -> list[Sanction]:
    """The member's active sanctions that block posting (signing in too, for some), latest end
    first; one query per request, cached on the user object, since the sign-in check of every
    request and the permission checks of every post on a page all ask."""
    if not getattr(user, "pk", None):
        return []
    facts = facts_of(user)
    if facts.blocking_sanctions is None:
        facts.blocking_sanctions = list(active(user, BLOCKS_POSTING).order_by("-ends_at"))
    return facts.blocking_sanctions


def blocking_posting(user) -> Sanction | None:
    return next(iter(blocking(user)), None)


def blocks_sign_in(user) -> bool:
    return any(sanction.kind in BLOCKS_SIGN_IN for sanction in blocking(user))


def give(moderator, user, kind: str, reason: str, ends_at: datetime | None = None) -> Sanction:
    require_moderator(moderator)
    if user.pk == moderator.pk:
        raise ValidationError(_("You cannot sanction yourself."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(_("Give a reason."))
    if kind in ENDING_KINDS and (ends_at is None or ends_at <= timezone.now()):
        raise ValidationError(_("Choose an end date in the future."))
    if kind not in ENDING_KINDS:
        ends_at = None
    sanction = Sanction.objects.create(user=user, kind=kind, reason=reason, ends_at=ends_at, created_by=moderator)
    record(
        moderator,
        ActionKind.SANCTION,
        kind="profile",
        target_id=user.pk,
        label=f"{sanction.get_kind_display()}",
        reason=reason,
    )

    def text() -> str:
        until = f" ({_('until')} {date_format(ends_at, 'DATETIME_FORMAT')})" if ends_at else ""
        return _("%(kind)s%(until)s: %(reason)s") % {
            "kind": sanction.get_kind_display(),
            "until": until,
            "reason": reason,
        }

    notify(
        user.pk,
        NotificationKind.MODERATION,
        actor=moderator,
        text=text,
        url="/account/",
    )
    if kind in BLOCKS_SIGN_IN:
        from allauth.usersessions.models import UserSession

        for session in UserSession.objects.filter(user=user):
            session.end()
    return sanction


def revoke(moderator, sanction: Sanction, reason: str = "") -> None:
    require_moderator(moderator)
    sanction.revoked_at, sanction.revoked_by = timezone.now(), moderator
    sanction.save(update_fields=["revoked_at", "revoked_by"])
    record(
        moderator,
        ActionKind.REVOKE,
        kind="profile",
        target_id=sanction.user_id,
        label=sanction.get_kind_display(),
        reason=reason,
    )
    notify(
        sanction.user_id,
        NotificationKind.MODERATION,
        actor=moderator,
        text=lambda: _("Your %(kind)s was lifted.") % {"kind": sanction.get_kind_display()},
        url="/account/",
    )
