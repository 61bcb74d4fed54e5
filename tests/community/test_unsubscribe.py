"""Unsubscribing from email: following the link only asks (mail scanners follow links), a confirmed
form or an RFC 8058 one-click POST stops the emails."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client

from community.models import Channel, NotificationKind, NotificationPreference
from community.notifications import DIGEST, channel_for, notify, send_digests, set_channel, unsubscribe_token

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def strict_client() -> Client:
    """A mail client or scanner: no session, and CSRF checked as in production."""
    return Client(enforce_csrf_checks=True)


def link_for(member, kind: str = "mention") -> str:
    return f"/en/notifications/unsubscribe/{unsubscribe_token(member.pk, kind)}/"


def test_following_the_link_asks_and_changes_nothing(strict_client, member):
    response = strict_client.get(link_for(member))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<form method="post"', html) and "csrfmiddlewaretoken" in html
    assert "Mentions of you" in html
    assert channel_for(member.pk, "mention") == Channel.IMMEDIATE
    assert not NotificationPreference.objects.filter(user=member).exists()


def test_following_a_digest_link_lists_nothing_stopped_yet(strict_client, member):
    set_channel(member, "reply", Channel.DAILY)
    assert strict_client.get(link_for(member, DIGEST)).status_code == 200
    assert channel_for(member.pk, "reply") == Channel.DAILY


def test_confirming_the_form_unsubscribes(strict_client, member):
    link = link_for(member)
    strict_client.get(link)
    token = strict_client.cookies["csrftoken"].value
    response = strict_client.post(link, {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert channel_for(member.pk, "mention") == Channel.NONE


def test_a_plain_post_without_a_csrf_token_is_refused(strict_client, member):
    for data in ({}, {"List-Unsubscribe": "yes"}, {"confirm": "1"}):
        assert strict_client.post(link_for(member), data).status_code == 403
    assert channel_for(member.pk, "mention") == Channel.IMMEDIATE


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_one_click_post_needs_no_session_nor_csrf_token(strict_client, member, encoding):
    if encoding == "urlencoded":
        response = strict_client.post(
            link_for(member), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
    else:
        response = strict_client.post(link_for(member), ONE_CLICK)
    assert response.status_code == 200
    assert channel_for(member.pk, "mention") == Channel.NONE
    assert "sessionid" not in response.cookies


def test_one_click_with_a_forged_or_foreign_token_changes_nothing(strict_client, member):
    token = unsubscribe_token(member.pk, "mention")
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    for bad in (forged, unsubscribe_token(member.pk + 999, "mention"), unsubscribe_token(member.pk, "nonsense")):
        url = f"/en/notifications/unsubscribe/{bad}/"
        assert strict_client.post(url, ONE_CLICK).status_code == 400
        assert strict_client.get(url).status_code == 400
    assert channel_for(member.pk, "mention") == Channel.IMMEDIATE


def header_link(email) -> str:
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = email.extra_headers["List-Unsubscribe"]
    assert header.startswith("<https://") or header.startswith("<http://")
    link = header[1:-1]
    assert link in email.body  # the same link in the text, for people
    return urlsplit(link).path


@pytest.mark.parametrize("kind", NotificationKind.values)
def test_every_notification_email_can_be_stopped_with_one_click(
    strict_client, member, other, kind, django_capture_on_commit_callbacks
):
    set_channel(member, kind, Channel.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        notify(member.pk, kind, actor=other, text="Something happened", url="/en/")
    path = header_link(mail.outbox[-1])
    assert strict_client.get(path).status_code == 200
    assert channel_for(member.pk, kind) == Channel.IMMEDIATE  # a scanner following the link stops nothing
    assert strict_client.post(path, ONE_CLICK).status_code == 200
    assert channel_for(member.pk, kind) == Channel.NONE
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        notify(member.pk, kind, actor=other, text="Again", url="/en/")
    assert len(mail.outbox) == sent


def test_the_digest_can_be_stopped_with_one_click(strict_client, member, other):
    set_channel(member, NotificationKind.MATCH, Channel.DAILY)
    set_channel(member, NotificationKind.REPLY, Channel.DAILY)
    set_channel(member, NotificationKind.MENTION, Channel.IMMEDIATE)
    notify(member.pk, NotificationKind.MATCH, text="A knowledge request matches your expertise", url="/en/")
    notify(member.pk, NotificationKind.REPLY, actor=other, text="Bo replied", url="/en/")
    mail.outbox.clear()
    assert send_digests() == 1
    path = header_link(mail.outbox[-1])
    strict_client.get(path)
    assert channel_for(member.pk, NotificationKind.MATCH) == Channel.DAILY
    assert strict_client.post(path, ONE_CLICK).status_code == 200
    assert channel_for(member.pk, NotificationKind.MATCH) == Channel.NONE
    assert channel_for(member.pk, NotificationKind.REPLY) == Channel.NONE
    assert channel_for(member.pk, NotificationKind.MENTION) == Channel.IMMEDIATE  # not a digest kind
