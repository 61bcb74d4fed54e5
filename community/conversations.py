"""Private conversations: starting one, writing, adding people, leaving, reading. Messages are
written like posts (the same Markdown, mentions, sanitising, attachments and link holds for new
members); each participant keeps a read position, which the inbox and the header count from."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from community import attachments as attachment_files
from community.conf import setting
from community.conversation_rules import check_can_add, check_can_message, check_can_start, check_can_write
from community.facts import facts_of
from community.models import (
    Conversation,
    ConversationMember,
    Message,
    MessageAttachment,
    Notification,
    NotificationKind,
    PostStatus,
)
from community.notifications import notify
from community.posting import render_body
from community.trust import hold_reason
from solutions.single_line import single_line


def unread_seats():
    """Seats in a conversation with a message their member has not read yet."""
    return ConversationMember.objects.filter(
        left_at__isnull=True, conversation__last_position__gt=F("last_read_position")
    )


def unread_conversations(user) -> int:
    return unread_seats().filter(user=user).count()


def _check_recipients(starter, recipients) -> list:
    unique = {user.pk: user for user in recipients if user.pk != starter.pk}
    if not unique:
        raise ValidationError(_("Choose at least one member to write to."))
    if len(unique) > setting("COMMUNITY_CONVERSATION_MAX_MEMBERS"):
        raise ValidationError(
            _("A conversation can have at most %(max)d other members.")
            % {"max": setting("COMMUNITY_CONVERSATION_MAX_MEMBERS")}
        )
    for user in unique.values():
        check_can_message(starter, user)
    return list(unique.values())


@transaction.atomic
def start_conversation(starter, recipients, *, subject: str, body: str, files=()) -> Conversation:
    check_can_start(starter)
    others = _check_recipients(starter, recipients)
    subject = single_line(subject)
    if not 1 <= len(subject) <= 200:
        raise ValidationError(_("The subject needs 1 to 200 characters."))
    conversation = Conversation.objects.create(subject=subject, starter=starter)
    ConversationMember.objects.bulk_create(
        [ConversationMember(conversation=conversation, user=user) for user in [starter, *others]]
    )
    _add_message(conversation, starter, body, files)
    return conversation


@transaction.atomic
def send(author, conversation: Conversation, body: str, files=()) -> Message:
    check_can_write(author, conversation)
    return _add_message(conversation, author, body, files)


def _add_message(conversation: Conversation, author, body: str, files=()) -> Message:
    """A new member's message with more links than allowed waits for a moderator, as a post would."""
    locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
    html, _mentions = render_body(body)
    held = bool(hold_reason(author, html, new_post=False))
    message = Message.objects.create(
        conversation=locked,
        position=locked.message_count + 1,
        author=author,
        body=body,
        body_html=html,
        status=PostStatus.HELD if held else PostStatus.VISIBLE,
    )
    Conversation.objects.filter(pk=locked.pk).update(message_count=F("message_count") + 1)
    attachment_files.store(message, files, model=MessageAttachment, field="message")
    if not held:
        deliver(message)
    return message


def deliver(message: Message) -> None:
    """Gives a visible message to the participants: it becomes the conversation's latest, its
    author has read it, and the others hear of it as they chose (an ignored author's is silent)."""
    conversation = message.conversation
    Conversation.objects.filter(pk=conversation.pk, last_position__lt=message.position).update(
        last_position=message.position, last_message_at=timezone.now()
    )
    ConversationMember.objects.filter(
        conversation=conversation, user_id=message.author_id, last_read_position__lt=message.position
    ).update(last_read_position=message.position)
    recipients = ConversationMember.objects.filter(conversation=conversation, left_at__isnull=True).exclude(
        user_id=message.author_id
    )
    from community.profiles import display_name_for

    name = display_name_for(message.author) if message.author else None
    for user_id in recipients.values_list("user_id", flat=True):
        notify(
            user_id,
            NotificationKind.MESSAGE,
            actor=message.author,
            conversation=conversation,
            text=lambda: (
                _("%(name)s wrote to you: “%(subject)s”")
                % {"name": name or _("A former member"), "subject": conversation.subject}
            ),
            url=conversation.get_absolute_url(),
        )


@transaction.atomic
def add_members(user, conversation: Conversation, newcomers) -> list:
    """The starter brings more people in, up to the limit; someone who left may be brought back."""
    check_can_add(user, conversation)
    current = set(
        ConversationMember.objects.filter(conversation=conversation, left_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    added = [u for u in {u.pk: u for u in newcomers}.values() if u.pk not in current]
    if not added:
        raise ValidationError(_("These members are in the conversation already."))
    if len(current | {u.pk for u in added}) - 1 > setting("COMMUNITY_CONVERSATION_MAX_MEMBERS"):
        raise ValidationError(
            _("A conversation can have at most %(max)d other members.")
            % {"max": setting("COMMUNITY_CONVERSATION_MAX_MEMBERS")}
        )
    for newcomer in added:
        check_can_message(user, newcomer)
        ConversationMember.objects.update_or_create(
            conversation=conversation, user=newcomer, defaults={"left_at": None, "last_read_position": 0}
        )
        notify(
            newcomer.pk,
            NotificationKind.MESSAGE,
            actor=user,
            conversation=conversation,
            text=lambda: _("You were added to the conversation “%(subject)s”") % {"subject": conversation.subject},
            url=conversation.get_absolute_url(),
        )
    return added


def leave(user, conversation: Conversation) -> None:
    """The member no longer sees the conversation nor hears of it; their messages stay."""
    left = ConversationMember.objects.filter(conversation=conversation, user=user, left_at__isnull=True)
    if not left.update(left_at=timezone.now()):
        raise PermissionDenied(_("You are not in this conversation."))
    _read_notices(user, conversation)


def mark_read(user, seat: ConversationMember, position: int) -> None:
    """Moves the member's read position forward to ``position``, in one update."""
    if position <= seat.last_read_position:
        return
    ConversationMember.objects.filter(pk=seat.pk, last_read_position__lt=position).update(last_read_position=position)
    seat.last_read_position = position
    if position >= seat.conversation.last_position:
        _read_notices(user, seat.conversation)


def _read_notices(user, conversation: Conversation) -> None:
    Notification.objects.filter(recipient=user, conversation=conversation, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    facts = facts_of(user)
    facts.unread = facts.unread_conversations = None


def visible_messages(conversation: Conversation, user):
    """What a participant sees: messages given to everyone (hidden ones as a note), and their own
    that wait for review."""
    return Message.objects.filter(conversation=conversation).filter(
        Q(status__in=[PostStatus.VISIBLE, PostStatus.HIDDEN]) | Q(author=user, status=PostStatus.HELD)
    )
