from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.i18n_urls import ActiveLanguageUrlMixin, SectionPageMixin
from core.shared_pages import SharedPageMixin


class SolutionIndexPage(SharedPageMixin, SectionPageMixin, ActiveLanguageUrlMixin, Page):
    """The catalogue: filters, sorts, facet counts and pages over every published solution."""

    default_title = _("Solutions")
    default_intro = _("Every solution shared on Minga, with filters by place, goal, theme and way of working.")

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["solutions.SolutionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("solutions catalogue")

    def get_context(self, request, *args, **kwargs):
        from solutions.catalogue import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(self, request))
        return context


class ResourceIndexPage(SharedPageMixin, SectionPageMixin, ActiveLanguageUrlMixin, Page):
    """The resources library: every resource with its language versions."""

    default_title = _("Resources")
    default_intro = _("Guides, evaluations and toolkits, each in every language it exists in.")

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("resources library")

    def get_context(self, request, *args, **kwargs):
        from solutions.library import library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(request))
        return context
