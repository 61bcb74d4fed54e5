from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.i18n_urls import ActiveLanguageUrlMixin
from core.shared_pages import SharedPageMixin


class HomePage(SharedPageMixin, ActiveLanguageUrlMixin, Page):
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("headline"), FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "solutions.SolutionIndexPage",
        "solutions.NewsIndexPage",
        "solutions.ResourceIndexPage",
        "website.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from website.home import home_context, website_json_ld

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context())
        context["json_ld"] = website_json_ld(self, request)
        return context


class StandardPage(SharedPageMixin, ActiveLanguageUrlMixin, Page):
    """About, Terms of Service, Code of Conduct and other site-wide pages."""

    intro = models.TextField(_("introduction"), blank=True)
    version = models.CharField(
        _("version"), max_length=20, blank=True, help_text=_("For terms and policies members accept.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("version"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["website.HomePage", "website.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="cog")
class SiteLinks(BaseSiteSetting):
    """The pages the footer links to, and where moderators can be reached."""

    about_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("about page"),
    )
    terms_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("terms of service"),
    )
    conduct_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("code of conduct"),
    )
    moderators_email = models.EmailField(_("moderators' email"), blank=True)
    demo_seed_version = models.CharField(max_length=64, blank=True, editable=False)

    panels = [
        MultiFieldPanel(
            [FieldPanel("about_page"), FieldPanel("terms_page"), FieldPanel("conduct_page")], heading=_("Footer")
        ),
        FieldPanel("moderators_email"),
    ]

    class Meta:
        verbose_name = _("site links")
