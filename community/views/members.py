from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from community import ignoring
from community.directory import directory_context
from community.ignoring import ignored_ids
from community.models import IgnoredMember, Profile
from community.permissions import can_see_profile, can_take_part, is_author, is_moderator
from community.visibility import visible_fields
from core.page_cache import uncached
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
            "can_message": request.user.is_authenticated and not is_author(request.user, profile),
            "ignoring": profile.user_id in ignored_ids(request.user),
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


@uncached
@login_required
@require_safe
def ignored_list(request):
    ignored = IgnoredMember.objects.filter(user=request.user).select_related("ignored__profile").order_by("-pk")
    return render(request, "community/ignored.html", {"ignored": ignored})


@uncached
@login_required
@require_POST
def toggle_ignore(request, slug: str):
    profile = get_object_or_404(Profile.objects.select_related("user"), slug=slug, user__is_active=True)
    if request.POST.get("action") == "unignore":
        ignoring.unignore(request.user, profile.user)
        messages.success(request, _("You no longer ignore %(name)s.") % {"name": profile.display_name})
    else:
        ignoring.ignore(request.user, profile.user)
        messages.success(request, _("You ignore %(name)s now.") % {"name": profile.display_name})
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(next_url)
    return redirect("ignored_members")
