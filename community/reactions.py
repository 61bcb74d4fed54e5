from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from community.badges import award
from community.models import NotificationKind, Post, Profile, Reaction, ReactionKind, Thread
from community.notifications import notify
from community.permissions import check_can_accept, check_can_take_part, is_author

COUNT_FIELDS = {ReactionKind.HELPFUL: "helpful_count", ReactionKind.THANKS: "thanks_count"}
HELPFUL_POSTS_FOR_BADGE = 10


def react(user, post: Post, kind: str) -> bool:
    """Adds a reaction; returns False if it was already there (one per member, post and kind)."""
    check_can_take_part(user)
    if kind not in COUNT_FIELDS:
        raise ValidationError(_("Unknown reaction."))
    if is_author(user, post):
        raise PermissionDenied(_("You cannot react to your own post."))
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, user=user, kind=kind)
            Post.objects.filter(pk=post.pk).update(**{COUNT_FIELDS[kind]: F(COUNT_FIELDS[kind]) + 1})
    except IntegrityError:
        return False
    if post.author_id:
        notify(
            post.author_id,
            NotificationKind.REACTION,
            actor=user,
            thread=post.thread,
            post=post,
            text=lambda: _("People reacted to your post in “%(title)s”") % {"title": post.thread.title},
            url=post.get_absolute_url(),
        )
        if kind == ReactionKind.HELPFUL:
            helpful_posts = Post.objects.filter(author_id=post.author_id, helpful_count__gt=0).count()
            profile = Profile.objects.filter(user_id=post.author_id).first()
            if profile and helpful_posts >= HELPFUL_POSTS_FOR_BADGE:
                award(profile, "ten-helpful-posts")
    return True


def unreact(user, post: Post, kind: str) -> bool:
    check_can_take_part(user)
    with transaction.atomic():
        deleted, _rows = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
        if deleted:
            Post.objects.filter(pk=post.pk).update(**{COUNT_FIELDS[kind]: F(COUNT_FIELDS[kind]) - 1})
    return bool(deleted)


@transaction.atomic
def accept_answer(user, thread: Thread, post: Post) -> None:
    check_can_accept(user, thread)
    if post.thread_id != thread.pk or post.is_opening or post.is_deleted:
        raise ValidationError(_("Choose a reply in this thread."))
    thread.accepted_post = post
    thread.save(update_fields=["accepted_post"])
    if post.author_id:
        notify(
            post.author_id,
            NotificationKind.ACCEPTED,
            actor=user,
            thread=thread,
            post=post,
            text=lambda: _("Your answer in “%(title)s” was accepted") % {"title": thread.title},
            url=post.get_absolute_url(),
        )
        profile = Profile.objects.filter(user_id=post.author_id).first()
        if profile:
            award(profile, "first-accepted-answer")
