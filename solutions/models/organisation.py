"""Organisations: the institutions that provide, receive, facilitate and fund solutions.

Partners of a solution point at an organisation with a role; a partner not yet known stays a
name typed as text until an editor links or merges it. Names are matched on a folded key (case
and accents ignored), so "Ministère de la Santé" and "MINISTERE DE LA SANTE" are one organisation.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from solutions.models.taxonomy import Country
from solutions.models.vocab import language_codes, language_names
from solutions.names import folded


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government ministry or agency")
    LOCAL_GOVERNMENT = "local-government", _("Local government")
    ACADEMIC = "academic", _("University or research centre")
    NGO = "ngo", _("NGO or foundation")
    MULTILATERAL = "multilateral", _("Multilateral or UN entity")
    PRIVATE = "private", _("Private company")
    NETWORK = "network", _("Network")


def logo_path(organisation: Organisation, filename: str) -> str:
    return f"organisations/{organisation.slug}/{secrets.token_hex(8)}-{filename}"


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name or acronym"), max_length=60, blank=True)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    # The name folded (case and accents ignored, spaces collapsed): what imports and typed
    # partners are matched on.
    name_key = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices, blank=True)
    countries = models.ManyToManyField(Country, blank=True, related_name="organisations", verbose_name=_("countries"))
    website = models.URLField(_("website"), max_length=500, blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    # Stored as ",en,pt," like profiles, so "works in Portuguese" is a plain LIKE.
    languages = models.CharField(_("languages"), max_length=40, blank=True, default="")
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="edited_organisations",
        verbose_name=_("editors"),
        help_text=_("Members who may edit this page and confirm who works here."),
    )
    # Set when an editor merged this organisation into another: old links and revisions that
    # still name it lead to the one it was merged into.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = folded(self.name)
        if not self.slug:
            base = slugify(self.short_name or self.name)[:100] or "organisation"
            self.slug = (
                base if not Organisation.objects.filter(slug=base).exists() else f"{base}-{secrets.token_hex(3)}"
            )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("organisation", args=[self.slug])

    @property
    def language_codes(self) -> list[str]:
        return language_codes(self.languages)

    def language_names(self) -> list[str]:
        return language_names(self.language_codes)

    @property
    def label(self) -> str:
        """The name with its acronym, as listings show it."""
        return f"{self.name} ({self.short_name})" if self.short_name and self.short_name != self.name else self.name
