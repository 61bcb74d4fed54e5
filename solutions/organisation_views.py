"""The organisation directory and pages: public, cached for visitors like every page."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from solutions.models import Organisation
from solutions.organisation_directory import directory_context
from solutions.organisation_page import organisation_context


@require_safe
def directory(request):
    return render(request, "solutions/organisation_directory.html", directory_context(request))


@require_safe
def organisation(request, slug: str):
    found = get_object_or_404(
        Organisation.objects.select_related("merged_into").prefetch_related("countries"), slug=slug
    )
    if found.merged_into_id:
        return redirect(found.merged_into, permanent=True)
    return render(request, "solutions/organisation.html", organisation_context(found, request))
