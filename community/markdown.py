"""Member text: Markdown rendered to HTML, then cleaned with an allow-list (nh3). Links get
rel="nofollow ugc"; nothing that can run script survives.

Rendering takes time linear in the text whatever it holds (``community.markdown_bounds``), so no
member can tie up a worker with a post or a profile."""

from __future__ import annotations

import markdown as md
import nh3
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

from community.markdown_bounds import BoundedMarkdown, TooMuchMarkup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "hr",
    "del", "sup", "sub", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["sane_lists", "tables", "fenced_code", BoundedMarkdown()]


def markdown_to_html(text: str) -> str:
    """Unsanitised HTML. Text with more markup than is worth rendering, or nested past what Python's
    stack holds, is shown as plain paragraphs."""
    try:
        return md.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    except (TooMuchMarkup, RecursionError):
        return linebreaks(text, autoescape=True)


def render_markdown(text: str) -> SafeString:
    cleaned = nh3.clean(
        markdown_to_html(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 with an allow-list above
