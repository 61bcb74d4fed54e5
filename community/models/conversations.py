"""Private conversations between members, and what each member keeps for themselves: where they
stopped reading a thread, what they bookmarked, whom they ignore. Every model here is seen only by
its members (declared per-member for the page cache)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models.discussions import AttachedFile, PostStatus


class Conversation(models.Model):
    subject = models.CharField(_("subject"), max_length=200)
    starter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The last message the participants were given (a held one waits): the inbox's order and
    # what a participant's read position is compared with.
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_position = models.PositiveIntegerField(default=0)
    message_count = models.PositiveIntegerField(default=0, editable=False)  # every message, held ones too

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("conversation", args=[self.pk])


class ConversationMember(models.Model):
    """One participant of a conversation, with their read position (the last message they saw)."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_seats")
    last_read_position = models.PositiveIntegerField(default=0)
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conversation", "user"], name="one_seat_per_conversation")]
        indexes = [models.Index(fields=["user", "left_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    position = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="conversation_messages"
    )
    body = models.TextField(_("message"), max_length=20000)
    body_html = models.TextField(editable=False)
    status = models.CharField(max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conversation", "position"]
        constraints = [models.UniqueConstraint(fields=["conversation", "position"], name="one_message_per_position")]

    def __str__(self) -> str:
        return f"{self.conversation} #{self.position}"

    def get_absolute_url(self) -> str:
        return f"{self.conversation.get_absolute_url()}#message-{self.pk}"


class MessageAttachment(AttachedFile):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="messages/%Y/%m/")

    def get_absolute_url(self) -> str:
        return reverse("conversation_attachment", args=[self.pk])


class ThreadRead(models.Model):
    """How far one member read one thread: one row per member and thread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey("community.Thread", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="one_read_position_per_thread")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} to {self.position}"


class ReadMark(models.Model):
    """ "Mark all read", in one category or everywhere (no category): threads with no activity since
    count as read, without a row for each."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        "community.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    marked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="one_read_mark_per_category"),
            models.UniqueConstraint(fields=["user"], condition=Q(category=None), name="one_read_mark_everywhere"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.category_id or '*'} {self.marked_at:%Y-%m-%d}"


class Bookmark(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks")
    kind = models.CharField(max_length=10)  # a registered kind (community.bookmarks.bookmark_kinds)
    target_id = models.PositiveBigIntegerField()
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "kind", "target_id"], name="one_bookmark_per_item")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.target_id}"


class IgnoredMember(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ignored = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "ignored"], name="ignore_once"),
            models.CheckConstraint(condition=~Q(user=models.F("ignored")), name="never_ignore_oneself"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ignores {self.ignored_id}"
