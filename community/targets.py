"""The things members can flag and moderators act on, behind one small interface."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from community.models import Post, PostStatus, Profile, TargetKind, Thread
from community.permissions import can_read_post, can_see_profile, can_see_thread, is_public_page
from core.params import id_or_404


@dataclass
class Target:
    kind: str
    obj: object

    @property
    def id(self) -> int:
        return self.obj.pk

    @property
    def label(self) -> str:
        if self.kind == TargetKind.POST:
            return f"{self.obj.thread.title} #{self.obj.position}"
        if self.kind == TargetKind.PROFILE:
            return self.obj.display_name
        return self.obj.title

    @property
    def author_id(self) -> int | None:
        if self.kind == TargetKind.PROFILE:
            return self.obj.user_id
        if self.kind == TargetKind.SOLUTION:
            return self.obj.owner_id
        if self.kind == TargetKind.REQUEST:
            return self.obj.requester_id
        return self.obj.author_id

    @property
    def url(self) -> str:
        if self.kind == TargetKind.SOLUTION:
            return self.obj.url or ""
        return self.obj.get_absolute_url()

    @property
    def text(self) -> str:
        if self.kind == TargetKind.POST:
            return self.obj.body
        if self.kind == TargetKind.THREAD:
            first = self.obj.posts.filter(position=1).first()
            return first.body if first else ""
        if self.kind == TargetKind.SOLUTION:
            return self.obj.summary
        if self.kind == TargetKind.REQUEST:
            return self.obj.challenge
        return self.obj.bio

    @property
    def hidden(self) -> bool:
        if self.kind == TargetKind.POST:
            return self.obj.status == PostStatus.HIDDEN
        if self.kind == TargetKind.SOLUTION:
            return not self.obj.live
        return self.obj.is_hidden

    def visible_to(self, user) -> bool:
        """The item's own rule, as its page applies it: a guessed id tells nothing more."""
        if self.kind == TargetKind.POST:
            return can_read_post(user, self.obj)
        if self.kind == TargetKind.THREAD:
            return self.obj.merged_into_id is None and can_see_thread(user, self.obj)
        if self.kind == TargetKind.SOLUTION:
            return is_public_page(self.obj)
        if self.kind == TargetKind.PROFILE:
            return can_see_profile(user, self.obj)
        from exchange.lifecycle import can_view

        return can_view(user, self.obj)

    def hide(self) -> None:
        if self.kind == TargetKind.POST:
            Post.objects.filter(pk=self.obj.pk).update(status=PostStatus.HIDDEN)
            self.obj.status = PostStatus.HIDDEN
            if self.obj.position == 1:
                Thread.objects.filter(pk=self.obj.thread_id).update(is_hidden=True)
        elif self.kind == TargetKind.SOLUTION:
            if self.obj.live:
                self.obj.unpublish()
        else:
            self.obj.is_hidden = True
            self.obj.save(update_fields=["is_hidden"])
        self._resync()

    def unhide(self) -> None:
        if self.kind == TargetKind.POST:
            Post.objects.filter(pk=self.obj.pk).update(status=PostStatus.VISIBLE)
            self.obj.status = PostStatus.VISIBLE
            if self.obj.position == 1:
                Thread.objects.filter(pk=self.obj.thread_id).update(is_hidden=False)
        elif self.kind == TargetKind.SOLUTION:
            if not self.obj.live:
                from community.solution_review import republish

                republish(self.obj)
        else:
            self.obj.is_hidden = False
            self.obj.save(update_fields=["is_hidden"])
        self._resync()

    def _resync(self) -> None:
        """Queryset updates send no signals: tell the search index."""
        from search.sync import enqueue_for

        enqueue_for(self.obj.thread if self.kind == TargetKind.POST else self.obj)


def load(kind: str, target_id) -> Target:
    from exchange.models import KnowledgeRequest
    from solutions.models import SolutionPage

    models = {
        TargetKind.POST: Post.objects.select_related("thread__category"),
        TargetKind.THREAD: Thread.objects.select_related("category"),
        TargetKind.SOLUTION: SolutionPage.objects.all(),
        TargetKind.PROFILE: Profile.objects.select_related("user"),
        TargetKind.REQUEST: KnowledgeRequest.objects.exclude(status="draft"),
    }
    if kind not in models:
        raise Http404
    obj = models[kind].filter(pk=id_or_404(str(target_id))).first()
    if obj is None:
        raise Http404
    return Target(kind, obj)


def load_for(user, kind: str, target_id) -> Target:
    """The item as a member may reach it (to report it): not found unless they may see it."""
    target = load(kind, target_id)
    if not target.visible_to(user):
        raise Http404
    return target
