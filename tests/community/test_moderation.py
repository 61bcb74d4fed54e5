"""Flags, holds, the queue, thread tools, sanctions, the audit log and the transparency page."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.utils import timezone

from community import decisions, sanctions
from community.facts import facts_of
from community.flags import flag
from community.models import ActionKind, Flag, ModerationAction, Notification, Post, Profile, Sanction, Thread
from community.posting import reply, start_thread
from community.targets import load
from search.engines.database import DatabaseEngine
from search.query import SearchQuery


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


@pytest.fixture
def production_trust(settings):
    settings.COMMUNITY_NEW_MEMBER_DAYS = 3
    settings.COMMUNITY_NEW_MEMBER_POSTS = 3


def search_titles(text):
    from django.http import QueryDict

    return [h.title for h in DatabaseEngine().search(SearchQuery.from_params(QueryDict(f"q={text}"))).hits]


def test_flags_from_enough_members_hide_the_post_until_a_moderator_decides(client, make_member, thread, moderator):
    answer = reply(make_member(email="w@example.org", name="Writer"), thread, "Buy cheap pills at spam.example")
    reporters = [make_member(email=f"r{n}@example.org", name=f"Reporter {n}") for n in range(3)]
    flag(reporters[0], load("post", answer.pk), "spam")
    flag(reporters[1], load("post", answer.pk), "spam")
    assert Post.objects.get(pk=answer.pk).status == "visible"
    with pytest.raises(Exception, match="already reported"):
        flag(reporters[1], load("post", answer.pk), "spam")
    flag(reporters[2], load("post", answer.pk), "other", "advertising")
    assert Post.objects.get(pk=answer.pk).status == "hidden"
    assert ModerationAction.objects.filter(action=ActionKind.AUTO_HIDE, target_id=answer.pk).exists()
    assert "cheap pills" not in client.get(thread.get_absolute_url()).content.decode()
    assert search_titles("pills") == []

    decisions.hide(moderator, load("post", answer.pk), "Advertising")
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()
    outcome = Notification.objects.filter(recipient=reporters[0], kind="moderation").get()
    assert "hidden" in outcome.text
    assert Notification.objects.filter(recipient__email="w@example.org", kind="moderation").exists()


def test_reporting_needs_a_reason_and_is_rate_limited(member_client, other, thread):
    post = reply(other, thread, "A reply")
    url = f"/en/report/post/{post.pk}/"
    assert member_client.post(url, {"reason": "other", "text": ""}).status_code == 400
    assert member_client.post(url, {"reason": "off-topic"}).status_code == 302
    assert Flag.objects.count() == 1
    from django.test import override_settings

    with override_settings(COMMUNITY_FLAG_RATE="2/h"):
        codes = [
            member_client.post(f"/en/report/thread/{thread.pk}/", {"reason": "spam"}).status_code for _ in range(3)
        ]
    assert codes[-1] == 429


def test_new_members_first_posts_and_link_heavy_posts_are_held(
    make_member, thread, moderator, client, production_trust
):
    newcomer = make_member(email="n@example.org", name="Newcomer")
    first = reply(newcomer, thread, "Hello everyone")
    assert first.status == "held"
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Hello everyone" not in html
    reply(newcomer, thread, "Second")
    links = reply(newcomer, thread, "See https://a.example and https://b.example")
    assert links.status == "held"
    decisions.approve_held(moderator, first)
    assert "Hello everyone" in client.get(thread.get_absolute_url()).content.decode()
    assert ModerationAction.objects.filter(action=ActionKind.APPROVE, target_id=first.pk).exists()
    assert Notification.objects.filter(recipient=newcomer, text__contains="now visible").exists()


def test_new_members_held_thread_is_hidden_until_approved(make_member, category, moderator, client, production_trust):
    newcomer = make_member(email="n2@example.org", name="Newcomer Two")
    thread = start_thread(newcomer, title="Fresh question about boreholes", body="Anyone?", category=category)
    assert "Fresh question" not in client.get("/en/discussions/").content.decode()
    client.force_login(newcomer)
    assert client.get(thread.get_absolute_url()).status_code == 200  # the author sees it waiting
    decisions.approve_held(moderator, thread.posts.get(position=1))
    client.logout()
    assert "Fresh question" in client.get("/en/discussions/").content.decode()


def test_new_members_post_more_slowly(client, make_member, thread, production_trust):
    newcomer = make_member(email="slow@example.org", name="Slow")
    client.force_login(newcomer)
    codes = [client.post(thread.get_absolute_url(), {"body": f"post {n}"}).status_code for n in range(4)]
    assert codes == [302, 302, 302, 429]


def test_queue_shows_flags_held_posts_and_messages_with_bulk_decisions(
    client, moderator, make_member, thread, production_trust
):
    held = reply(make_member(email="h@example.org", name="Held Writer"), thread, "Please approve me")
    flagged = reply(moderator, thread, "Moderators can be reported too")
    flag(make_member(email="f@example.org", name="Flagger"), load("post", flagged.pk), "abuse")
    client.post("/en/contact/", {"topic": "issue", "message": "The map is broken", "name": "Visitor"})
    client.force_login(moderator)
    response = client.get("/en/moderation/")
    keys = [item.key for item in response.context["items"]]
    assert f"held:{held.pk}" in keys and f"post:{flagged.pk}" in keys and any(k.startswith("message:") for k in keys)
    messages = [k for k in keys if k.startswith("message:")]
    client.post(
        "/en/moderation/decide/",
        {"action": "approve", "items": [f"held:{held.pk}", f"post:{flagged.pk}"], "reason": "ok"},
    )
    client.post("/en/moderation/decide/", {"action": "handled", "items": messages})
    assert client.get("/en/moderation/").context["items"] == []


def test_thread_tools_lock_pin_move_and_merge(client, moderator, member, category, thread):
    from community.models import Category

    other_category = Category.objects.create(name="Energy", slug="energy")
    second = start_thread(member, title="Duplicate about wells", body="Same question", category=category)
    client.force_login(moderator)
    url = f"/en/moderation/thread/{thread.pk}/"
    client.post(url, {"action": "lock"})
    client.post(url, {"action": "pin"})
    client.post(url, {"action": "move", "category": other_category.pk})
    thread.refresh_from_db()
    assert thread.is_locked and thread.is_pinned and thread.category == other_category
    client.force_login(member)
    assert client.post(thread.get_absolute_url(), {"body": "still talking"}).status_code == 403  # locked
    assert client.post(url, {"action": "unlock"}).status_code == 403  # members cannot use the tools
    client.force_login(moderator)
    client.post(f"/en/moderation/thread/{second.pk}/", {"action": "merge", "into": thread.pk})
    thread.refresh_from_db()
    assert thread.post_count == 2 and list(thread.posts.values_list("position", flat=True)) == [1, 2]
    assert client.get(second.get_absolute_url()).status_code == 301
    logged = set(ModerationAction.objects.values_list("action", flat=True))
    assert {"lock", "pin", "move", "merge"} <= logged


def test_moderators_edit_and_hide_any_post_from_the_site(client, moderator, member, thread):
    post = thread.posts.get(position=1)
    client.force_login(moderator)
    client.post(f"/en/discussions/p/{post.pk}/edit/", {"body": "Edited by a moderator"})
    assert Post.objects.get(pk=post.pk).body == "Edited by a moderator"
    client.post("/en/moderation/decide/", {"action": "hide", "items": [f"thread:{thread.pk}"], "reason": "duplicate"})
    assert Thread.objects.get(pk=thread.pk).is_hidden
    client.logout()
    assert client.get(thread.get_absolute_url()).status_code == 404
    feed = ElementTree.fromstring(client.get(f"/en/discussions/c/{thread.category.slug}/feed/").content)
    assert list(feed.iter("item")) == []


def test_sanctions_block_and_expire(client, moderator, member, thread):
    silence = sanctions.give(moderator, member, "silence", "Insults", timezone.now() + timedelta(days=1))
    client.force_login(member)
    response = client.post(thread.get_absolute_url(), {"body": "can I post?"})
    assert response.status_code == 403
    assert "Insults" in client.get("/en/account/").content.decode()  # visible to the member
    Sanction.objects.filter(pk=silence.pk).update(ends_at=timezone.now() - timedelta(minutes=1))
    facts_of(member).blocking_sanctions = None
    client.force_login(member)
    assert client.post(thread.get_absolute_url(), {"body": "back again"}).status_code == 302  # ended on its own

    sanctions.give(moderator, member, "suspension", "Spam wave", timezone.now() + timedelta(days=2))
    assert client.get("/en/account/").status_code == 302  # signed out
    answer = client.post("/en/accounts/login/", {"login": "ana@example.org", "password": "correct-horse-battery-42"})
    assert "_auth_user_id" not in client.session and answer.status_code == 403
    assert "Spam wave" in answer.content.decode()
    suspension = Sanction.objects.get(kind="suspension")
    sanctions.revoke(moderator, suspension, "Mistake")
    client.post("/en/accounts/login/", {"login": "ana@example.org", "password": "correct-horse-battery-42"})
    assert "_auth_user_id" in client.session
    assert {"sanction", "revoke"} <= set(ModerationAction.objects.values_list("action", flat=True))
    assert Notification.objects.filter(recipient=member, kind="moderation").count() == 3


def test_audit_log_cannot_be_edited_and_is_listed_in_the_admin(admin_client, moderator, thread):
    decisions.lock(moderator, thread)
    entry = ModerationAction.objects.get()
    entry.reason = "rewritten"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    html = admin_client.get("/admin/reports/moderation-log/", {"action": "lock"}).content.decode()
    assert "Thread locked" in html and thread.title in html
    assert "Moderation" in admin_client.get("/admin/").content.decode()


def test_transparency_page_shows_monthly_counts_without_personal_data(client, moderator, thread):
    decisions.lock(moderator, thread, reason="private reason")
    html = client.get("/en/transparency/").content.decode()
    assert "Thread locked" in html
    assert thread.title not in html and "private reason" not in html and "Mo Derator" not in html


def test_contact_form_honeypot_and_rate_limit(client, site_tree):
    from community.models import ContactMessage

    client.post("/en/contact/", {"topic": "contact", "message": "bot", "website": "http://spam"})
    assert not ContactMessage.objects.exists()
    codes = [client.post("/en/contact/", {"topic": "contact", "message": f"hello {n}"}).status_code for n in range(5)]
    assert codes[:4] == [302] * 4 and codes[4] == 429  # the bot's attempt counted too
    assert ContactMessage.objects.count() == 4


def test_flagged_profile_and_solution_disappear(moderator, make_member, make_solution, client):
    profile = Profile.objects.get(user=make_member(email="odd@example.org", name="Odd Profile"))
    decisions.hide(moderator, load("profile", profile.pk), "Fake account")
    assert client.get(profile.get_absolute_url()).status_code == 404
    assert "Odd Profile" not in client.get("/en/members/").content.decode()
    assert search_titles("Odd") == []
    page = make_solution(title="Dubious miracle solution")
    decisions.hide(moderator, load("solution", page.pk), "Unverifiable claims")
    assert client.get(page.url).status_code == 404
    assert "Dubious" not in client.get("/en/feeds/solutions/").content.decode()
    assert search_titles("miracle") == []
    decisions.restore(moderator, load("solution", page.pk), "Evidence provided")
    assert client.get(type(page).objects.get(pk=page.pk).url).status_code == 200


def test_decisions_never_redirect_off_site(client, moderator, thread):
    client.force_login(moderator)
    response = client.post(
        "/en/moderation/decide/",
        {"action": "approve", "items": [f"thread:{thread.pk}"], "next": "//evil.example/phish"},
    )
    assert response.url == "/en/moderation/"
    follow = client.post(
        "/en/discussions/follow/", {"kind": "thread", "target": thread.pk, "next": "https://evil.example/"}
    )
    assert follow.status_code == 403
