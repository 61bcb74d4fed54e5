"""The member's own account: overview, profile, export and deletion."""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community.account_data import delete_account, export_archive
from community.forms import ProfileForm
from community.models import Sanction
from community.permissions import has_verified_email, is_moderator
from community.profiles import profile_for, update_profile


@login_required
def overview(request):
    profile = profile_for(request.user)
    return render(
        request,
        "community/account.html",
        {
            "profile": profile,
            "verified": has_verified_email(request.user),
            "is_moderator": is_moderator(request.user),
            "sanctions": Sanction.objects.active().filter(user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_profile(request):
    profile = profile_for(request.user)  # always the signed-in member's own: there is no id to forge
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        update_profile(profile, form)
        messages.success(request, _("Your profile has been saved."))
        return redirect("account_profile")
    return render(
        request, "community/profile_form.html", {"form": form, "profile": profile}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def export(request):
    response = HttpResponse(export_archive(request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="minga-my-data.zip"'
    return response


@login_required
@reauthentication_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request):
    if request.method == "POST":
        choice = request.POST.get("contributions")
        if choice not in {"keep", "remove"}:
            messages.error(request, _("Choose what happens to your contributions."))
            return render(request, "community/delete_account.html", status=400)
        user = request.user
        logout(request)
        delete_account(user, keep_contributions=choice == "keep")
        messages.success(request, _("Your account has been deleted."))
        return redirect("/")
    return render(request, "community/delete_account.html")
