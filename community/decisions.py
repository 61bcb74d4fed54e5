"""What moderators decide, from the site's queue or the thread page. Each decision is checked,
audited and told to the people concerned (the author, and the members who reported)."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.audit import record
from community.models import ActionKind, Flag, NotificationKind, Post, PostStatus, TargetKind, Thread
from community.notifications import notify
from community.permissions import is_author, is_moderator
from community.targets import Target

OUTCOME_TEXT = {
    ActionKind.HIDE: gettext_lazy("hidden"),
    ActionKind.DELETE: gettext_lazy("deleted"),
    ActionKind.DISMISS: gettext_lazy("kept: the moderators found no problem"),
    ActionKind.APPROVE: gettext_lazy("kept"),
}


def require_moderator(user, category=None) -> None:
    if not is_moderator(user, category):
        raise PermissionDenied(_("Only moderators can do this."))


def _category(target: Target):
    if target.kind == TargetKind.POST:
        return target.obj.thread.category
    if target.kind == TargetKind.THREAD:
        return target.obj.category
    return None


def _close_flags(target: Target, outcome: str) -> list[int]:
    flags = Flag.objects.filter(target_kind=target.kind, target_id=target.id, resolved_at__isnull=True)
    reporters = list(flags.values_list("reporter_id", flat=True))
    flags.update(resolved_at=timezone.now(), outcome=outcome)
    for reporter in reporters:
        notify(
            reporter,
            NotificationKind.MODERATION,
            text=lambda: (
                _("Your report about “%(label)s” was reviewed: %(outcome)s.")
                % {"label": target.label[:80], "outcome": OUTCOME_TEXT.get(outcome, outcome)}
            ),
            url=target.url if outcome != ActionKind.HIDE else "",
        )
    return reporters


def _tell_author(moderator, target: Target, message: Callable[[], str]) -> None:
    if target.author_id and not is_author(moderator, target):
        notify(target.author_id, NotificationKind.MODERATION, actor=moderator, text=message, url=target.url)


@transaction.atomic
def hide(moderator, target: Target, reason: str) -> None:
    require_moderator(moderator, _category(target))
    target.hide()
    record(moderator, ActionKind.HIDE, kind=target.kind, target_id=target.id, label=target.label, reason=reason)
    _close_flags(target, ActionKind.HIDE)
    _tell_author(
        moderator,
        target,
        lambda: _("The moderators hid “%(label)s”: %(reason)s") % {"label": target.label[:80], "reason": reason},
    )


@transaction.atomic
def restore(moderator, target: Target, reason: str = "") -> None:
    """Dismisses the reports and shows the item again if flags had hidden it."""
    require_moderator(moderator, _category(target))
    if target.hidden:
        target.unhide()
        record(moderator, ActionKind.UNHIDE, kind=target.kind, target_id=target.id, label=target.label, reason=reason)
    record(moderator, ActionKind.DISMISS, kind=target.kind, target_id=target.id, label=target.label, reason=reason)
    _close_flags(target, ActionKind.DISMISS)


@transaction.atomic
def delete(moderator, target: Target, reason: str) -> None:
    require_moderator(moderator, _category(target))
    if target.kind == TargetKind.POST:
        from community.posting import delete_post

        delete_post(moderator, target.obj, reason or _("Removed by the moderators"))
    else:
        target.hide()
    record(moderator, ActionKind.DELETE, kind=target.kind, target_id=target.id, label=target.label, reason=reason)
    _close_flags(target, ActionKind.DELETE)


@transaction.atomic
def approve_held(moderator, post: Post) -> None:
    require_moderator(moderator, post.thread.category)
    if post.status != PostStatus.HELD:
        raise ValidationError(_("This post is not waiting for review."))
    Post.objects.filter(pk=post.pk).update(status=PostStatus.VISIBLE)
    post.status = PostStatus.VISIBLE
    if post.position == 1:
        Thread.objects.filter(pk=post.thread_id).update(is_hidden=False)
    record(
        moderator,
        ActionKind.APPROVE,
        kind=TargetKind.POST,
        target_id=post.pk,
        label=f"{post.thread.title} #{post.position}",
    )
    from community.posting import announce

    announce(post)
    if post.author_id:
        notify(
            post.author_id,
            NotificationKind.MODERATION,
            actor=moderator,
            text=lambda: _("Your post in “%(title)s” is now visible.") % {"title": post.thread.title},
            url=post.get_absolute_url(),
        )
    from search.sync import enqueue_for

    enqueue_for(post.thread)


@transaction.atomic
def reject_held(moderator, post: Post, reason: str) -> None:
    require_moderator(moderator, post.thread.category)
    if post.status != PostStatus.HELD:
        raise ValidationError(_("This post is not waiting for review."))
    Post.objects.filter(pk=post.pk).update(
        status=PostStatus.HIDDEN, is_deleted=True, deleted_reason=reason[:300], deleted_by=moderator
    )
    record(
        moderator,
        ActionKind.REJECT,
        kind=TargetKind.POST,
        target_id=post.pk,
        label=f"{post.thread.title} #{post.position}",
        reason=reason,
    )
    if post.author_id:
        notify(
            post.author_id,
            NotificationKind.MODERATION,
            actor=moderator,
            text=lambda: (
                _("Your post in “%(title)s” was not approved: %(reason)s")
                % {"title": post.thread.title, "reason": reason}
            ),
            url="",
        )


# Thread tools ------------------------------------------------------------------------------------


def _set_flag(moderator, thread: Thread, field: str, value: bool, on: str, off: str, reason: str = "") -> None:
    require_moderator(moderator, thread.category)
    setattr(thread, field, value)
    thread.save(update_fields=[field])
    record(
        moderator, on if value else off, kind=TargetKind.THREAD, target_id=thread.pk, label=thread.title, reason=reason
    )


def lock(moderator, thread: Thread, locked: bool = True, reason: str = "") -> None:
    _set_flag(moderator, thread, "is_locked", locked, ActionKind.LOCK, ActionKind.UNLOCK, reason)


def pin(moderator, thread: Thread, pinned: bool = True) -> None:
    _set_flag(moderator, thread, "is_pinned", pinned, ActionKind.PIN, ActionKind.UNPIN)


def move(moderator, thread: Thread, category) -> None:
    require_moderator(moderator, thread.category)
    require_moderator(moderator, category)
    thread.category = category
    thread.save(update_fields=["category"])
    record(
        moderator,
        ActionKind.MOVE,
        kind=TargetKind.THREAD,
        target_id=thread.pk,
        label=thread.title,
        reason=category.name,
    )


@transaction.atomic
def merge(moderator, source: Thread, into: Thread) -> None:
    """Appends the source's posts to the target thread, in order, and leaves a redirect."""
    require_moderator(moderator, source.category)
    require_moderator(moderator, into.category)
    if source.pk == into.pk:
        raise ValidationError(_("A thread cannot be merged into itself."))
    target = Thread.objects.select_for_update().get(pk=into.pk)
    start = target.posts.aggregate(top=Max("position"))["top"] or 0
    posts = list(source.posts.order_by("position"))
    offset = 1_000_000  # first out of the way of the unique (thread, position) pairs, then into place
    Post.objects.filter(pk__in=[p.pk for p in posts]).update(thread=target, position=F("position") + offset)
    for index, post in enumerate(posts, start=1):
        Post.objects.filter(pk=post.pk).update(position=start + index)
    Thread.objects.filter(pk=target.pk).update(post_count=start + len(posts), last_activity_at=timezone.now())
    Thread.objects.filter(pk=source.pk).update(is_hidden=True, merged_into=target, post_count=0)
    record(
        moderator,
        ActionKind.MERGE,
        kind=TargetKind.THREAD,
        target_id=source.pk,
        label=source.title,
        reason=f"→ {into.title}",
    )
    from search.sync import enqueue_for

    enqueue_for(source)
    enqueue_for(target)
