"""Members and editors on an organisation's page: stating and confirming affiliations, editing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community.affiliations import (
    check_can_edit_organisation,
    confirm_affiliation,
    state_affiliation,
    withdraw_affiliation,
)
from community.forms import OrganisationForm
from community.models import Affiliation
from community.organisation_edits import update_organisation
from solutions.models import Organisation


def _organisation(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug, merged_into=None)


@login_required
@require_POST
def affiliation(request, slug: str):
    organisation = _organisation(slug)
    if request.POST.get("action") == "withdraw":
        withdraw_affiliation(request.user, organisation)
        messages.success(request, _("You are no longer listed as working here."))
    else:
        state_affiliation(request.user, organisation, " ".join(request.POST.get("role", "").split())[:200])
        messages.success(request, _("Saved. An editor of this organisation can now confirm it."))
    return redirect(organisation)


@login_required
@require_POST
def confirm(request, slug: str, pk: int):
    organisation = _organisation(slug)
    found = get_object_or_404(Affiliation, pk=pk, organisation=organisation)
    confirm_affiliation(request.user, found)
    messages.success(request, _("Affiliation confirmed."))
    return redirect(organisation)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, slug: str):
    organisation = _organisation(slug)
    check_can_edit_organisation(request.user, organisation)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        update_organisation(organisation, form)
        messages.success(request, _("The organisation's page has been saved."))
        return redirect(organisation)
    return render(
        request,
        "community/organisation_form.html",
        {"form": form, "organisation": organisation},
        status=400 if form.errors else 200,
    )
