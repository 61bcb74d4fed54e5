"""Whole pages shared by every visitor who would be shown the same page, signed-in members
included, from the shared cache until the next change (the page cache's generation).

A view names what its page shows that differs between readers (``parts``: a moderator's tools, a
member's own posts, whether they follow the thread); a Wagtail page type declares it once, as
``reader_parts = ("comments",)``, naming parts that the app owning them registered here
(``reader_parts``). The header's differences (signed in or not, and what ``header_parts`` adds:
the unread count, the admin's user bar) and the URL with its language are always part of the key.
The CSRF token, which belongs to one visitor, is stored as a placeholder and each response gets
its own. A reader with a message waiting, a write, or an answer other than a plain 200 is never
shared.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache as once

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from core import csrf
from core.page_cache import (
    GENERATION_KEY,
    cache,
    count_views,
    current_page,
    generation_in,
    keep_page,
    kept_page,
    known_uncached,
    page_key,
    remember_generation,
    setting,
)
from core.registry import Registry

# What the site's header shows differently to signed-in readers, each a function of the member
# (community registers the unread count and the admin's user bar).
header_parts: Registry[Callable[[object], object]] = Registry("header part")
# What a page may show differently to readers with the same header, each a function of the request
# that must not depend on the page (``SharedPageMiddleware`` asks before it knows the page).
reader_parts: Registry[Callable[[object], object]] = Registry("reader part")


def reader(request) -> tuple:
    """What the site's header shows differently to this reader."""
    user = request.user
    if not user.is_authenticated:
        return ("visitor",)
    return ("member", *(part(user) for part in header_parts.values()))


def parts_for(request, names: tuple[str, ...]) -> tuple:
    """The values of the named reader parts for this reader."""
    return tuple((name, reader_parts[name](request)) for name in names)


def shareable(request) -> bool:
    return (
        setting("PAGE_CACHE_ENABLED")
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)  # Wagtail previews skip serve(); a custom one may not
        and "messages" not in request.COOKIES
        and not (hasattr(request, "session") and request.session.get("_messages"))
    )


def shared_key(request, parts: tuple) -> str:
    raw = "\n".join([page_key(request.META), get_language() or "", repr(reader(request)), repr(parts)])
    return "shared-page:v2:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def answer(request, entry, count_views_now: bool = False) -> HttpResponse:
    _generation, status, headers, content, _public, views = entry
    if count_views_now and views:
        count_views(views)
    if csrf.PLACEHOLDER_BYTES in content:
        content = content.replace(csrf.PLACEHOLDER_BYTES, get_token(request).encode())
    response = HttpResponse(content, status=status)
    if count_views_now:  # the page's own view did not run: its hits on an anonymous copy count too
        response.page_cache_views = list(views)
    for name, value in headers:
        response[name] = value
    response["X-Shared-Page"] = "hit"
    return response


def serve_shared(
    request,
    parts: tuple | None,
    render: Callable[[], HttpResponse],
    public: Callable[[], bool] = lambda: False,
    views: list | tuple = (),
) -> HttpResponse:
    """``render()``'s answer, or the one it gave a reader with the same ``parts`` in this
    generation; ``None`` for a page that is this reader's own. ``public()`` says whether anyone may
    see the page, so that ``SharedPageMiddleware`` may answer with it before routing, counting
    ``views`` (view counters, as for ``page_cache.count_views``) as the page itself would."""
    if parts is None or not shareable(request):
        return render()
    store, key = cache(), shared_key(request, parts)
    generation, entry = current_page(store, key)
    if entry is not None and entry[0] == generation:
        return answer(request, entry)
    response = render()
    if hasattr(response, "render"):
        response.render()
    personal = response.cookies or getattr(request, "_csp_nonce", None)
    if response.status_code == 200 and not response.streaming and not personal:
        content = csrf.hide_tokens(response.content)
        entry = (generation, response.status_code, list(response.items()), content, public(), list(views))
        store.set(key, entry, timeout=setting("PAGE_CACHE_SECONDS"))
        keep_page(key, entry)
    return response


class SharedPageMixin:
    """For Wagtail pages that show every reader the same page apart from the header and the
    ``reader_parts`` the page type declares. Wagtail checks a page's view restrictions before it
    calls ``serve``, so only readers who may see the page reach the shared copy; a page without
    restrictions is marked public, and ``SharedPageMiddleware`` answers with it before Wagtail
    routes the request at all."""

    # The one declaration a page type makes: the names of what it shows differently to readers
    # with the same header, each registered in ``reader_parts`` by the app that owns it.
    reader_parts: tuple[str, ...] = ()

    def counted_views(self) -> list:
        """View counters a pre-routed answer bumps, as this page's ``serve`` would."""
        return []

    def serve(self, request, *args, **kwargs):
        serve = super().serve
        return serve_shared(
            request,
            parts_for(request, self.reader_parts),
            lambda: serve(request, *args, **kwargs),
            public=lambda: not self.get_view_restrictions().exists(),
            views=self.counted_views(),
        )


@once
def declared_parts() -> tuple[tuple[str, ...], ...]:
    """Every combination of reader parts a shared page type declares."""
    from wagtail.models import get_page_models

    found = [model.reader_parts for model in get_page_models() if issubclass(model, SharedPageMixin)]
    return tuple(dict.fromkeys(found))


def page_types_with(part: str) -> list[type]:
    """The shared page types that declare ``part`` (the pages that show comments, say)."""
    from wagtail.models import get_page_models

    return [m for m in get_page_models() if issubclass(m, SharedPageMixin) and part in m.reader_parts]


class SharedPageMiddleware:
    """Last of the middleware: a reader of a public page that ``SharedPageMixin`` stored for a
    reader with the same header and parts is answered from it, before URL resolution and Wagtail's
    routing (a third of such a page's time). Any change to pages, sites or view restrictions starts
    a new generation, so the URL still leads to the same public page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if shareable(request) and not known_uncached(request.META):
            keys = [shared_key(request, parts_for(request, names)) for names in declared_parts()]
            kept = [entry for entry in map(kept_page, keys) if entry is not None and entry[4]]
            if kept:  # this process has the page: only the generation is read
                generation = remember_generation(generation_in(cache(), cache().get_many([GENERATION_KEY])))
                for entry in kept:
                    if entry[0] == generation:
                        return answer(request, entry, count_views_now=True)
            found = cache().get_many([GENERATION_KEY, *keys])
            generation = remember_generation(generation_in(cache(), found))
            for key in keys:
                entry = found.get(key)
                if entry is not None and entry[0] == generation and entry[4]:
                    keep_page(key, entry)
                    return answer(request, entry, count_views_now=True)
        return self.get_response(request)
