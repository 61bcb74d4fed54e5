"""A member's statement that they work for an organisation, and who confirmed it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Affiliation(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        "solutions.Organisation", on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    # Set by one of the organisation's editors; an unconfirmed affiliation is the member's word.
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_affiliation_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.organisation_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
