from __future__ import annotations

import datetime
import json
from functools import lru_cache

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.timesince import timesince
from django.utils.translation import get_language
from wagtail.admin.templatetags.wagtailuserbar import get_page_instance, wagtailuserbar

from core.i18n_urls import with_active_language

register = template.Library()

# The characters json_script escapes, so user text can never close the script element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ago(value) -> str:
    """How long ago ``value`` was, as ``timesince`` writes it ("3 days, 4 hours"), to the minute:
    worked out once a minute for each moment and language, not for every row of every page (a
    list of twenty-five spent a millisecond on it)."""
    if not value:
        return ""
    now = timezone.now().replace(second=0, microsecond=0)
    if isinstance(value, datetime.datetime):
        value = value.replace(second=0, microsecond=0)
    try:
        return _ago(value, now, get_language())
    except (ValueError, TypeError, AttributeError):  # not a moment: no answer rather than an error
        return ""


@lru_cache(maxsize=4096)
def _ago(value, now: datetime.datetime, language: str | None) -> str:
    return timesince(value, now)


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
