"""Starting threads, replying, commenting, editing and deleting: the actions the views, the admin
and the tests share."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from community import attachments as attachment_files
from community.comments import check_commentable
from community.follows import follow, thread_audience
from community.markdown import render_markdown
from community.models import (
    FollowKind,
    Notification,
    NotificationKind,
    Post,
    PostRevision,
    PostStatus,
    Profile,
    Thread,
    ThreadKind,
)
from community.notifications import notify
from community.permissions import check_can_edit_post, check_can_post, is_author, is_moderator
from community.trust import hold_reason
from solutions.single_line import single_line

MENTION = re.compile(r"(?<![\w@/])@([a-z0-9][a-z0-9-]{1,79})")
MAX_TAGS = 5


def mentioned_profiles(text: str) -> dict[str, Profile]:
    slugs = set(MENTION.findall(text or ""))
    if not slugs:
        return {}
    return {p.slug: p for p in Profile.objects.filter(slug__in=slugs, user__is_active=True)}


def render_body(text: str) -> tuple[str, list[Profile]]:
    """Markdown with @mentions turned into profile links; sanitised by render_markdown."""
    profiles = mentioned_profiles(text)

    def link(match):
        profile = profiles.get(match.group(1))
        if profile is None:
            return match.group(0)
        name = profile.display_name.replace("[", "").replace("]", "")
        return f"[@{name}]({profile.get_absolute_url()})"

    return str(render_markdown(MENTION.sub(link, text))), list(profiles.values())


def clean_tags(tags) -> list[str]:
    cleaned = []
    for tag in tags or []:
        tag = single_line(re.sub(r"[^\w\s-]", "", str(tag), flags=re.UNICODE)).lower()[:40]
        if tag and tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError(_("At most %(max)d tags.") % {"max": MAX_TAGS})
    return cleaned


def _add_post(thread: Thread, author, body: str, *, quote_of=None, files=()) -> Post:
    """New members' first posts and link-heavy posts wait for a moderator (community.trust)."""
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    html, _mentions = render_body(body)
    status = PostStatus.HELD if hold_reason(author, html) else PostStatus.VISIBLE
    post = Post.objects.create(
        thread=locked,
        position=locked.post_count + 1,
        author=author,
        body=body,
        body_html=html,
        quote_of=quote_of,
        status=status,
    )
    Thread.objects.filter(pk=thread.pk).update(post_count=F("post_count") + 1, last_activity_at=timezone.now())
    thread.post_count = locked.post_count + 1
    attachment_files.store(post, files)
    return post


def announce(post: Post) -> None:
    """Tells the people concerned about a visible post: those it mentions, and the followers of
    the thread (for a new thread, of its category, tags and solutions). Each hears of a post once,
    however often it is edited or held and approved again."""
    thread, author = post.thread, post.author
    told = told_about(post)
    mentioned = notify_mentions(post, author, mentioned_profiles(post.body).values(), told)

    def text() -> str:
        if post.position == 1:
            return _("New thread: “%(title)s”") % {"title": thread.title}
        return _("%(name)s replied in “%(title)s”") % {"name": _name(author), "title": thread.title}

    skip = {getattr(author, "pk", None)} | mentioned | told
    for user_id in thread_audience(thread) - skip:
        notify(
            user_id,
            NotificationKind.REPLY,
            actor=author,
            thread=thread,
            post=post,
            text=text,
            url=post.get_absolute_url(),
        )


def told_about(post: Post) -> set[int]:
    """The members already told of this post, as mentioned or as followers."""
    kinds = [NotificationKind.MENTION, NotificationKind.REPLY]
    return set(Notification.objects.filter(post=post, kind__in=kinds).values_list("recipient_id", flat=True))


def notify_mentions(post: Post, actor, profiles, told: set[int]) -> set[int]:
    """Tells the mentioned members not told of this post yet; returns every mentioned member's id,
    so they are not told again as followers. Toggling a mention by editing sends nothing more."""
    mentioned = {profile.user_id for profile in profiles}
    for user_id in sorted(mentioned - told):
        notify(
            user_id,
            NotificationKind.MENTION,
            actor=actor,
            thread=post.thread,
            post=post,
            text=lambda: (
                _("%(name)s mentioned you in “%(title)s”") % {"name": _name(actor), "title": post.thread.title}
            ),
            url=post.get_absolute_url(),
        )
    return mentioned


