from __future__ import annotations

from django.contrib.auth import get_user_model
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language

from core.page_cache import memoized
from solutions.catalogue import published_solutions
from solutions.models import NewsPage, SolutionPage
from solutions.structured_data import SITE_NAME


def home_context() -> dict:
    """The same for every visitor of a language, and it scans the whole catalogue: kept in the
    shared cache until the next change, so signed-in members get it as fast as visitors."""
    return memoized("home", home_content)


def home_content() -> dict:
    solutions = published_solutions().prefetch_related("countries", "sdgs")
    return {
        "featured": list(solutions.filter(featured=True).order_by("-first_published_at")[:3]),
        "latest": list(solutions.order_by("-first_published_at")[:6]),
        "news": list(NewsPage.objects.live().public().order_by("-date")[:3]),
        "figures": figures(solutions),
    }


def figures(solutions) -> dict:
    """Counts over the whole catalogue and membership: kept until the next change."""
    countries = (
        SolutionPage.countries.through.objects.filter(solutionpage__live=True).values("country_id").distinct().count()
    )
    return {
        "solutions": solutions.count(),
        "countries": countries,
        "members": get_user_model().objects.filter(is_active=True).count(),
    }


def website_json_ld(home, request) -> dict:
    """The site and who runs it, with the search box search engines may offer for it."""
    url = home.get_full_url(request)
    root = request.build_absolute_uri("/")
    organisation = {
        "@type": "Organization",
        "@id": f"{root}#organization",
        "name": SITE_NAME,
        "url": root,
        "logo": request.build_absolute_uri(static("img/logo.svg")),
    }
    site = {
        "@type": "WebSite",
        "@id": f"{root}#website",
        "name": SITE_NAME,
        "url": url,
        "inLanguage": get_language(),
        "description": home.intro,
        "publisher": {"@id": organisation["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": request.build_absolute_uri(reverse("search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return {"@context": "https://schema.org", "@graph": [site, organisation]}
