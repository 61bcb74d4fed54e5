from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from search.analytics import top_queries

PERIOD_DAYS = 30


def search_terms_report(request):
    """What people searched for in the last 30 days, and what they did not find."""
    if not request.user.is_superuser and not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied(_("Only moderators and administrators can see search terms."))
    return render(
        request,
        "search/admin/search_terms_report.html",
        {
            "top": top_queries(PERIOD_DAYS),
            "zero": top_queries(PERIOD_DAYS, zero_only=True),
            "days": PERIOD_DAYS,
            "page_title": _("Search terms"),
        },
    )
