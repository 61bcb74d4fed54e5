from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page

from website.i18n_urls import section_title, with_active_language


def site_chrome(request) -> dict:
    """Navigation targets and language names for the header and footer of every page."""
    from solutions.models import NewsIndexPage, ResourceIndexPage, SolutionIndexPage

    sections = Page.objects.live().type(SolutionIndexPage, ResourceIndexPage, NewsIndexPage).order_by("path")
    unread = 0
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        from community.notifications import unread_count

        unread = unread_count(request.user)
    return {
        "unread_notifications": unread,
        "nav_links": [_link(page, request) for page in sections],
        "languages": settings.LANGUAGES,
        "current_language": (get_language() or settings.LANGUAGE_CODE)[:2],
    }


def _link(page, request) -> dict:
    url = with_active_language(page.url or "")
    title = section_title(page.specific_class, page.title)
    return {"title": title, "url": url, "current": bool(url) and request.path.startswith(url)}
