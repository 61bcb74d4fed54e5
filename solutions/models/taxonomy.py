"""Controlled vocabularies: SDGs, themes, modalities, UN M49 regions and countries.

Names are stored in the four interface languages and picked by the active language, so the
vocabularies read naturally in every locale without a translation round-trip.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from solutions.countries import country_name

NAME_LANGUAGES = ("en", "es", "fr", "pt")


class TranslatedName(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        if language in NAME_LANGUAGES:
            return getattr(self, f"name_{language}") or self.name_en
        return self.name_en

    def names(self) -> dict[str, str]:
        return {code: getattr(self, f"name_{code}") or self.name_en for code in NAME_LANGUAGES}

    def __str__(self) -> str:
        return self.name


class SDG(TranslatedName):
    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def slug(self) -> str:
        return str(self.number)


class Theme(TranslatedName):
    slug = models.SlugField(_("slug"), max_length=60, primary_key=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Modality(TranslatedName):
    slug = models.SlugField(_("slug"), max_length=60, primary_key=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("knowledge-exchange modality")
        verbose_name_plural = _("knowledge-exchange modalities")


class Region(TranslatedName):
    """A UN M49 region or sub-region; ``parent`` walks up to the World (001)."""

    code = models.CharField(_("M49 code"), max_length=3, primary_key=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    @property
    def slug(self) -> str:
        return self.code


class Country(models.Model):
    """An ISO 3166-1 country, placed in its M49 sub-region; names come from pycountry."""

    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="countries", verbose_name=_("sub-region"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    @property
    def name(self) -> str:
        return country_name(self.code)

    @property
    def slug(self) -> str:
        return self.code

    def __str__(self) -> str:
        return self.name
