"""Resources: one logical document with a file per language ("English version / Versión en Español")."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

from solutions.models.vocab import Language


class Resource(index.Indexed, models.Model):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField("solutions.Theme", blank=True, related_name="resources", verbose_name=_("themes"))
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("title"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("themes")]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.RelatedFields("versions", [index.SearchField("title"), index.SearchField("extracted_text")]),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title

    def version_for(self, language: str | None = None):
        """The version in the reader's language, else the first one (prefetch ``versions``)."""
        language = (language or get_language() or "en")[:2]
        versions = list(self.versions.all())
        return next((v for v in versions if v.language == language), versions[0] if versions else None)


class ResourceDocument(AbstractDocument):
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.EN)
    resource = models.ForeignKey(
        Resource,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="versions",
        verbose_name=_("resource"),
        help_text=_("The resource this file is one language version of."),
    )
    # Text extracted from PDFs, for search.
    extracted_text = models.TextField(blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields + ("language", "resource")

    class Meta(AbstractDocument.Meta):
        ordering = ["language"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def save(self, *args, **kwargs):
        if self.file and not self.extracted_text and self.file.name.lower().endswith(".pdf"):
            from solutions.pdf_text import extract_pdf_text

            self.file.seek(0)
            self.extracted_text = extract_pdf_text(self.file.read())
        super().save(*args, **kwargs)
        if self.resource_id:
            # The resource's own index entry carries its versions' text.
            from wagtail.search.index import insert_or_update_object

            insert_or_update_object(self.resource)

    @property
    def language_label(self) -> str:
        return Language(self.language).label
