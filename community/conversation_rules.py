"""Who may start, read and write private conversations. Nobody but the participants reads one:
not other members, not moderators (they see a reported message and the ones before it, from the
review queue)."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from community.conf import setting
from community.models import Conversation, ConversationMember, ConversationsFrom, Post, Profile
from community.permissions import check_can_take_part, is_moderator


def have_talked(user, other) -> bool:
    """Two members have interacted: they share a conversation, or wrote in the same thread."""
    if ConversationMember.objects.filter(user=user, conversation__members__user=other).exists():
        return True
    return Post.objects.filter(author=user, thread__posts__author=other, is_deleted=False).exists()


def accepts_from(recipient, sender) -> bool:
    """Whether ``recipient`` takes conversations from ``sender``: their setting and ignore list.
    Moderators may always write."""
    from community.ignoring import ignores

    if is_moderator(sender):
        return True
    if ignores(recipient.pk, sender.pk):
        return False
    chosen = Profile.objects.filter(user=recipient).values_list("conversations_from", flat=True).first()
    if chosen == ConversationsFrom.NOBODY:
        return False
    return chosen != ConversationsFrom.CONTACTS or have_talked(recipient, sender)


def check_can_message(sender, recipient) -> None:
    """``sender`` may bring ``recipient`` into a conversation."""
    from community.profiles import display_name_for

    if recipient.pk == sender.pk:
        raise PermissionDenied(_("You cannot start a conversation with yourself."))
    if not recipient.is_active:
        raise PermissionDenied(_("This member is no longer on Minga."))
    if not accepts_from(recipient, sender):
        raise PermissionDenied(
            _("%(name)s does not accept conversations from you.") % {"name": display_name_for(recipient)}
        )


def check_can_start(user) -> None:
    """Members who take part may start conversations; new ones only a few a day."""
    from community.trust import NEW, trust_level

    check_can_take_part(user)
    if trust_level(user) != NEW:
        return
    since = timezone.now() - timedelta(days=1)
    started = Conversation.objects.filter(starter=user, created_at__gte=since).count()
    if started >= setting("COMMUNITY_NEW_MEMBER_CONVERSATIONS_PER_DAY"):
        raise PermissionDenied(_("New members can start only a few conversations a day. Try again tomorrow."))


def seat_of(user, conversation_id: int) -> ConversationMember | None:
    """The member's place in the conversation while they are in it, else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        ConversationMember.objects.select_related("conversation__starter")
        .filter(user=user, conversation_id=conversation_id, left_at__isnull=True)
        .first()
    )


def check_can_write(user, conversation: Conversation) -> None:
    check_can_take_part(user)
    others = ConversationMember.objects.filter(conversation=conversation, left_at__isnull=True).exclude(user=user)
    if not others.filter(Q(user__is_active=True)).exists():
        raise PermissionDenied(_("Everyone else has left this conversation."))


def check_can_add(user, conversation: Conversation) -> None:
    check_can_take_part(user)
    if conversation.starter_id != user.pk:
        raise PermissionDenied(_("Only the member who started the conversation can add people."))


def read_setting(user) -> dict:
    chosen = Profile.objects.filter(user=user).values_list("conversations_from", flat=True).first()
    return {"current": chosen or ConversationsFrom.EVERYONE, "choices": ConversationsFrom.choices}


def save_setting(user, data) -> None:
    chosen = data.get("conversations_from")
    if chosen in ConversationsFrom.values:
        Profile.objects.filter(user=user).update(conversations_from=chosen)


def register() -> None:
    """Who may start a conversation, on the notification settings page."""
    from community.notification_settings import SettingsSection, settings_sections

    settings_sections.register(
        "conversations",
        SettingsSection(template="community/includes/conversation_settings.html", read=read_setting, save=save_setting),
    )
