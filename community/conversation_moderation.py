"""Private messages in the one review queue. A participant may report a message; moderators then
see that message and the ones before it (never the ones after, nor other conversations), and
decide with the usual tools. A new member's message with too many links waits in the queue."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from community.audit import record
from community.models import ActionKind, Flag, Message, NotificationKind, PostStatus, TargetKind
from community.notifications import notify
from community.permissions import is_author, is_moderator
from community.review_queue import HeldKind, QueueItem, author_history, held_kinds
from community.targets import TargetType, moderation_targets
from core.params import id_or_404


def seen_by_participant(user, message: Message) -> bool:
    from community.conversation_rules import seat_of

    if seat_of(user, message.conversation_id) is None:
        return False
    return message.status == PostStatus.VISIBLE or is_author(user, message)


def check_can_review(user, message: Message) -> None:
    """Moderators may read a message that was reported or waits for them, and only then."""
    if not is_moderator(user):
        raise PermissionDenied(_("Only moderators can do this."))
    reported = Flag.objects.filter(target_kind=TargetKind.MESSAGE, target_id=message.pk).exists()
    if not (reported or message.status == PostStatus.HELD):
        raise PermissionDenied(_("Moderators see a private message only when it is reported."))


def context_of(message: Message):
    """The reported message and the ones before it, as the participants saw them."""
    return (
        Message.objects.filter(conversation_id=message.conversation_id, position__lte=message.position)
        .filter(Q(status__in=[PostStatus.VISIBLE, PostStatus.HIDDEN]) | Q(pk=message.pk))
        .select_related("author__profile")
        .order_by("position")
    )


def _set_hidden(message: Message, hidden: bool) -> None:
    status = PostStatus.HIDDEN if hidden else PostStatus.VISIBLE
    Message.objects.filter(pk=message.pk).update(status=status)
    message.status = status


def held_messages() -> list[QueueItem]:
    held = Message.objects.filter(status=PostStatus.HELD).select_related("conversation", "author__profile")
    return [
        QueueItem(
            "held-message", f"held-message:{m.pk}", m.created_at, obj=m, author_history=author_history(m.author_id)
        )
        for m in held
    ]


def _held(ident: str) -> Message:
    message = get_object_or_404(Message.objects.select_related("conversation", "author"), pk=id_or_404(ident))
    if message.status != PostStatus.HELD:
        raise ValidationError(_("This message is not waiting for review."))
    return message


@transaction.atomic
def approve_held(moderator, ident: str) -> None:
    from community.conversations import deliver

    if not is_moderator(moderator):
        raise PermissionDenied(_("Only moderators can do this."))
    message = _held(ident)
    _set_hidden(message, False)
    record(moderator, ActionKind.APPROVE, kind=TargetKind.MESSAGE, target_id=message.pk, label=_label(message))
    deliver(message)


@transaction.atomic
def reject_held(moderator, ident: str, reason: str) -> None:
    if not is_moderator(moderator):
        raise PermissionDenied(_("Only moderators can do this."))
    message = _held(ident)
    _set_hidden(message, True)
    reason = reason or _("Not approved by the moderators")
    record(
        moderator,
        ActionKind.REJECT,
        kind=TargetKind.MESSAGE,
        target_id=message.pk,
        label=_label(message),
        reason=reason,
    )
    if message.author_id:
        notify(
            message.author_id,
            NotificationKind.MODERATION,
            actor=moderator,
            text=lambda: (
                _("Your message in “%(subject)s” was not delivered: %(reason)s")
                % {"subject": message.conversation.subject, "reason": reason}
            ),
        )


def _label(message: Message) -> str:
    return f"{message.conversation.subject} #{message.position}"


def register() -> None:
    moderation_targets.register(
        TargetKind.MESSAGE,
        TargetType(
            queryset=lambda: Message.objects.select_related("conversation"),
            visible_to=seen_by_participant,
            text=lambda message: message.body,
            label=_label,
            hidden=lambda message: message.status == PostStatus.HIDDEN,
            set_hidden=_set_hidden,
            resync=lambda message: None,  # never in search
            review_url=lambda message: reverse("moderation_message", args=[message.pk]),
        ),
    )
    held_kinds.register(
        "held-message",
        HeldKind(items=held_messages, approve=approve_held, reject=reject_held),
    )
