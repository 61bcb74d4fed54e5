from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from community.models import Category, Thread
from solutions.structured_data import SITE_NAME


class CategoryFeed(Feed):
    description = _("New threads in this category.")
    author_name = SITE_NAME

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"Minga: {category.name}"

    def link(self, category):
        return category.get_absolute_url()

    def items(self, category):
        return (
            Thread.objects.filter(category=category, is_hidden=False)
            .select_related("author__profile")
            .order_by("-created_at")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        first = item.posts.filter(position=1, is_deleted=False, status="visible").first()
        return first.body_html if first else ""

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at

    def item_author_name(self, item):
        profile = getattr(item.author, "profile", None) if item.author_id else None
        return profile.display_name if profile is not None and item.author.is_active else None
