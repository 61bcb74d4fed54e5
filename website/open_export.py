"""Open-data export: everything a visitor may already see, as JSON and CSV plus the public files.

Built from allow-lists, not from the database dump: each exported field is named here, so a new
column (an email, a moderation flag) never leaks into the open data by default. Only live public
pages, visible posts in visible threads, profiles that are not hidden (with just the fields their
member made public) and files attached to published content are written.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

from django.db.models import Prefetch
from django.utils.html import strip_tags
from wagtail.models import CollectionViewRestriction, Page

from community.models import Post, PostStatus, Profile, Thread, Visibility
from solutions.models import (
    SDG,
    Country,
    Modality,
    NewsPage,
    Organisation,
    Region,
    Resource,
    ResourceDocument,
    SolutionPage,
    Theme,
)
from solutions.records import csv_cell

LICENCE = "Content shared under CC BY 4.0 unless stated otherwise"
MEDIA = "media"

README = """Minga open data export
======================

{licence}.

Everything in this folder was public on the site when it was exported: published solutions and
news posts, resources and their files, discussion threads with their visible posts, the public
part of member profiles, and the vocabularies used to classify solutions. Drafts, unpublished or
private pages, hidden or held posts, hidden profiles, email addresses and profile fields that
members did not make public are not included.

Each collection is written twice, with the same records:
  <name>.json  a JSON array of objects; lists stay lists
  <name>.csv   UTF-8 CSV with a header row; lists are joined with "; "

