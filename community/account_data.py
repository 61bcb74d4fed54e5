"""A member's own data: export everything they created, or delete the account leaving no
personal data behind."""

from __future__ import annotations

import io
import json
import secrets
import zipfile
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from community.languages import language_of
from community.models import Profile
from community.profiles import profile_for, remove_photo
from core.registry import Registry

FORMER_MEMBER = "former-member"
# Apps above community add what they hold of a member: ``exporters`` give ``(key, data)`` for
# the export; ``erasers`` remove their data when the account goes (``keep_contributions`` says
# whether published contributions stay under "former member").
exporters: Registry[Callable[[object], tuple[str, object]]] = Registry("account data exporter")
erasers: Registry[Callable[..., None]] = Registry("account data eraser")


def register_exporter(function):
    return exporters.register(f"{function.__module__}.{function.__qualname__}", function)


def register_eraser(function):
    return erasers.register(f"{function.__module__}.{function.__qualname__}", function)


def export_data(user) -> dict:
    from allauth.account.models import EmailAddress

    from solutions.models import SolutionPage

    profile = profile_for(user)
    data = {
        "exported_at": timezone.now(),
        "account": {
            "username": user.get_username(),
            "emails": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in EmailAddress.objects.filter(user=user)
            ],
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "profile": {
            "display_name": profile.display_name,
            "country": profile.country_id,
            "organisation": profile.organisation,
            "role": profile.role,
            "bio": profile.bio,
            "expertise_themes": [t.slug for t in profile.expertise_themes.all()],
            "expertise_tags": [t.name for t in profile.expertise_tags.all()],
            "languages": profile.language_codes,
            "links": profile.links,
            "visibility": {
                f: getattr(profile, f"{f}_visibility")
                for f in ("photo", "country", "organisation", "role", "bio", "expertise", "languages", "links")
            },
            "photo": "photo.jpg" if profile.photo else None,
            "interface_language": language_of(user.pk),  # what notifications and emails are written in
        },
        "consents": {
            "terms_version": profile.terms_version,
            "terms_accepted_at": profile.terms_accepted_at,
            "conduct_version": profile.conduct_version,
            "conduct_accepted_at": profile.conduct_accepted_at,
        },
        "badges": [{"badge": a.badge_id, "awarded_at": a.awarded_at} for a in profile.awards.all()],
        "solutions": [
            {"title": p.title, "url": p.full_url, "live": p.live, "first_published_at": p.first_published_at}
            for p in SolutionPage.objects.filter(owner=user)
        ],
    }
    for exporter in exporters.values():
        key, value = exporter(user)
        data[key] = value
    return data


def export_archive(user) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(export_data(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        )
        profile = profile_for(user)
        if profile.photo:
            with profile.photo.open("rb") as photo:
                archive.writestr("photo.jpg", photo.read())
    return buffer.getvalue()


@transaction.atomic
def delete_account(user, *, keep_contributions: bool) -> None:
    """Either removes everything the member made, or keeps their contributions under "former
    member". Personal data goes in both cases: profile, photo, email addresses, sessions, MFA."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount
    from allauth.usersessions.models import UserSession

    profile = Profile.objects.filter(user=user).first()
    if profile:
        remove_photo(profile)
        profile.delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    for session in UserSession.objects.filter(user=user):
        session.end()
    for erase in erasers.values():
        erase(user, keep_contributions=keep_contributions)
    if not keep_contributions:
        from community.models import Attachment, Post, Thread
        from solutions.models import SolutionPage

        for attachment in Attachment.objects.filter(post__author=user):
            attachment.file.delete(save=False)
        Attachment.objects.filter(post__author=user).delete()
        # Replies by others keep their place: the member's own posts become empty "deleted" posts.
        Post.objects.filter(author=user).update(
            is_deleted=True, deleted_reason="Removed when its author left", body="", body_html=""
        )
        Thread.objects.filter(author=user, post_count__lte=1).delete()

        for page in SolutionPage.objects.filter(owner=user).exclude(live=True):
            page.delete()  # their unpublished drafts; published records belong to the catalogue
        get_user_model().objects.filter(pk=user.pk).delete()
        return
    user.username = f"{FORMER_MEMBER}-{secrets.token_hex(6)}"
    user.email = ""
    user.first_name = user.last_name = ""
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()


@register_exporter
def export_discussions(user):
    from community.models import Post, Thread

    threads = [
        {"title": t.title, "url": t.get_absolute_url(), "created_at": t.created_at}
        for t in Thread.objects.filter(author=user)
    ]
    posts = [
        {
            "thread": p.thread.title,
            "url": p.get_absolute_url(),
            "body": p.body,
            "created_at": p.created_at,
            "deleted": p.is_deleted,
        }
        for p in Post.objects.filter(author=user).select_related("thread")
    ]
    return "discussions", {"threads": threads, "posts": posts}


@register_exporter
def export_conversations(user):
    """The member's conversations as they see them: the messages given to everyone, and their own."""
    from community.conversations import visible_messages
    from community.models import ConversationMember

    seats = ConversationMember.objects.filter(user=user).select_related("conversation")
    return "conversations", [
        {
            "subject": seat.conversation.subject,
            "left_at": seat.left_at,
            "messages": [
                {
                    "position": m.position,
                    "mine": m.author_id == user.pk,
                    "body": m.body,
                    "created_at": m.created_at,
                }
                for m in visible_messages(seat.conversation, user).exclude(status="hidden").order_by("position")
            ],
        }
        for seat in seats
    ]


@register_eraser
def erase_conversations(user, *, keep_contributions: bool) -> None:
    """The member leaves every conversation; their messages stay under "former member" or, as
    their posts, become empty. Bookmarks, read positions and ignore lists go with the account."""
    from community.models import Bookmark, ConversationMember, IgnoredMember, Message, MessageAttachment

    ConversationMember.objects.filter(user=user, left_at__isnull=True).update(left_at=timezone.now())
    Bookmark.objects.filter(user=user).delete()
    IgnoredMember.objects.filter(user=user).delete()
    if keep_contributions:
        return
    for attachment in MessageAttachment.objects.filter(message__author=user):
        attachment.file.delete(save=False)
    MessageAttachment.objects.filter(message__author=user).delete()
    Message.objects.filter(author=user).update(body="", body_html="", status="hidden")