def _name(user) -> str:
    from community.profiles import display_name_for

    return display_name_for(user) if user else _("A former member")


@transaction.atomic
def start_thread(
    author, *, title: str, body: str, category=None, kind: str = ThreadKind.DISCUSSION, tags=(), solutions=(), files=()
) -> Thread:
    check_can_post(author)
    title = single_line(title)
    if not 3 <= len(title) <= 200:
        raise ValidationError(_("The title needs 3 to 200 characters."))
    thread = Thread.objects.create(category=category, kind=kind, title=title, author=author)
    thread.tags.set(clean_tags(tags))
    thread.solutions.set(solutions)
    post = _add_post(thread, author, body, files=files)
    follow(author, FollowKind.THREAD, thread.pk)
    if post.status == PostStatus.HELD:
        hide_until_approved(thread)
    else:
        announce(post)
    return thread


def hide_until_approved(thread: Thread) -> None:
    """A thread whose opening post is held is hidden until a moderator approves the post (the
    post's save brings the thread's search document up to date)."""
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
    thread.is_hidden = True


@transaction.atomic
def reply(
    author, thread: Thread, body: str, *, quote_of: Post | None = None, files=(), follow_thread: bool = True
) -> Post:
    check_can_post(author, thread)
    if quote_of is not None and quote_of.thread_id != thread.pk:
        raise ValidationError(_("You can only quote posts of this thread."))
    post = _add_post(thread, author, body, quote_of=quote_of, files=files)
    if follow_thread:
        follow(author, FollowKind.THREAD, thread.pk)
    if post.status == PostStatus.VISIBLE:
        announce(post)
    return post


@transaction.atomic
def comment_on_page(author, page, body: str, files=()) -> Post:
    """Comments on a solution or news post live in a thread of their own, made on first use. Two
    first comments at once: one creates the thread, the other finds it (get_or_create retries the
    read when the unique page constraint refuses its insert), and both comments land in it."""
    check_can_post(author)
    check_commentable(page)
    thread, _created = Thread.objects.get_or_create(
        page=page, defaults={"kind": ThreadKind.COMMENTS, "title": page.title[:200], "author": author}
    )
    return reply(author, thread, body, files=files)


@transaction.atomic
def edit_post(user, post: Post, body: str) -> Post:
    """A new member's visible post that is edited to hold more links than allowed waits for a
    moderator again, as it would have when posted."""
    check_can_edit_post(user, post)
    if body == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body, edited_by=user)
    post.body = body
    post.body_html, mentions = render_body(body)
    post.edited_at = timezone.now()
    held = post.status == PostStatus.VISIBLE and bool(hold_reason(user, post.body_html, new_post=False))
    if held:
        post.status = PostStatus.HELD
    post.save(update_fields=["body", "body_html", "edited_at", "status"])
    if held and post.position == 1:
        hide_until_approved(post.thread)
    if post.status == PostStatus.VISIBLE:  # a held post announces its mentions when approved
        notify_mentions(post, user, mentions, told_about(post))
    return post


@transaction.atomic
def delete_post(user, post: Post, reason: str) -> Post:
    """Soft: the post keeps its place, so the thread stays readable, and says why it went."""
    check_can_edit_post(user, post)
    reason = " ".join(reason.split())[:300]
    if not reason:
        raise ValidationError(_("Say why the post is deleted."))
    post.is_deleted = True
    post.deleted_reason = reason
    post.deleted_by = user
    post.save(update_fields=["is_deleted", "deleted_reason", "deleted_by"])
    if is_moderator(user, post.thread.category) and post.author_id and not is_author(user, post):
        notify(
            post.author_id,
            NotificationKind.MODERATION,
            actor=user,
            thread=post.thread,
            post=post,
            text=lambda: (
                _("A moderator deleted your post in “%(title)s”: %(reason)s")
                % {"title": post.thread.title, "reason": reason}
            ),
            url=post.get_absolute_url(),
        )
    return post
