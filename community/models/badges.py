from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Badge(models.Model):
    """A recognition shown on profiles. Automatic ones have a ``rule``; others are awarded by moderators."""

    slug = models.SlugField(_("slug"), max_length=60, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=255)
    rule = models.CharField(_("awarded automatically for"), max_length=40, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("badge")
        verbose_name_plural = _("badges")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return gettext(self.name)

    @property
    def display_description(self) -> str:
        return gettext(self.description)


class Award(models.Model):
    profile = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="awards", verbose_name=_("member")
    )
    badge = models.ForeignKey(Badge, on_delete=models.CASCADE, related_name="awards", verbose_name=_("badge"))
    awarded_at = models.DateTimeField(_("awarded"), auto_now_add=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("awarded by"),
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    panels = ["badge", "profile", "reason"]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "badge"], name="one_award_per_badge")]
        ordering = ["-awarded_at"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return f"{self.badge} → {self.profile}"
