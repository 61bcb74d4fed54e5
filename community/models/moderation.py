from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TargetKind(models.TextChoices):
    POST = "post", _("Post")
    THREAD = "thread", _("Thread")
    SOLUTION = "solution", _("Solution")
    PROFILE = "profile", _("Profile")
    REQUEST = "request", _("Knowledge request")
    MESSAGE = "private", _("Private message")


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    ABUSE = "abuse", _("Abuse or harassment")
    OFF_TOPIC = "off-topic", _("Off-topic")
    OTHER = "other", _("Something else")


class Flag(models.Model):
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags")
    target_kind = models.CharField(max_length=10, choices=TargetKind.choices)
    target_id = models.PositiveBigIntegerField()
    reason = models.CharField(_("reason"), max_length=10, choices=FlagReason.choices)
    text = models.CharField(_("details"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "target_kind", "target_id"], name="one_flag_per_member_and_item"
            )
        ]
        indexes = [models.Index(fields=["target_kind", "target_id", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.target_kind}:{self.target_id} ({self.reason})"


class ActionKind(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    HIDE = "hide", _("Hidden")
    UNHIDE = "unhide", _("Restored")
    DELETE = "delete", _("Deleted")
    AUTO_HIDE = "auto-hide", _("Hidden by flags")
    DISMISS = "dismiss", _("Flags dismissed")
    LOCK = "lock", _("Thread locked")
    UNLOCK = "unlock", _("Thread unlocked")
    PIN = "pin", _("Thread pinned")
    UNPIN = "unpin", _("Thread unpinned")
    MOVE = "move", _("Thread moved")
    MERGE = "merge", _("Threads merged")
    EDIT = "edit", _("Post edited")
    SANCTION = "sanction", _("Sanction given")
    REVOKE = "revoke", _("Sanction lifted")
    PUBLISH_SOLUTION = "publish-solution", _("Solution approved")
    REQUEST_CHANGES = "request-changes", _("Changes requested")
    CONTACT_HANDLED = "contact-handled", _("Message handled")


class ModerationAction(models.Model):
    """The audit log: who did what, to what, when and why. Written once, never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    action = models.CharField(_("action"), max_length=20, choices=ActionKind.choices, db_index=True)
    target_kind = models.CharField(_("on"), max_length=10, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_label = models.CharField(_("item"), max_length=200, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("The moderation log cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The moderation log cannot be edited.")


class SanctionKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    SILENCE = "silence", _("Silence (read-only)")
    SUSPENSION = "suspension", _("Suspension (cannot sign in)")
    BAN = "ban", _("Ban")


class SanctionQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))


class Sanction(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions")
    kind = models.CharField(_("kind"), max_length=12, choices=SanctionKind.choices)
    reason = models.CharField(_("reason"), max_length=500)
    ends_at = models.DateTimeField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.user_id})"


class ContactMessage(models.Model):
    """ "Report an issue" and "Contact the moderators": visitors included."""

    class Topic(models.TextChoices):
        ISSUE = "issue", _("Report an issue")
        CONTACT = "contact", _("Contact the moderators")

    topic = models.CharField(_("topic"), max_length=10, choices=Topic.choices)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("your name"), max_length=120, blank=True)
    email = models.EmailField(_("your email"), blank=True)
    page_url = models.CharField(_("page concerned"), max_length=300, blank=True)
    message = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.get_topic_display()} {self.created_at:%Y-%m-%d}"
