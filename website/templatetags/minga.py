from __future__ import annotations

import json

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from website.i18n_urls import with_active_language

register = template.Library()

# The characters json_script escapes, so user text can never close the script element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def paragraphs(text: str | None) -> SafeString:
    """Plain text with blank-line paragraphs, escaped, as <p> elements."""
    blocks = [block.strip() for block in (text or "").replace("\r\n", "\n").split("\n\n") if block.strip()]
    return format_html_join("\n", "<p>{}</p>", ((SafeString(escape(block).replace("\n", "<br>")),) for block in blocks))


@register.simple_tag
def json_ld(data: dict) -> SafeString:
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(payload))


@register.filter
def localised_url(url: str | None) -> str:
    return with_active_language(url or "")
