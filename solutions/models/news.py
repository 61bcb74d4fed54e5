from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.i18n_urls import ActiveLanguageUrlMixin, SectionPageMixin
from core.shared_pages import SharedPageMixin


class NewsIndexPage(SharedPageMixin, SectionPageMixin, ActiveLanguageUrlMixin, Page):
    default_title = _("News")
    default_intro = _("What is happening in the Minga community.")
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["solutions.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        posts = NewsPage.objects.live().public().child_of(self).order_by("-date", "-pk")
        context["posts"] = Paginator(posts, 10).get_page(request.GET.get("page"))
        return context


class NewsPage(SharedPageMixin, ActiveLanguageUrlMixin, Page):
    reader_parts = ("comments",)  # shared between readers who see its comments alike

    date = models.DateField(_("date"))
    authors = models.CharField(_("authors"), max_length=255, blank=True)
    intro = models.TextField(_("introduction"), max_length=400, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("authors"),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("updates", label=_("Dated updates")),
        InlinePanel("attachments", label=_("Resources")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["solutions.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")

    def get_context(self, request, *args, **kwargs):
        from solutions.structured_data import news_json_ld

        context = super().get_context(request, *args, **kwargs)
        context.update({"og_type": "article", "json_ld": news_json_ld(self, request)})
        return context


class NewsUpdate(Orderable):
    """An update appended to a post after publication, shown with its date."""

    page = ParentalKey(NewsPage, related_name="updates", on_delete=models.CASCADE)
    date = models.DateField(_("date"))
    text = models.TextField(_("text"))

    class Meta(Orderable.Meta):
        ordering = ["date", "sort_order"]


class NewsResource(Orderable):
    page = ParentalKey(NewsPage, related_name="attachments", on_delete=models.CASCADE)
    resource = models.ForeignKey("solutions.Resource", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("resource")]
