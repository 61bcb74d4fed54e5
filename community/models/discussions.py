from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="moderated_categories", verbose_name=_("moderators")
    )

    panels = ["name", "slug", "description", "sort_order", "moderators"]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("discussion category")
        verbose_name_plural = _("discussion categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("discussion_category", args=[self.slug])


class ThreadTag(TaggedItemBase):
    content_object = models.ForeignKey("community.Thread", on_delete=models.CASCADE, related_name="tagged_items")


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    QUESTION = "question", _("Question")
    COMMENTS = "comments", _("Comments")


class Thread(models.Model):
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.PROTECT, related_name="threads", verbose_name=_("category")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ThreadKind.choices, default=ThreadKind.DISCUSSION)
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="threads")
    # A comments thread belongs to one solution or news page.
    page = models.OneToOneField(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="comment_thread"
    )
    solutions = models.ManyToManyField(
        "solutions.SolutionPage", blank=True, related_name="threads", verbose_name=_("linked solutions")
    )
    tags = TaggableManager(through=ThreadTag, blank=True, verbose_name=_("tags"))
    accepted_post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    post_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at"]
        indexes = [models.Index(fields=["category", "-is_pinned", "-last_activity_at"])]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("discussion_thread", args=[self.pk, slugify(self.title)[:60] or "thread"])

    @property
    def is_question(self) -> bool:
        return self.kind == ThreadKind.QUESTION

    def public_solutions(self):
        """The linked solutions a visitor may open: one unpublished since is not named."""
        return self.solutions.live().public()


class PostStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HELD = "held", _("Held for review")
    HIDDEN = "hidden", _("Hidden by moderators")


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    # Position in the thread, from 1: page N is a range of positions, so any page costs the same.
    position = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="posts")
    body = models.TextField(_("message"), max_length=20000)
    body_html = models.TextField(editable=False)
    quote_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)
    deleted_reason = models.CharField(max_length=300, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    helpful_count = models.PositiveIntegerField(default=0)
    thanks_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["thread", "position"]
        constraints = [models.UniqueConstraint(fields=["thread", "position"], name="one_post_per_position")]
        indexes = [
            # The few held and hidden posts, which a member's count of new posts leaves out: found
            # without reading the thread's thousands of visible ones.
            models.Index(
                fields=["thread", "position"], condition=~models.Q(status=PostStatus.VISIBLE), name="posts_not_visible"
            ),
        ]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return f"{self.thread} #{self.position}"

    @property
    def is_opening(self) -> bool:
        return self.position == 1

    def get_absolute_url(self) -> str:
        from community.thread_pages import page_of

        return f"{self.thread.get_absolute_url()}?page={page_of(self.position)}#post-{self.pk}"


class PostRevision(models.Model):
    """The text a post had before an edit."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.post_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Image")
    FILE = "file", _("File")


class AttachedFile(models.Model):
    """What a post's and a private message's attachments have in common: a checked, re-encoded
    file with its shown name, type and size."""

    kind = models.CharField(max_length=10, choices=AttachmentKind.choices)
    name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class Attachment(AttachedFile):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="attachments/%Y/%m/")

    def get_absolute_url(self) -> str:
        return reverse("discussion_attachment", args=[self.pk])


class ReactionKind(models.TextChoices):
    HELPFUL = "helpful", _("Helpful")
    THANKS = "thanks", _("Thanks")


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=10, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user", "kind"], name="one_reaction_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} on {self.post_id}"


class ThreadViewCount(models.Model):
    thread = models.OneToOneField(Thread, on_delete=models.CASCADE, primary_key=True, related_name="view_count")
    count = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.thread_id}: {self.count}"

    @classmethod
    def increment(cls, thread_id: int) -> None:
        from core.view_counters import increment_counter

        increment_counter(cls, thread_id=thread_id)