Files:
  solutions     solution records: narrative, countries (provider, recipient, all), M49 regions,
                SDGs, themes, modalities, partners (with their organisation's id), years,
                status, language, licence, URL
  news          news posts with their body as text and dated updates
  resources     resources with one entry per language version and its file under media/
  threads       discussion threads (title, kind, category, author display name, linked solutions)
  posts         the visible posts of those threads
  profiles      member profiles: display name and only the fields the member made public
  organisations organisations with their kind, countries, website, description and logo
  sdgs, themes, modalities, regions, countries
                the classification vocabularies, with names in English, Spanish, French and
                Portuguese where available
  media/        the files of published documents and images, at the paths named in the records

Counts in this export: {counts}
"""


def write_collection(output: Path, name: str, rows: list[dict]) -> None:
    """``name``.json and ``name``.csv with the same rows (CSV cells flatten lists)."""
    with open(output / f"{name}.json", "w", encoding="utf-8") as handle:
        json.dump(rows, handle, ensure_ascii=False, indent=2, default=str)
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    with open(output / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
        if not columns:
            return  # no rows, no known columns: an empty file
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: csv_cell(row.get(key)) for key in columns})


class MediaCollector:
    """Copies the files of exported records into ``media/`` and returns their export paths."""

    def __init__(self, output: Path):
        self.root = output / MEDIA
        self.count = 0

    def add(self, field_file) -> str:
        if not field_file or not field_file.name:
            return ""
        relative = Path(field_file.name)
        if relative.is_absolute() or ".." in relative.parts:
            return ""
        target = self.root / relative
        if not target.exists():
            try:
                with field_file.open("rb") as source:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with open(target, "wb") as handle:
                        shutil.copyfileobj(source, handle)
            except (OSError, ValueError):
                return ""  # the row stays, without a file the storage no longer has
            self.count += 1
        return f"{MEDIA}/{relative.as_posix()}"


def _public_collection(collection_id: int, cache: dict[int, bool]) -> bool:
    if collection_id not in cache:
        from wagtail.models import Collection

        collection = Collection.objects.get(pk=collection_id)
        restricted = CollectionViewRestriction.objects.filter(
            collection__in=collection.get_ancestors(inclusive=True)
        ).exists()
        cache[collection_id] = not restricted
    return cache[collection_id]


def _url(page: Page) -> str:
    try:
        return page.get_full_url() or ""
    except Exception:  # a page outside any site has no address; the record is still worth having
        return ""


def _codes(items: Iterable, attribute: str = "pk") -> list:
    return sorted(getattr(item, attribute) for item in items)


def public_pages(model):
    return model.objects.live().public().specific().order_by("pk")


def solution_rows(media: MediaCollector) -> list[dict]:
    pages = public_pages(SolutionPage).prefetch_related(
        "provider_countries",
        "recipient_countries",
        "countries",
        "regions",
        "sdgs",
        "themes",
        "modalities",
        "partners",
        "funding_sources",
        "key_figures",
        "tags",
        "links",
        "attachments__resource",
        "images__image",
    )
    rows = []
    for page in pages:
        rows.append(
            {
                "id": page.pk,
                "title": page.title,
                "url": _url(page),
                "language": page.language,
                "summary": page.summary,
                "challenge": page.challenge,
                "solution": page.solution,
                "results": page.results,
                "lessons": page.lessons,
                "sustainability": page.sustainability,
                "cooperation_type": page.cooperation_type,
                "provider_countries": _codes(page.provider_countries.all()),
                "recipient_countries": _codes(page.recipient_countries.all()),
                "countries": _codes(page.countries.all()),
                "regions": _codes(page.regions.all()),
                "sdgs": _codes(page.sdgs.all()),
                "themes": _codes(page.themes.all()),
                "modalities": _codes(page.modalities.all()),
                "partners": [
                    {
                        "name": p.name,
                        "role": p.role,
                        **({"organisation": p.organisation_id} if p.organisation_id else {}),
                    }
                    for p in page.partners.all()
                ],
                "licence": page.licence,
                "funding_sources": [f.name for f in page.funding_sources.all()],
                "key_figures": [{"value": k.value, "label": k.label} for k in page.key_figures.all()],
                "tags": sorted(tag.name for tag in page.tags.all()),
                "status": page.status,
                "start_year": page.start_year,
                "end_year": page.end_year,
                "evidence_level": page.evidence_level,
                "last_reviewed": page.last_reviewed,
                "links": [{"title": link.title, "url": link.url} for link in page.links.all()],
                "resources": [a.resource.slug for a in page.attachments.all()],
                "images": [media.add(i.image.file) for i in page.images.all()],
                "first_published_at": page.first_published_at,
                "last_published_at": page.last_published_at,
            }
        )
    return rows


def _body_text(page: NewsPage) -> str:
    try:
        return " ".join(strip_tags(str(page.body)).split())
    except Exception:  # a block that cannot render outside a request: keep its raw text instead
        return json.dumps(page.body.get_prep_value(), ensure_ascii=False)


def news_rows() -> list[dict]:
    pages = public_pages(NewsPage).prefetch_related("updates", "attachments__resource")
    return [
        {
            "id": page.pk,
            "title": page.title,
            "url": _url(page),
            "locale": page.locale.language_code,
            "date": page.date,
            "authors": page.authors,
            "intro": page.intro,
            "body": _body_text(page),
            "updates": [{"date": str(u.date), "text": u.text} for u in page.updates.all()],
            "resources": [a.resource.slug for a in page.attachments.all()],
            "first_published_at": page.first_published_at,
        }
        for page in pages
    ]


def resource_rows(media: MediaCollector) -> list[dict]:
    collections: dict[int, bool] = {}
    resources = Resource.objects.prefetch_related(
        Prefetch("versions", queryset=ResourceDocument.objects.order_by("language", "pk")), "themes"
    ).order_by("title", "pk")
    rows = []
    for resource in resources:
        versions = [
            {"language": doc.language, "title": doc.title, "file": media.add(doc.file)}
            for doc in resource.versions.all()
            if _public_collection(doc.collection_id, collections)
        ]
        rows.append(
            {
                "slug": resource.slug,
                "title": resource.title,
                "description": resource.description,
                "themes": _codes(resource.themes.all()),
                "versions": versions,
                "files": [v["file"] for v in versions if v["file"]],
                "created_at": resource.created_at,
            }
        )
    return rows


def _public_names() -> dict[int, str]:
    """Display names of members whose profile is shown on the site, by user id."""
    return dict(Profile.objects.filter(user__is_active=True, is_hidden=False).values_list("user_id", "display_name"))


def public_threads():
    """Visible threads; a comments thread only while its page is live and public."""
    threads = Thread.objects.filter(is_hidden=False).select_related("category").prefetch_related("solutions")
    public_page_ids = set(Page.objects.live().public().values_list("pk", flat=True))
    return [t for t in threads.order_by("pk") if t.page_id is None or t.page_id in public_page_ids]


def thread_and_post_rows() -> tuple[list[dict], list[dict]]:
    names = _public_names()
    threads = public_threads()
    live_solutions = set(public_pages(SolutionPage).values_list("pk", flat=True))
    thread_rows = [
        {
            "id": thread.pk,
            "title": thread.title,
            "kind": thread.kind,
            "category": thread.category.slug if thread.category else "",
            "author": names.get(thread.author_id, ""),
            "page": thread.page_id or "",
            "solutions": sorted(s.pk for s in thread.solutions.all() if s.pk in live_solutions),
            "tags": sorted(tag.name for tag in thread.tags.all()),
            "accepted_post": thread.accepted_post_id or "",
            "is_locked": thread.is_locked,
            "created_at": thread.created_at,
            "last_activity_at": thread.last_activity_at,
        }
        for thread in threads
    ]
    posts = Post.objects.filter(
        thread__in=[t.pk for t in threads], status=PostStatus.VISIBLE, is_deleted=False
    ).order_by("thread_id", "position")
    post_rows = [
        {
            "id": post.pk,
            "thread": post.thread_id,
            "position": post.position,
            "author": names.get(post.author_id, ""),
            "body": post.body,
            "quote_of": post.quote_of_id or "",
            "created_at": post.created_at,
            "edited_at": post.edited_at,
            "helpful_count": post.helpful_count,
            "thanks_count": post.thanks_count,
        }
        for post in posts
    ]
    return thread_rows, post_rows


def _public(profile: Profile, field: str) -> bool:
    return getattr(profile, f"{field}_visibility") == Visibility.PUBLIC


def profile_rows(media: MediaCollector) -> list[dict]:
    profiles = (
        Profile.objects.filter(user__is_active=True, is_hidden=False)
        .prefetch_related("expertise_themes", "expertise_tags")
        .order_by("slug")
    )
    rows = []
    for profile in profiles:
        row: dict = {"slug": profile.slug, "display_name": profile.display_name}
        if _public(profile, "photo") and profile.photo:
            row["photo"] = media.add(profile.photo)
        if _public(profile, "country") and profile.country_id:
            row["country"] = profile.country_id
        if _public(profile, "organisation") and profile.organisation:
            row["organisation"] = profile.organisation
        if _public(profile, "role") and profile.role:
            row["role"] = profile.role
        if _public(profile, "bio") and profile.bio:
            row["bio"] = profile.bio
        if _public(profile, "expertise"):
            row["expertise_themes"] = _codes(profile.expertise_themes.all())
            row["expertise_tags"] = sorted(tag.name for tag in profile.expertise_tags.all())
        if _public(profile, "languages") and profile.languages:
            row["languages"] = profile.language_codes
        if _public(profile, "links") and profile.links:
            row["links"] = profile.links
        rows.append(row)
    return rows


def organisation_rows(media: MediaCollector) -> list[dict]:
    """Organisations, as their pages show them (merged ones are gone into the one kept)."""
    found = Organisation.objects.filter(merged_into=None).prefetch_related("countries").order_by("pk")
    return [
        {
            "id": o.pk,
            "name": o.name,
            "short_name": o.short_name,
            "kind": o.kind,
            "countries": _codes(o.countries.all()),
            "website": o.website,
            "description": o.description,
            "languages": o.language_codes,
            "logo": media.add(o.logo),
            "url": o.get_absolute_url(),
        }
        for o in found
    ]


def _names(item) -> dict:
    return {f"name_{code}": name for code, name in item.names().items()}


def taxonomy_rows() -> dict[str, list[dict]]:
    return {
        "sdgs": [{"number": s.number, **_names(s)} for s in SDG.objects.order_by("number")],
        "themes": [{"slug": t.slug, **_names(t)} for t in Theme.objects.all()],
        "modalities": [{"slug": m.slug, **_names(m), "description": m.description} for m in Modality.objects.all()],
        "regions": [{"code": r.code, "parent": r.parent_id or "", **_names(r)} for r in Region.objects.all()],
        "countries": [{"code": c.code, "name": c.name, "region": c.region_id} for c in Country.objects.all()],
    }


def export_site(output: str | Path) -> dict[str, int]:
    """Writes the open export into ``output`` (created if needed); returns rows per collection."""
    from django.utils import translation

    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    media = MediaCollector(output)
    with translation.override("en"):
        threads, posts = thread_and_post_rows()
        collections = {
            "solutions": solution_rows(media),
            "news": news_rows(),
            "resources": resource_rows(media),
            "threads": threads,
            "posts": posts,
            "profiles": profile_rows(media),
            "organisations": organisation_rows(media),
            **taxonomy_rows(),
        }
    for name, rows in collections.items():
        write_collection(output, name, rows)
    counts = {name: len(rows) for name, rows in collections.items()}
    counts["media_files"] = media.count
    summary = ", ".join(f"{name} {count}" for name, count in counts.items())
    (output / "README.txt").write_text(README.format(licence=LICENCE, counts=summary), encoding="utf-8")
    return counts
