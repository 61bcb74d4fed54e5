"""Page URLs follow the visitor's interface language, not the page's content locale.

Every page lives in one tree, so any page routes under any language prefix: a Spanish reader
keeps the Spanish interface while reading an English-language solution.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def with_active_language(path: str) -> str:
    active = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    parts = path.split("/", 2)
    if len(parts) < 3 or parts[1] not in LANGUAGE_CODES or active not in LANGUAGE_CODES:
        return path
    return f"/{active}/{parts[2]}"


class ActiveLanguageUrlMixin:
    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if not parts or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, with_active_language(page_path)


class SectionPageMixin:
    """Section pages (catalogue, library, news) show a translated title and introduction
    unless an editor has written their own."""

    default_title = ""
    default_intro = ""

    @property
    def heading(self) -> str:
        return section_title(self.__class__, self.title)

    @property
    def intro_text(self) -> str:
        return self.intro or str(self.default_intro)


def section_title(page_class, title: str) -> str:
    default = getattr(page_class, "default_title", "")
    if not default:
        return title
    with translation.override("en"):
        english = str(default)
    return str(default) if title == english else title


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that an API address not found stays a 404 in the API's own JSON: Wagtail's
    catch-all makes every /en/… path valid, so Django redirected every unknown API address (and
    every record the API did not find) to a page under /en/."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith("/api/"):
            return response
        if getattr(response, "language_chosen", False):
            # The client named the language in the address: the answer does not vary with
            # Accept-Language, so one copy serves every visitor (the page cache keeps it).
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
