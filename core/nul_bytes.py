"""NUL bytes in a request's path, query string or form fields are answered 400 before any view.

No text a person types holds a NUL, PostgreSQL refuses them in text values (every filter or save
with one failed with a 500), and SQLite's full-text search reads one as the end of the query.
A view that cleans any text it is given itself (the search page: any text is a search) says so
with a true ``cleans_its_own_text`` attribute and gets its query string as it came."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

NUL = "\x00"


def _holds_nul(params) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in params.lists())


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path:
            raise BadRequest(_("The request holds a NUL character."))
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if getattr(view, "cleans_its_own_text", False):
            return None
        # request.POST is only parsed for form posts (it is empty for other bodies) and files are not read.
        if _holds_nul(request.GET) or (request.method == "POST" and _holds_nul(request.POST)):
            raise BadRequest(_("The request holds a NUL character."))
        return None
