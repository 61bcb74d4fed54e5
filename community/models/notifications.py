from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowKind(models.TextChoices):
    THREAD = "thread", _("Thread")
    CATEGORY = "category", _("Category")
    TAG = "tag", _("Tag")
    PAGE = "page", _("Solution")


class Follow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    kind = models.CharField(max_length=10, choices=FollowKind.choices)
    target = models.CharField(max_length=120)  # a thread, category or page id, or a tag name
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind", "target"], name="one_follow_per_target")]
        indexes = [models.Index(fields=["kind", "target"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.target}"


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("Replies to what you follow")
    MENTION = "mention", _("Mentions of you")
    REACTION = "reaction", _("Reactions to your posts")
    ACCEPTED = "accepted", _("Your answer was accepted")
    MODERATION = "moderation", _("Decisions about your content")
    MATCH = "match", _("Knowledge requests that match your expertise")
    OFFER = "offer", _("Offers of help and answers to them")
    MESSAGE = "message", _("Private messages")


class Channel(models.TextChoices):
    IMMEDIATE = "immediate", _("Email me at once")
    DAILY = "daily", _("Daily digest")
    NONE = "none", _("No email")


DEFAULT_CHANNELS = {
    NotificationKind.REPLY: Channel.DAILY,
    NotificationKind.MENTION: Channel.IMMEDIATE,
    NotificationKind.REACTION: Channel.DAILY,
    NotificationKind.ACCEPTED: Channel.IMMEDIATE,
    NotificationKind.MODERATION: Channel.IMMEDIATE,
    NotificationKind.MATCH: Channel.DAILY,
    NotificationKind.OFFER: Channel.IMMEDIATE,
    NotificationKind.MESSAGE: Channel.IMMEDIATE,
}


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    thread = models.ForeignKey("community.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey("community.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        "community.Conversation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300, blank=True)
    # Reactions to one post are batched into one notification that counts them.
    count = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.text


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.channel}"
