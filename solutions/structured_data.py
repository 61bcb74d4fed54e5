"""What solution and news pages tell search engines and feed readers about themselves (schema.org
JSON-LD, feed authors): who wrote them, under which licence, when."""

from __future__ import annotations

import re

# The footer's promise: "Content shared under CC BY 4.0 unless stated otherwise."
CONTENT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
SITE_NAME = "Minga"


def publisher(request=None) -> dict:
    organisation = {"@type": "Organization", "name": SITE_NAME}
    if request is not None:
        organisation["url"] = request.build_absolute_uri("/")
    return organisation


def solution_authors(page) -> list[dict]:
    """The member who shared the solution; for an imported one, the organisations that provided
    the cooperation (or every partner named); the site itself when nobody is named."""
    owner = getattr(page.owner, "profile", None) if page.owner_id else None
    if owner is not None and page.owner.is_active:
        return [{"@type": "Person", "name": owner.display_name}]
    partners = list(page.partners.all())
    providers = [p for p in partners if p.role == "provider"] or partners
    if providers:
        return [{"@type": "Organization", "name": p.name} for p in providers]
    return [publisher()]


def author_names(authors: list[dict]) -> str:
    return ", ".join(author["name"] for author in authors)


def news_authors(page) -> list[dict]:
    """A news post's byline ("A. Writer, B. Other") as people; the site when it has none."""
    names = [name.strip() for name in re.split(r"[,;]", page.authors or "") if name.strip()]
    return [{"@type": "Person", "name": name} for name in names] or [publisher()]


def solution_json_ld(page, request) -> dict:
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "additionalType": "https://schema.org/Article",
        "name": page.title,
        "headline": page.title,
        "description": page.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": page.language,
        "datePublished": page.first_published_at.isoformat() if page.first_published_at else None,
        "dateModified": page.last_published_at.isoformat() if page.last_published_at else None,
        "author": solution_authors(page),
        "license": page.licence_url,
        "keywords": [t.name for t in page.tags.all()] + [t.name for t in page.themes.all()],
        "about": [{"@type": "Thing", "name": f"SDG {s.number}: {s.name}"} for s in page.sdgs.all()],
        "spatialCoverage": [{"@type": "Country", "name": c.name, "identifier": c.code} for c in page.countries.all()],
        "contributor": [{"@type": "Organization", "name": p.name, "roleName": p.role} for p in page.partners.all()],
        "publisher": publisher(request),
    }
    if page.start_year:
        end = page.end_year or ".."
        data["temporalCoverage"] = f"{page.start_year}/{end}"
    return {key: value for key, value in data.items() if value not in (None, [])}


def news_json_ld(page, request) -> dict:
    url = page.get_full_url(request)
    published = page.first_published_at.isoformat() if page.first_published_at else page.date.isoformat()
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "name": page.title,
        "description": page.intro,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": page.locale.language_code,
        "datePublished": page.date.isoformat(),
        "dateCreated": published,
        "dateModified": page.last_published_at.isoformat() if page.last_published_at else published,
        "author": news_authors(page),
        "publisher": publisher(request),
        "license": CONTENT_LICENSE,
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}
