from __future__ import annotations

import datetime
import json

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from wagtail.admin.templatetags.wagtailuserbar import get_page_instance, wagtailuserbar

from core.i18n_urls import with_active_language

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
def datetime_attr(value: datetime.datetime | None) -> str:
    """A moment for a ``datetime`` attribute: HTML allows at most three digits of a second's
    fraction, and ``isoformat`` (the ``date:'c'`` filter) writes six."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's own address, absolute, without its query: a Wagtail page's through its Site
    (so it names the host the site is served on), any other page's through the request."""
    from wagtail.models import Page

    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page):
        return page.get_full_url(request)
    return request.build_absolute_uri(request.path) if request else ""


@register.filter
def localised_url(url: str | None) -> str:
    return with_active_language(url or "")


@register.simple_tag(takes_context=True)
def page_userbar(context) -> str:
    """Wagtail's user bar on Wagtail pages, where it offers to edit the page. Elsewhere it would
    only link to the admin, and asking whether the member may use the admin costs two queries."""
    if get_page_instance(context) is None:
        return ""
    facts = getattr(getattr(context.get("request"), "user", None), "facts", None)
    if getattr(facts, "admin", None) is False:
        return ""  # known from loading the member with their facts (``user.facts``)
    return wagtailuserbar(context)
