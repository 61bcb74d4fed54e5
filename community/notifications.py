"""Notifications: in-app always; by email at once, in a daily digest or not at all, per kind,
as each member chooses. Every email carries a signed unsubscribe link (confirmed on the page, or
RFC 8058 one-click from the mail client)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from community.facts import facts_of
from community.languages import language_of
from community.models import DEFAULT_CHANNELS, Channel, Notification, NotificationKind, NotificationPreference
from solutions.single_line import single_line

UNSUBSCRIBE_SALT = "minga.unsubscribe"
DIGEST = "digest"  # an unsubscribe token for every kind the member gets daily


def channel_for(user_id: int, kind: str) -> str:
    chosen = NotificationPreference.objects.filter(user_id=user_id, kind=kind).values_list("channel", flat=True).first()
    return chosen or DEFAULT_CHANNELS[kind]


def set_channel(user, kind: str, channel: str) -> None:
    NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"channel": channel})


def preferences(user) -> dict[str, str]:
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return {kind: chosen.get(kind, DEFAULT_CHANNELS[kind]) for kind in NotificationKind.values}


# What an ignored member cannot make the one ignoring them hear about.
SILENCED_BY_IGNORING = {NotificationKind.MENTION, NotificationKind.MESSAGE}


def notify(
    recipient_id: int,
    kind: str,
    *,
    actor=None,
    thread=None,
    post=None,
    conversation=None,
    text: Callable[[], str] | str = "",
    url: str = "",
) -> None:
    """``text``: a function that writes the notice, called in the recipient's language (the one
    they last read the site in), not the language of the member whose action it reports."""
    if actor is not None and recipient_id == actor.pk:
        return
    if kind in SILENCED_BY_IGNORING and actor is not None and silenced(recipient_id, actor):
        return
    if batched(recipient_id, kind, actor, post, conversation):
        return
    if callable(text):
        with translation.override(language_of(recipient_id)):
            text = str(text())
    notification = Notification.objects.create(
        recipient_id=recipient_id,
        kind=kind,
        actor=actor,
        thread=thread,
        post=post,
        conversation=conversation,
        text=text[:300],
        url=url[:300],
    )
    if channel_for(recipient_id, kind) == Channel.IMMEDIATE:
        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))


def silenced(recipient_id: int, actor) -> bool:
    """The recipient ignores the actor, who is not acting as a moderator."""
    from community.ignoring import ignores
    from community.permissions import is_moderator

    return ignores(recipient_id, actor.pk) and not is_moderator(actor)


def batched(recipient_id: int, kind: str, actor, post, conversation) -> bool:
    """Reactions to one post, and messages in one conversation, while the last notice of them is
    unread, count up on that notice. Reactions are emailed again in the digest; messages are
    emailed once, not once per message."""
    unread = Notification.objects.filter(recipient_id=recipient_id, kind=kind, read_at__isnull=True)
    changes = {"count": F("count") + 1, "actor": actor, "created_at": timezone.now()}
    if kind == NotificationKind.REACTION and post is not None:
        return bool(unread.filter(post=post).update(**changes, emailed_at=None))
    if kind == NotificationKind.MESSAGE and conversation is not None:
        return bool(unread.filter(conversation=conversation).update(**changes))
    return False


def unread_counts(user) -> tuple[int, int]:
    """Unread notifications and unread conversations, loaded with the signed-in member
    (community/auth_backends.py), or counted. Notices of private messages are counted as their
    conversations, once."""
    facts = facts_of(user)
    if facts.unread is None:
        unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
        facts.unread = unread.exclude(kind=NotificationKind.MESSAGE).count()
    if facts.unread_conversations is None:
        from community.conversations import unread_conversations

        facts.unread_conversations = unread_conversations(user)
    return facts.unread, facts.unread_conversations


def unread_count(user) -> int:
    """What the header's count shows: unread notifications and conversations together."""
    return sum(unread_counts(user))


def mark_read(user, ids=None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    facts_of(user).unread = None  # counted again when next asked
    return unread.update(read_at=timezone.now())


def unsubscribe_token(user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[object, str]:
    """The member and the kind of email a link stops, changing nothing: following a link only
    asks, as mail scanners follow every link. Raises signing.BadSignature for a forged or damaged
    token, or one for a member or kind that no longer exists."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict) or data.get("k") not in [*NotificationKind.values, DIGEST]:
        raise signing.BadSignature("unknown kind")
    user = get_user_model().objects.filter(pk=data.get("u")).first()
    if user is None:
        raise signing.BadSignature("no such member")
    return user, data["k"]


def stop_emails(user, kind: str) -> None:
    """No more email of ``kind``; for the digest, of every kind the member got daily."""
    if kind == DIGEST:
        for daily_kind, channel in preferences(user).items():
            if channel == Channel.DAILY:
                set_channel(user, daily_kind, Channel.NONE)
    else:
        set_channel(user, kind, Channel.NONE)


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_email(user, subject: str, template: str, context: dict, kind: str) -> None:
    if not user.email or not user.is_active:
        return
    unsubscribe_url = absolute(reverse("notifications_unsubscribe", args=[unsubscribe_token(user.pk, kind)]))
    context = {**context, "unsubscribe_url": unsubscribe_url, "site_url": absolute("/")}
    message = EmailMultiAlternatives(
        subject=f"[Minga] {single_line(subject)}",  # a line break would make Django refuse the email
        body=render_to_string(template, context),
        to=[user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.send()


@task()
def send_notification_email(notification_id: int) -> None:
    notification = Notification.objects.select_related("recipient", "actor__profile").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at or notification.read_at:
        return
    with translation.override(language_of(notification.recipient_id)):
        send_email(
            notification.recipient,
            notification.text,
            "community/email/notification.txt",
            {"notification": notification, "url": absolute(notification.url)},
            notification.kind,
        )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def send_digests(now=None) -> int:
    """One email per member with the notifications of the last day they asked to get daily."""
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True, read_at__isnull=True, created_at__gte=now - timedelta(days=2)
        )
        .select_related("recipient")
        .order_by("recipient_id", "-created_at")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        if channel_for(notification.recipient_id, notification.kind) == Channel.DAILY:
            by_user.setdefault(notification.recipient_id, []).append(notification)
    for items in by_user.values():
        user = items[0].recipient
        with translation.override(language_of(user.pk)):
            send_email(
                user,
                translation.gettext("Your daily digest"),
                "community/email/digest.txt",
                {"notifications": [(n, absolute(n.url)) for n in items]},
                DIGEST,
            )
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
    return len(by_user)
