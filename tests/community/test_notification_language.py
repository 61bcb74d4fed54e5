"""Notifications and their emails are written in the language the recipient reads the site in,
not in the language of the member whose action they report."""

import io
import json
import zipfile

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from community.decisions import hide
from community.models import Channel, Flag, Notification, Profile
from community.notifications import set_channel
from community.posting import reply
from community.targets import load

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


def language(user) -> str:
    return Profile.objects.get(user=user).language


def test_the_language_a_member_reads_the_site_in_is_remembered(client, member):
    client.force_login(member)
    assert language(member) == ""

    client.get("/es/discussions/")
    assert language(member) == "es"
    client.get("/fr/")
    assert language(member) == "fr"
    client.get("/api/v1/search/?q=agua")  # an address without a language changes nothing
    assert language(member) == "fr"
    client.get("/en/discussions/")
    assert language(member) == ""  # the site's default is stored blank
    client.get("/pt/")
    exported = json.loads(zipfile.ZipFile(io.BytesIO(client.post("/pt/account/export/").content)).read("data.json"))
    assert exported["profile"]["interface_language"] == "pt"  # the member's own data says it


def test_reading_in_the_recorded_language_writes_nothing(client, member, make_member):
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/discussions/")
    assert not [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "community_profile" in q["sql"]]

    client.get("/pt/discussions/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/pt/discussions/")
    assert not [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "community_profile" in q["sql"]]


def test_a_reply_is_announced_in_the_followers_language_not_the_authors(member, other, thread):
    Profile.objects.filter(user=member).update(language="es")
    with translation.override("en"):
        reply(other, thread, "Boil the water first.")
    with translation.override("es"):
        reply(member, thread, "¡Gracias!")  # the thread's author replies in Spanish: Bo hears in English

    assert (
        Notification.objects.get(recipient=member, kind="reply").text
        == "Bo Banda respondió en “How to keep wells clean?”"
    )
    assert (
        Notification.objects.get(recipient=other, kind="reply").text
        == "Ana Pereira replied in “How to keep wells clean?”"
    )


def test_the_email_of_a_notice_is_in_the_recipients_language(member, other, thread, django_capture_on_commit_callbacks):
    Profile.objects.filter(user=member).update(language="es")
    handle = Profile.objects.get(user=member).slug
    mail.outbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        reply(other, thread, f"@{handle} have you tried chlorination?")

    email = mail.outbox[-1]
    assert email.subject == "[Minga] Bo Banda mencionó su nombre en “How to keep wells clean?”"
    assert "Recibe este correo electrónico debido a su configuración de notificaciones" in email.body
    assert "/es/notifications/unsubscribe/" in email.body


def test_the_daily_digest_is_in_the_recipients_language(member, other, thread):
    Profile.objects.filter(user=member).update(language="es")
    set_channel(member, "reply", Channel.DAILY)
    with translation.override("en"):
        reply(other, thread, "one")
    mail.outbox.clear()

    call_command("send_digests")

    assert mail.outbox[0].subject == "[Minga] Su resumen diario"
    assert "Bo Banda respondió en" in mail.outbox[0].body


def test_a_moderators_decision_reaches_the_reporter_in_the_reporters_language(member, other, moderator, thread):
    post = reply(other, thread, "Buy my pills")
    Flag.objects.create(reporter=member, target_kind="post", target_id=post.pk, reason="spam")
    Profile.objects.filter(user=other).update(language="fr")
    with translation.override("es"):  # a Spanish-speaking moderator
        hide(moderator, load("post", post.pk), "spam")

    reporter_notice = Notification.objects.get(recipient=member, kind="moderation")
    assert reporter_notice.text.startswith("Your report about ")  # the reporter reads in English
    author_notice = Notification.objects.get(recipient=other, kind="moderation")
    assert author_notice.text.startswith("Les modérateurs ont masqué")


def test_a_language_the_site_no_longer_offers_falls_back_to_the_default(member, other, thread):
    Profile.objects.filter(user=member).update(language="xx")
    reply(other, thread, "Boil the water first.")
    assert Notification.objects.get(recipient=member, kind="reply").text.startswith("Bo Banda replied in")
