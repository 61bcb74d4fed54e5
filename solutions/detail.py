"""What a solution page shows besides its own fields: related records, files, badges, metadata."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from core.page_cache import memoized
from solutions.catalogue import published_solutions
from solutions.citation import citations
from solutions.models import PageViewCount, SolutionIndexPage, SolutionPage
from solutions.models.vocab import Language
from solutions.records import licence_of
from solutions.structured_data import solution_json_ld


def related_solutions(page, limit: int = 3) -> list:
    """The solutions sharing most themes and goals; ranking them scans the whole catalogue, so
    the ranking is kept until the next change (the same for every reader of a language)."""
    theme_ids = [t.pk for t in page.themes.all()]
    sdg_ids = [s.pk for s in page.sdgs.all()]
    if not theme_ids and not sdg_ids:
        return []

    def ranked_ids() -> list[int]:
        return list(
            published_solutions()
            .exclude(translation_key=page.translation_key)
            .filter(Q(themes__in=theme_ids) | Q(sdgs__in=sdg_ids))
            .annotate(
                shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
                + Count("sdgs", filter=Q(sdgs__in=sdg_ids), distinct=True)
            )
            .order_by("-shared", "-first_published_at")
            .values_list("pk", flat=True)[:limit]
        )

    ids = memoized(f"related-solutions:{page.pk}", ranked_ids)
    found = SolutionPage.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def grouped_attachments(page) -> list:
    """Each attached resource once, with all of its language versions."""
    attachments = page.attachments.select_related("resource").prefetch_related("resource__versions")
    return [a.resource for a in attachments]


def translations(page) -> list:
    return list(page.get_translations().live().select_related("locale"))


def solution_context(page, request) -> dict:
    catalogue = SolutionIndexPage.objects.live().first()
    views = PageViewCount.objects.filter(page_id=page.pk).values_list("count", flat=True).first() or 0
    return {
        "catalogue_url": catalogue.url if catalogue else "",
        "provider_countries": list(page.provider_countries.all()),
        "partners": list(page.partners.select_related("organisation")),
        "recipient_countries": list(page.recipient_countries.all()),
        "regions": [r for r in page.regions.all().order_by("code") if r.parent_id and r.parent_id != "001"],
        "related": related_solutions(page),
        "resources": grouped_attachments(page),
        "translations": translations(page),
        "view_count": views + 1,
        "language_label": Language(page.language).label,
        "json_ld": solution_json_ld(page, request),
        "citations": citations(page, page.get_full_url(request)),
        "licence": licence_of(page),
        "og_type": "article",
        "sections": [
            ("challenge", _("The challenge"), page.challenge),
            ("solution", _("The solution"), page.solution),
            ("results", _("Results"), page.results),
            ("lessons", _("Lessons learned"), page.lessons),
            ("sustainability", _("Sustainability and replicability"), page.sustainability),
        ],
    }
