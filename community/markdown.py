"""Member text: Markdown rendered to HTML, then cleaned with an allow-list (nh3). Links get
rel="nofollow ugc"; nothing that can run script survives."""

from __future__ import annotations

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "hr",
    "del", "sup", "sub", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> SafeString:
    html = md.markdown(text or "", extensions=["sane_lists", "tables", "fenced_code"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 with an allow-list above
