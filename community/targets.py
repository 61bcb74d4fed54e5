"""The things members can flag and moderators act on, behind one small interface.

Each kind of target is registered by the app that owns it (``moderation_targets``): how to load
it, what to call it, who may see it and how to hide it. Community registers posts, threads,
profiles and solutions here; exchange registers knowledge requests from its own app, so the
review queue and reports never import the apps above them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from community.models import Post, PostStatus, Profile, TargetKind, Thread
from community.permissions import (
    can_read_post,
    can_see_profile,
    can_see_thread,
    is_public_page,
    public_page_ids,
    public_pages_of_threads,
)
from core.params import id_or_404
from core.registry import Registry


def _hide_flagged(obj, hidden: bool) -> None:
    obj.is_hidden = hidden
    obj.save(update_fields=["is_hidden"])


@dataclass(frozen=True)
class TargetType:
    """How moderation reaches one kind of item. The defaults fit a model with ``title``,
    ``author_id``, ``is_hidden`` and ``get_absolute_url``."""

    queryset: Callable[[], QuerySet]
    visible_to: Callable[[object, object], bool]  # (user, obj): the item's own rule, as its page applies it
    text: Callable[[object], str]
    label: Callable[[object], str] = lambda obj: obj.title
    author_id: Callable[[object], int | None] = lambda obj: obj.author_id
    url: Callable[[object], str] = lambda obj: obj.get_absolute_url()
    hidden: Callable[[object], bool] = lambda obj: obj.is_hidden
    set_hidden: Callable[[object, bool], None] = _hide_flagged
    resync: Callable[[object], object] = lambda obj: obj  # what the search index is told about
    # Where a moderator reviews it, when not on its own page (a private message).
    review_url: Callable[[object], str] | None = None
    # (user, objs): those of many items the member may see, in a few queries whatever their number,
    # for pages that list many; needed where ``visible_to`` asks the database.
    visible_among: Callable[[object, list], list] | None = None

    def seen_by(self, user, objs: list) -> list:
        if self.visible_among is not None:
            return self.visible_among(user, objs)
        return [obj for obj in objs if self.visible_to(user, obj)]


moderation_targets: Registry[TargetType] = Registry("moderation target")


@dataclass
class Target:
    kind: str
    obj: object

    @property
    def type(self) -> TargetType:
        return moderation_targets[self.kind]

    @property
    def id(self) -> int:
        return self.obj.pk

    @property
    def label(self) -> str:
        return self.type.label(self.obj)

    @property
    def author_id(self) -> int | None:
        return self.type.author_id(self.obj)

    @property
    def url(self) -> str:
        return self.type.url(self.obj)

    @property
    def review_url(self) -> str:
        return self.type.review_url(self.obj) if self.type.review_url else self.url

    @property
    def text(self) -> str:
        return self.type.text(self.obj)

    @property
    def hidden(self) -> bool:
        return self.type.hidden(self.obj)

    def visible_to(self, user) -> bool:
        """The item's own rule, as its page applies it: a guessed id tells nothing more."""
        return self.type.visible_to(user, self.obj)

    def hide(self) -> None:
        self.type.set_hidden(self.obj, True)
        self._resync()

    def unhide(self) -> None:
        self.type.set_hidden(self.obj, False)
        self._resync()

    def _resync(self) -> None:
        """Queryset updates send no signals: tell the search index."""
        from search.sync import enqueue_for

        enqueue_for(self.type.resync(self.obj))


def load(kind: str, target_id) -> Target:
    target_type = moderation_targets.get(kind)
    if target_type is None:
        raise Http404
    obj = target_type.queryset().filter(pk=id_or_404(str(target_id))).first()
    if obj is None:
        raise Http404
    return Target(kind, obj)


def load_for(user, kind: str, target_id) -> Target:
    """The item as a member may reach it (to report it): not found unless they may see it."""
    target = load(kind, target_id)
    if not target.visible_to(user):
        raise Http404
    return target


def load_many_for(user, kind: str, ids) -> list[Target]:
    """The items of one kind among ``ids`` that a member may see, in one query and one check of
    them all: ``load_for`` for a page that lists many."""
    target_type = moderation_targets.get(kind)
    if target_type is None:
        return []
    return [Target(kind, obj) for obj in target_type.seen_by(user, list(target_type.queryset().filter(pk__in=ids)))]


def _set_post_hidden(post, hidden: bool) -> None:
    status = PostStatus.HIDDEN if hidden else PostStatus.VISIBLE
    Post.objects.filter(pk=post.pk).update(status=status)
    post.status = status
    if post.position == 1:
        Thread.objects.filter(pk=post.thread_id).update(is_hidden=hidden)


def _set_solution_hidden(page, hidden: bool) -> None:
    if hidden and page.live:
        page.unpublish()
    elif not hidden and not page.live:
        from community.solution_review import republish

        republish(page)


def _can_see_thread(user, thread, public_pages=None) -> bool:
    return thread.merged_into_id is None and can_see_thread(user, thread, public_pages)


def _threads_seen(user, threads: list) -> list:
    public = public_pages_of_threads(user, threads)
    return [thread for thread in threads if _can_see_thread(user, thread, public)]


def _posts_seen(user, posts: list) -> list:
    public = public_pages_of_threads(user, [post.thread for post in posts])
    return [post for post in posts if can_read_post(user, post, public)]


def _solutions_seen(user, pages: list) -> list:
    public = public_page_ids(pages)
    return [page for page in pages if page.pk in public]


def _first_post_text(thread) -> str:
    first = thread.posts.filter(position=1).first()
    return first.body if first else ""


def _solutions():
    from solutions.models import SolutionPage

    return SolutionPage.objects.all()


moderation_targets.register(
    TargetKind.POST,
    TargetType(
        queryset=lambda: Post.objects.select_related("thread__category"),
        visible_to=can_read_post,
        visible_among=_posts_seen,
        text=lambda post: post.body,
        label=lambda post: f"{post.thread.title} #{post.position}",
        hidden=lambda post: post.status == PostStatus.HIDDEN,
        set_hidden=_set_post_hidden,
        resync=lambda post: post.thread,
    ),
)
moderation_targets.register(
    TargetKind.THREAD,
    TargetType(
        queryset=lambda: Thread.objects.select_related("category"),
        visible_to=_can_see_thread,
        visible_among=_threads_seen,
        text=_first_post_text,
    ),
)
moderation_targets.register(
    TargetKind.SOLUTION,
    TargetType(
        queryset=_solutions,
        visible_to=lambda user, page: is_public_page(page),
        visible_among=_solutions_seen,
        text=lambda page: page.summary,
        author_id=lambda page: page.owner_id,
        url=lambda page: page.url or "",
        hidden=lambda page: not page.live,
        set_hidden=_set_solution_hidden,
    ),
)
moderation_targets.register(
    TargetKind.PROFILE,
    TargetType(
        queryset=lambda: Profile.objects.select_related("user"),
        visible_to=can_see_profile,
        text=lambda profile: profile.bio,
        label=lambda profile: profile.display_name,
        author_id=lambda profile: profile.user_id,
    ),
)
