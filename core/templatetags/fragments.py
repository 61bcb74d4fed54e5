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

from django import template
from django.utils.safestring import SafeString

from core import csrf
from core.page_cache import memoized

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


@register.tag
def shared_fragment(parser, token):
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not parts:
        raise template.TemplateSyntaxError("shared_fragment needs a name, then the parts of its key.")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, parts)
