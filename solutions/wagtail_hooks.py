"""A "Translate into …" action for solutions in the admin: the translation is a draft sibling in
the other locale, linked to the original (see solutions/translation.py)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from solutions.models import Organisation, SolutionPage
from solutions.models.vocab import Language
from solutions.organisation_admin import OrganisationViewSet, duplicates_view
from solutions.organisations import link_typed_partners
from solutions.translation import translate_solution


@require_POST
def translate_view(request, pk: int, language: str):
    page = get_object_or_404(SolutionPage, pk=pk)
    if language not in Language.values or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translation = translate_solution(page, language, publish=False)
    return redirect("wagtailadmin_pages:edit", translation.pk)


@hooks.register("register_admin_urls")
def register_translate_url():
    return [
        path("solutions/<id:pk>/translate/<str:language>/", translate_view, name="solution_translate"),
        path("organisations/duplicates/", duplicates_view, name="organisation_duplicates"),
    ]


register_snippet(OrganisationViewSet)


@hooks.register("register_reports_menu_item")
def register_duplicates_menu_item():
    return MenuItem(_("Duplicate organisations"), reverse("organisation_duplicates"), icon_name="group", order=920)


@hooks.register("after_create_snippet")
def link_partners_typed_before(request, instance):
    """An organisation an editor creates takes the partners typed with its name before."""
    if isinstance(instance, Organisation):
        link_typed_partners(instance)


class TranslateButton(Button):
    template_name = "solutions/admin/translate_button.html"


@hooks.register("register_page_header_buttons")
def translate_buttons(page, user, view_name, next_url=None):
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page
    if not isinstance(specific, SolutionPage) or not page.permissions_for_user(user).can_edit():
        return
    existing = set(page.get_translations(inclusive=True).values_list("locale__language_code", flat=True))
    for code, name in Language.choices:
        if code not in existing:
            yield TranslateButton(
                _("Translate into %(language)s") % {"language": name},
                reverse("solution_translate", args=[page.pk, code]),
                priority=90,
            )
