"""Members write solutions and send them for review; they never publish directly."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from community import solution_review
from community.moderation_forms import SubmissionForm
from community.permissions import can_take_part
from solutions.importing import RecordValidator, Vocabularies
from solutions.models import SolutionPage

FORM_FIELDS = set(SubmissionForm.base_fields)


@login_required
@require_safe
def my_solutions(request):
    return render(request, "community/my_solutions.html", {"rows": solution_review.member_solutions(request.user)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_submission(request, pk: int | None = None):
    if not can_take_part(request.user):
        raise PermissionDenied(_("Verify your email address before taking part."))
    page = None
    if pk is not None:
        page = get_object_or_404(SolutionPage, pk=pk, owner=request.user)  # another member's id finds nothing
        page = page.get_latest_revision_as_object()
    form = SubmissionForm(request.POST or None, initial=SubmissionForm.initial_for(page) if page else None)
    if request.method == "POST" and form.is_valid():
        record = form.to_record()
        validator = RecordValidator(0, record, Vocabularies())
        clean = validator.run()
        for error in validator.errors:
            field = error.field if error.field in FORM_FIELDS else None
            form.add_error(
                field,
                f"{error.problem}" + (f" ({error.allowed})" if error.allowed and field != "provider_countries" else ""),
            )
        if not validator.errors:
            saved = solution_review.save_submission(
                request.user, clean, page=SolutionPage.objects.get(pk=pk) if pk else None
            )
            if "submit" in request.POST:
                solution_review.submit(request.user, saved)
                messages.success(request, _("Sent for review. The moderators will publish it or ask for changes."))
            else:
                messages.success(request, _("Draft saved."))
            return redirect("my_solutions")
    return render(
        request, "community/submission_form.html", {"form": form, "page": page}, status=400 if form.errors else 200
    )
