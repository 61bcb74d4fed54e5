"""The inbox's rows, written in Python: as a template loop, twenty-five conversations with a
link, a count of new messages, the other members' names and a time cost more than every query of
the page together."""

from __future__ import annotations

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.templatetags.minga import ago, datetime_attr

register = template.Library()

SOME_ID = 918273645  # stands for each conversation's id in the one link reversed


@register.simple_tag
def conversation_rows(seats) -> SafeString:
    """A ``<li>`` for each of the member's seats, a dict of the conversation's ``conversation_id``,
    ``subject`` and ``last_message_at``, ``unread`` (messages not yet read) and ``others`` (the
    other members' display names, ``None`` for one whose profile is gone)."""
    before, after = reverse("conversation", args=[SOME_ID]).split(str(SOME_ID))
    former = _("Former member")
    rows = []
    for seat in seats:
        badge, unread, count = "", "", seat["unread"]
        if count > 0:
            unread = " unread"
            new = ngettext("%(counter)s new", "%(counter)s new", count) % {"counter": count}
            badge = f' <span class="badge-q">{escape(new)}</span>'
        names = ", ".join(escape(name or former) for name in seat["others"])
        moment, link = seat["last_message_at"], f"{before}{seat['conversation_id']}{after}"
        rows.append(
            f'<li class="conversation-row{unread}">\n'
            f'<h2 class="h3"><a href="{link}">{escape(seat["subject"])}</a>{badge}</h2>\n'
            f'<p class="card-meta"><span>{names}</span>\n'
            f'<time datetime="{escape(datetime_attr(moment))}">{escape(ago(moment))}</time></p>\n</li>\n'
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped
