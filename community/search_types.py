"""Member profiles in search: only what the member made public."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from community.models import Post, PostStatus, Profile, Thread, ThreadKind, Visibility
from search.documents import Document, DocumentType, country_names, in_all_languages, register

PUBLIC = Visibility.PUBLIC


@register
class ProfileType(DocumentType):
    name = "member"
    label = _("Member")
    model = Profile
    title_field = "display_name"
    facets = ("language", "country", "theme")

    def searchable(self):
        return (
            Profile.objects.filter(user__is_active=True, is_hidden=False)
            .select_related("country", "user")
            .prefetch_related("expertise_themes", "expertise_tags")
        )

    def text_matches(self, text: str):
        """Only the name and the fields a member made public can match."""
        words = text.split()[:8]
        condition = Q()
        for word in words:
            public_fields = Q(display_name__icontains=word)
            for field in ("organisation", "role", "bio"):
                public_fields |= Q(**{f"{field}__icontains": word, f"{field}_visibility": PUBLIC})
            condition &= public_fields
        return [
            (profile, 2.0 if text.lower() in profile.display_name.lower() else 1.0)
            for profile in self.searchable().filter(condition)[:500]
        ]

    def to_document(self, profile: Profile) -> Document:
        def shown(field):
            return getattr(profile, f"{field}_visibility") == PUBLIC

        themes = list(profile.expertise_themes.all()) if shown("expertise") else []
        country = [profile.country_id] if profile.country_id and shown("country") else []
        return Document(
            type=self.name,
            object_id=str(profile.pk),
            title=profile.display_name,
            url=profile.get_absolute_url(),
            language=profile.language_codes if shown("languages") else [],
            summary=" · ".join(
                value
                for value, field in ((profile.role, "role"), (profile.organisation, "organisation"))
                if value and shown(field)
            ),
            body=profile.bio if shown("bio") else "",
            places=country_names(country),
            topics=in_all_languages(themes),
            tags=[t.name for t in profile.expertise_tags.all()] if shown("expertise") else [],
            date=profile.user.date_joined,
            countries=country,
            themes=[t.slug for t in themes],
        )


@register
class ThreadType(DocumentType):
    """Discussion threads with the text of their visible posts."""

    name = "thread"
    label = _("Discussion")
    model = Thread
    facets = ("language",)

    def searchable(self):
        visible = Post.objects.filter(status=PostStatus.VISIBLE, is_deleted=False).order_by("position")
        return (
            Thread.objects.filter(is_hidden=False)
            .exclude(kind=ThreadKind.COMMENTS)
            .select_related("category")
            .prefetch_related(Prefetch("posts", queryset=visible), "tags")
        )

    def models(self):
        return (Thread, Post)

    def affected_ids(self, instance):
        return [instance.thread_id] if isinstance(instance, Post) else [instance.pk]

    def text_matches(self, text: str):
        words = text.split()[:8]
        condition = Q()
        for word in words:
            condition &= Q(title__icontains=word) | Q(
                posts__body__icontains=word, posts__is_deleted=False, posts__status=PostStatus.VISIBLE
            )
        matches = self.searchable().filter(condition).distinct()[:500]
        return [(thread, 2.0 if text.lower() in thread.title.lower() else 1.0) for thread in matches]

    def to_document(self, thread: Thread) -> Document:
        posts = list(thread.posts.all())
        opening = posts[0].body if posts and posts[0].position == 1 else ""
        return Document(
            type=self.name,
            object_id=str(thread.pk),
            title=thread.title,
            url=thread.get_absolute_url(),
            language=[],
            summary=opening[:600],
            body="\n".join(p.body for p in posts[1:]),
            topics=thread.category.name if thread.category else "",
            tags=[t.name for t in thread.tags.all()],
            date=thread.last_activity_at,
            year=thread.created_at.year if thread.created_at else None,
        )
