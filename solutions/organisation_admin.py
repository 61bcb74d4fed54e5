"""Organisations in the Wagtail admin: the list, and the likely duplicates an editor merges."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.snippets.views.snippets import SnippetViewSet

from core.params import positive_int
from solutions.models import Organisation
from solutions.organisations import merge, possible_duplicates


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = gettext_lazy("Organisations")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "short_name", "kind", "updated_at"]
    list_filter = ["kind", "countries"]
    search_fields = ["name", "short_name"]
    panels = ["name", "short_name", "kind", "countries", "website", "description", "editors"]

    def get_queryset(self, request):
        return Organisation.objects.filter(merged_into=None)


def check_can_merge(user) -> None:
    if not user.has_perm("solutions.change_organisation"):
        raise PermissionDenied(_("Only editors of organisations may merge them."))


@require_http_methods(["GET", "HEAD", "POST"])
def duplicates_view(request):
    """Groups of likely duplicates; the editor picks the one to keep and merges the others in."""
    check_can_merge(request.user)
    if request.method == "POST":
        kept = Organisation.objects.filter(pk=positive_int(request.POST.get("kept")), merged_into=None).first()
        ids = {positive_int(value) for value in request.POST.getlist("merge")} - {None}
        others = list(Organisation.objects.filter(pk__in=ids, merged_into=None).exclude(pk=getattr(kept, "pk", None)))
        if kept is None or not others:
            messages.error(request, _("Choose the organisation to keep and at least one to merge into it."))
        else:
            merge(kept, others)
            messages.success(request, _("%(count)d merged into %(name)s.") % {"count": len(others), "name": kept.name})
        return redirect("organisation_duplicates")
    return render(
        request,
        "solutions/admin/organisation_duplicates.html",
        {"groups": possible_duplicates(), "page_title": _("Likely duplicate organisations")},
    )
