from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page

from core.i18n_urls import section_title, with_active_language
from core.page_cache import memoized


def site_chrome(request) -> dict:
    """Navigation targets and language names for the header and footer of every page. The links
    are kept with the page cache's generation: they change only when pages or settings do."""
    unread = conversations = 0
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        from community.notifications import unread_counts

        unread, conversations = unread_counts(request.user)
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    sections, footer = memoized(f"site-chrome:{request.get_host()}", lambda: chrome_links(request), in_process=True)
    nav_links = [
        {"title": title, "url": url, "current": bool(url) and request.path.startswith(url)} for title, url in sections
    ]
    path, url_name = request.path, getattr(getattr(request, "resolver_match", None), "url_name", None)
    return {
        "unread_notifications": unread,
        "unread_conversations": conversations,
        "unread_total": unread + conversations,
        "nav_links": nav_links,
        # Everything the header shows differently between readers and pages but the request's
        # path and search text (``{% site_fragment %}`` puts those in): its key.
        "chrome_key": repr(
            (
                getattr(getattr(request, "user", None), "is_authenticated", False),
                unread,
                conversations,
                [link["current"] for link in nav_links],
                "/discussions/" in path,
                "/requests/" in path,
                url_name == "member_directory",
            )
        ),
        "footer_links": footer,
        "languages": settings.LANGUAGES,
        "current_language": language,
    }


def chrome_links(request) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The catalogue sections' titles and URLs, and the footer's about, terms and conduct pages,
    in the active language."""
    from solutions.models import NewsIndexPage, ResourceIndexPage, SolutionIndexPage
    from website.models import SiteLinks

    pages = Page.objects.live().type(SolutionIndexPage, ResourceIndexPage, NewsIndexPage).order_by("path")
    sections = [
        (str(section_title(page.specific_class, page.title)), with_active_language(page.url or "")) for page in pages
    ]
    links = SiteLinks.for_request(request)
    footer = {
        name: with_active_language(page.url)
        for name, page in (("about", links.about_page), ("terms", links.terms_page), ("conduct", links.conduct_page))
        if page is not None and page.url
    }
    return sections, footer
