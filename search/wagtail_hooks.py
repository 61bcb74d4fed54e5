from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from search import admin_views


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("reports/searches/", admin_views.search_terms_report, name="search_terms_report")]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return AdminOnlyMenuItem(_("Search terms"), reverse("search_terms_report"), icon_name="search", order=900)
