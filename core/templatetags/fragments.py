"""``{% shared_fragment "name" part … %}…{% endshared_fragment %}``: a piece of a page rendered
once per generation of the page cache (``core/page_cache.py``) and then shared by every visitor
whose key parts and language are the same, signed-in members included.

The key parts must name everything in the piece that differs between visitors (a moderator's
tools, a member's own posts). The one exception is the CSRF token, which belongs to one visitor:
the piece is rendered with a placeholder in its place, and each response gets its own token back.
Values the piece alone needs can be passed as callables, which the template calls only when the
piece is rendered, so a hit costs none of their queries.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString

from core import csrf
from core.page_cache import cache, memoized, request_generation, setting

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context) -> SafeString:
        raw = "\n".join(str(part.resolve(context)) for part in self.parts)  # memoized adds the language
        key = "fragment:" + hashlib.sha256(raw.encode()).hexdigest()

        def render_piece() -> str:
            with context.push(csrf_token=csrf.PLACEHOLDER):
                return str(self.nodelist.render(context))

        # The token is asked for only where the piece has a form: asking marks the response personal.
        return SafeString(csrf.put_token(memoized(key, render_piece), lambda: context.get("csrf_token", "")))


def fragment_tag(parser, token, node_class):
    """``{% name "piece" part … %}…{% endname %}``: the piece's body and the parts of its key."""
    name, *bits = token.split_contents()
    if not bits:
        raise template.TemplateSyntaxError(f"{name} needs a name, then the parts of its key.")
    nodelist = parser.parse((f"end{name}",))
    parser.delete_first_token()
    return node_class(nodelist, [parser.compile_filter(bit) for bit in bits])


@register.tag
def shared_fragment(parser, token):
    return fragment_tag(parser, token, SharedFragmentNode)


# What a piece of the site's chrome shows of the request it is on, as placeholders while it is
# rendered once for every page (``{{ here.full_path }}`` and so on), and each request's own value,
# escaped for HTML, put back after.
HERE = {
    "full_path": ("chrome-full-path-9e1c", lambda context: context["request"].get_full_path()),
    "path_quoted": ("chrome-path-quoted-9e1c", lambda context: quote(context["request"].path)),
    "q": ("chrome-search-text-9e1c", lambda context: context.get("q") or ""),
}
_chrome: dict[str, tuple[int, str]] = {}
CHROME_KEPT = 500


class SiteFragmentNode(SharedFragmentNode):
    def render(self, context) -> SafeString:
        request = context.get("request")
        if request is None:  # a page rendered outside a request (an error page without context)
            with context.push(here={}):
                return self.nodelist.render(context)
        raw = "\n".join([request.get_host(), *(str(part.resolve(context)) for part in self.parts)])

        def render_piece() -> str:
            here = {name: placeholder for name, (placeholder, _value) in HERE.items()}
            with context.push(csrf_token=csrf.PLACEHOLDER, here=here):
                return str(self.nodelist.render(context))

        piece = self.kept(raw, render_piece) if setting("PAGE_CACHE_ENABLED") else render_piece()
        for placeholder, value in HERE.values():
            if placeholder in piece:
                piece = piece.replace(placeholder, escape(value(context)))
        return SafeString(csrf.put_token(piece, lambda: context.get("csrf_token", "")))

    @staticmethod
    def kept(raw: str, render_piece) -> str:
        from django.utils.translation import get_language

        key = hashlib.sha256(f"{get_language()}\n{raw}".encode()).hexdigest()
        generation = request_generation(cache())
        found = _chrome.get(key)
        if found is not None and found[0] == generation:
            return found[1]
        piece = render_piece()
        if len(_chrome) >= CHROME_KEPT:
            _chrome.clear()
        _chrome[key] = (generation, piece)
        return piece


@register.tag
def site_fragment(parser, token):
    """``{% site_fragment "name" part … %}…{% endsite_fragment %}``: a piece of the site's chrome
    (header, footer), the same on every page for readers with the same key parts, language and
    host. It is rendered once per generation of the page cache and kept in this process, so a page
    reads it with no round trip at all (the generation is the one its request read). What it shows
    of the request comes from ``here`` (``here.full_path``, ``here.path_quoted``, ``here.q``) and the
    CSRF token: rendered as placeholders and put back, escaped, on every page."""
    return fragment_tag(parser, token, SiteFragmentNode)
