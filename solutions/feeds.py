from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _

from solutions.catalogue import published_solutions
from solutions.models import NewsPage
from solutions.structured_data import SITE_NAME, author_names, news_authors, solution_authors

FEED_SIZE = 30


class SolutionsRssFeed(Feed):
    title = _("Minga: latest solutions")
    author_name = SITE_NAME  # an Atom feed needs an author (RFC 4287) for entries that name none
    description = _("South-South and triangular cooperation solutions shared on Minga.")

    def link(self):
        from solutions.models import SolutionIndexPage

        index = SolutionIndexPage.objects.live().first()
        return index.url if index else "/"

    def items(self):
        return (
            published_solutions()
            .select_related("owner__profile")
            .prefetch_related("partners")
            .order_by("-first_published_at")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return linebreaks(item.summary, autoescape=True)  # feed readers show descriptions as HTML

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return author_names(solution_authors(item))


class SolutionsAtomFeed(SolutionsRssFeed):
    feed_type = Atom1Feed
    subtitle = SolutionsRssFeed.description


class NewsRssFeed(Feed):
    title = _("Minga: news")
    author_name = SITE_NAME
    description = _("News from the Minga community.")

    def link(self):
        from solutions.models import NewsIndexPage

        index = NewsIndexPage.objects.live().first()
        return index.url if index else "/"

    def items(self):
        return NewsPage.objects.live().public().order_by("-date", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return linebreaks(item.intro, autoescape=True)

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time.min))

    def item_author_name(self, item):
        return author_names(news_authors(item))


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
