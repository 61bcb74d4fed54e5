"""The resources library: resources with their language versions, filterable by language and theme."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch

from solutions.models import Resource, ResourceDocument, Theme
from solutions.models.vocab import Language


def library_context(request) -> dict:
    resources = Resource.objects.prefetch_related(
        Prefetch("versions", queryset=ResourceDocument.objects.order_by("language")), "themes"
    )
    language = request.GET.get("language", "")
    if language in Language.values:
        resources = resources.filter(versions__language=language).distinct()
    else:
        language = ""
    theme = request.GET.get("theme", "")
    themes = list(Theme.objects.filter(resources__isnull=False).distinct())
    if theme in {t.slug for t in themes}:
        resources = resources.filter(themes__slug=theme)
    else:
        theme = ""
    query = request.GET.get("q", "").strip()[:200]
    if query:
        resources = resources.filter(title__icontains=query) | resources.filter(description__icontains=query)
    return {
        "resources": Paginator(resources.order_by("title"), 20).get_page(request.GET.get("page")),
        "languages": Language.choices,
        "themes": themes,
        "selected_language": language,
        "selected_theme": theme,
        "q": query,
    }
