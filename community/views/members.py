from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from community.directory import directory_context
from community.models import Profile
from community.permissions import can_see_profile, can_take_part, is_author, is_moderator
from community.visibility import visible_fields
from solutions.models import SolutionPage


@require_safe
def member_profile(request, slug: str):
    profile = get_object_or_404(Profile.objects.select_related("country", "user"), slug=slug)
    if not can_see_profile(request.user, profile):
        raise Http404
    show = visible_fields(request.user, profile)
    return render(
        request,
        "community/profile.html",
        {
            "profile": profile,
            "show": show,
            "bio_html": mark_safe(profile.bio_html) if show["bio"] else "",  # noqa: S308 - sanitised on save
            "is_owner": is_author(request.user, profile),
            "can_report": can_take_part(request.user) and not is_author(request.user, profile),
            "is_moderator": is_moderator(request.user),
            "solutions": SolutionPage.objects.live()
            .public()
            .filter(owner_id=profile.user_id)
            .order_by("-first_published_at")[:20],
            "awards": profile.awards.select_related("badge"),
        },
    )


@require_safe
def directory(request):
    context = directory_context(request)
    profiles, levels = context["profiles"], context["levels"]
    context["rows"] = SimpleLazyObject(
        lambda: [{"profile": p, "show": visible_fields(request.user, p, levels)} for p in profiles]
    )
    return render(request, "community/directory.html", context)
