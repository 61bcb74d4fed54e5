"""The inbox's rows (community/templatetags/inbox.py) and the ``ago`` filter they use."""

from __future__ import annotations

import datetime

from django.utils import timezone, translation
from django.utils.timesince import timesince

from community.templatetags.inbox import conversation_rows
from core.templatetags.minga import ago


def test_rows_escape_subjects_and_names_and_count_what_is_new():
    moment = timezone.now() - datetime.timedelta(days=3, hours=4)
    seats = [
        {
            "conversation_id": 7,
            "subject": "<script>x</script> & co",
            "last_message_at": moment,
            "unread": 2,
            "others": ["Ana <b>", None],
        },
        {"conversation_id": 8, "subject": "Wells", "last_message_at": moment, "unread": 0, "others": []},
    ]
    with translation.override("es"):
        html = conversation_rows(seats)
    assert "<script>" not in html and "<b>" not in html
    assert '<a href="/es/conversations/7/">&lt;script&gt;x&lt;/script&gt; &amp; co</a>' in html
    assert html.count('class="conversation-row unread"') == 1 and html.count('class="conversation-row"') == 1
    assert '<span class="badge-q">2 nuevos</span>' in html
    assert "Ana &lt;b&gt;, " in html and html.count("</li>") == 2
    assert html.count("3\xa0días, 4\xa0horas") == 2


def test_ago_reads_as_timesince_to_the_minute_in_the_active_language():
    now = timezone.now()
    for delta in (datetime.timedelta(minutes=5), datetime.timedelta(days=40, hours=2), datetime.timedelta(days=800)):
        then = (now - delta).replace(second=0, microsecond=0)
        with translation.override("fr"):
            assert ago(then) == timesince(then, now.replace(second=0, microsecond=0))
    assert ago(None) == "" and ago("not a moment") == ""
