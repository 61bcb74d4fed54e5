"""Creates the fixed skeleton of the site: home, catalogue, news, library and site-wide pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site

from solutions.models import NewsIndexPage, ResourceIndexPage, SolutionIndexPage
from website.models import HomePage, SiteLinks, StandardPage


def _child(parent: Page, model, slug: str, **fields) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def ensure_site_tree(hostname: str = "localhost", port: int = 80) -> HomePage:
    """Idempotent: returns the existing home page when the tree is already there."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        placeholder = Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").first()
        if placeholder:  # Wagtail's initial "Welcome" page
            Site.objects.filter(root_page=placeholder).delete()
            placeholder.delete()
            root.refresh_from_db()
        home = HomePage(
            title="Minga",
            slug="home",
            locale=Locale.get_default(),
            headline=str(_("Learn from what already works")),
            intro=str(
                _(
                    "Practitioners share South-South and triangular cooperation solutions, discuss them "
                    "and find the people who made them happen."
                )
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Minga")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()

    _child(home, SolutionIndexPage, "solutions", title="Solutions")
    _child(home, ResourceIndexPage, "resources", title="Resources")
    _child(home, NewsIndexPage, "news", title="News")
    from community.solution_review import review_workflow

    review_workflow()
    return home


def follow_site_url(url: str) -> Site:
    """The default Site takes the host and port of the address the site is served on (SITE_URL):
    Wagtail builds every canonical link, og:url, JSON-LD address and sitemap entry from it, and
    the demo's "localhost" on port 80 serves nothing under `make run`."""
    parts = urlsplit(url)
    if not parts.hostname:
        return Site.objects.get(is_default_site=True)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) != (parts.hostname, port):
        site.hostname, site.port = parts.hostname, port
        site.save()
    return site


def ensure_site_page(home: HomePage, slug: str, title: str, body: list, version: str = "") -> StandardPage:
    return _child(home, StandardPage, slug, title=title, body=body, version=version)


def link_footer(home: HomePage, about: Page, terms: Page, conduct: Page, email: str) -> None:
    site = Site.objects.get(root_page=home)
    links = SiteLinks.for_site(site)
    links.about_page, links.terms_page, links.conduct_page = about, terms, conduct
    links.moderators_email = links.moderators_email or email
    links.save()
