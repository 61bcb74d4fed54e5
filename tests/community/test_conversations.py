"""Private conversations: who may start and read them, notifications, the inbox and the header's
count, leaving and adding people, new members' limits, reports, export and erasure."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from community import conversations
from community.account_data import delete_account, export_data
from community.ignoring import ignore
from community.models import (
    Channel,
    ConversationMember,
    ConversationsFrom,
    Flag,
    Message,
    Notification,
    PostStatus,
    Profile,
)
from community.notifications import set_channel
from community.posting import reply, start_thread


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


@pytest.fixture
def third(make_member):
    return make_member(email="cy@example.org", name="Cy Third")


def start(sender, *recipients, body="Hello, can we talk about your wells?", subject="Wells"):
    return conversations.start_conversation(sender, list(recipients), subject=subject, body=body)


def test_starting_a_conversation_notifies_the_recipient_by_email_with_an_unsubscribe_link(
    member, other, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        conversation = start(member, other, body="Hello **Bo**")
    message = conversation.messages.get()
    assert message.body_html == "<p>Hello <strong>Bo</strong></p>" and message.status == PostStatus.VISIBLE
    notice = Notification.objects.get(recipient=other, kind="message")
    assert notice.conversation == conversation and "Ana Pereira wrote to you" in notice.text
    assert not Notification.objects.filter(recipient=member).exists()
    email = mail.outbox[-1]
    assert email.to == ["bo@example.org"]
    link = re.search(r"https?://\S+/notifications/unsubscribe/\S+/", email.body).group(0)
    assert email.extra_headers["List-Unsubscribe"] == f"<{link}>"


def test_messages_in_one_unread_conversation_are_one_notice_and_one_email(
    member, other, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        conversation = start(member, other)
        conversations.send(member, conversation, "And another thing")
    notice = Notification.objects.get(recipient=other, kind="message")
    assert notice.count == 2 and len(mail.outbox) == 1


@pytest.mark.parametrize(("channel", "emails"), [(Channel.NONE, 0), (Channel.DAILY, 0), (Channel.IMMEDIATE, 1)])
def test_message_email_follows_the_members_setting(member, other, channel, emails, django_capture_on_commit_callbacks):
    set_channel(other, "message", channel)
    with django_capture_on_commit_callbacks(execute=True):
        start(member, other)
    assert len(mail.outbox) == emails
    if channel == Channel.DAILY:
        from community.notifications import send_digests

        assert send_digests() == 1 and "wrote to you" in mail.outbox[-1].body


def test_inbox_header_and_reading(client, member, other):
    conversation = start(member, other)
    client.force_login(other)
    html = client.get("/en/discussions/").content.decode()
    assert "(1 unread)" in html and 'class="unread-count" aria-hidden="true">1<' in html
    inbox = client.get("/en/conversations/")
    assert inbox.status_code == 200 and "1 new" in inbox.content.decode() and "Wells" in inbox.content.decode()
    page = client.get(f"/en/conversations/{conversation.pk}/")
    assert page.status_code == 200 and "Hello, can we talk" in page.content.decode()
    assert ConversationMember.objects.get(user=other).last_read_position == 1
    assert not Notification.objects.filter(recipient=other, read_at__isnull=True).exists()
    html = client.get("/en/discussions/").content.decode()
    assert "unread)" not in html
    response = client.post(f"/en/conversations/{conversation.pk}/", {"body": "Yes, gladly"})
    assert response.status_code == 302
    assert ConversationMember.objects.get(user=member).last_read_position == 1  # not read yet by Ana
    assert ConversationMember.objects.get(user=other).last_read_position == 2  # one's own message is read


def test_nobody_else_reads_a_conversation_not_even_a_moderator(client, member, other, third, moderator):
    conversation = start(member, other)
    message = conversation.messages.get()
    for outsider in (third, moderator):
        client.force_login(outsider)
        assert client.get(f"/en/conversations/{conversation.pk}/").status_code == 404
        assert client.post(f"/en/conversations/{conversation.pk}/", {"body": "sneaking in"}).status_code == 404
        assert client.post(f"/en/conversations/{conversation.pk}/leave/").status_code == 404
        assert client.post(f"/en/conversations/{conversation.pk}/add/", {"to": "x"}).status_code == 404
        assert client.get(f"/en/report/private/{message.pk}/").status_code == 404
        assert "Wells" not in client.get("/en/conversations/").content.decode()
    client.force_login(moderator)
    assert client.get(f"/en/moderation/private/{message.pk}/").status_code == 403  # nothing reported
    assert Message.objects.filter(conversation=conversation).count() == 1
    client.logout()
    assert client.get(f"/en/conversations/{conversation.pk}/").status_code == 302  # to sign in


def test_attachments_are_checked_as_for_posts_and_served_only_to_participants(client, member, other, third):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(member)
    fake = SimpleUploadedFile("notes.pdf", b"not a pdf", content_type="application/pdf")
    slug = Profile.objects.get(user=other).slug
    refused = client.post("/en/conversations/new/", {"to": slug, "subject": "Notes", "body": "See", "files": [fake]})
    assert refused.status_code == 400 and "is not what its name says" in refused.content.decode()
    pdf = SimpleUploadedFile("notes.pdf", b"%PDF-1.4 tiny", content_type="application/pdf")
    client.post("/en/conversations/new/", {"to": slug, "subject": "Notes", "body": "See", "files": [pdf]})
    attachment = Message.objects.get(conversation__subject="Notes").attachments.get()
    client.force_login(other)
    assert client.get(f"/en/conversations/files/{attachment.pk}/").status_code == 200
    client.force_login(third)
    assert client.get(f"/en/conversations/files/{attachment.pk}/").status_code == 404


def test_a_member_may_refuse_conversations_from_everyone_or_from_strangers(member, other, moderator, category):
    Profile.objects.filter(user=other).update(conversations_from=ConversationsFrom.NOBODY)
    with pytest.raises(PermissionDenied):
        start(member, other)
    start(moderator, other)  # moderators may always write
    Profile.objects.filter(user=other).update(conversations_from=ConversationsFrom.CONTACTS)
    with pytest.raises(PermissionDenied):
        start(member, other)
    thread = start_thread(other, title="Pumps and wells", body="Which pump?", category=category)
    reply(member, thread, "A treadle pump.")
    assert start(member, other).members.count() == 2  # they have talked since


def test_an_ignored_member_cannot_start_a_conversation_and_their_messages_are_silent(member, other, third):
    conversation = start(member, other, third)
    ignore(other, member)
    with pytest.raises(PermissionDenied):
        start(member, other)
    Notification.objects.all().delete()
    conversations.send(member, conversation, "Still here")
    assert not Notification.objects.filter(recipient=other).exists()
    assert Notification.objects.filter(recipient=third, kind="message").exists()


def test_at_most_ten_other_members(member, make_member, settings):
    settings.COMMUNITY_NEW_MEMBER_DAYS = 0
    settings.COMMUNITY_NEW_MEMBER_POSTS = 0
    many = [make_member(email=f"m{n}@example.org", name=f"Member {n}") for n in range(11)]
    with pytest.raises(ValidationError):
        start(member, *many)
    conversation = start(member, *many[:10])
    assert conversation.members.count() == 11
    with pytest.raises(ValidationError):
        start(member)  # nobody to write to


def test_new_members_start_a_few_conversations_a_day_and_their_links_are_held(
    client, member, other, moderator, settings
):
    settings.COMMUNITY_NEW_MEMBER_DAYS, settings.COMMUNITY_NEW_MEMBER_POSTS = 3, 3
    settings.COMMUNITY_NEW_MEMBER_MAX_LINKS = 1
    for n in range(3):
        start(member, other, subject=f"Hello {n}")
    with pytest.raises(PermissionDenied):
        start(member, other, subject="One too many")
    conversation = ConversationMember.objects.filter(user=member).first().conversation
    held = conversations.send(member, conversation, "See https://a.example/x and https://b.example/y")
    assert held.status == PostStatus.HELD
    client.force_login(other)
    assert "a.example" not in client.get(f"/en/conversations/{conversation.pk}/").content.decode()
    client.force_login(moderator)
    queue = client.get("/en/moderation/").content.decode()
    assert f"held-message:{held.pk}" in queue
    client.post("/en/moderation/decide/", {"items": f"held-message:{held.pk}", "action": "approve"})
    held.refresh_from_db()
    assert held.status == PostStatus.VISIBLE
    client.force_login(other)
    assert "a.example" in client.get(f"/en/conversations/{conversation.pk}/").content.decode()


def test_participants_leave_and_the_starter_adds_people(client, member, other, third):
    conversation = start(member, other)
    with pytest.raises(PermissionDenied):
        conversations.add_members(other, conversation, [third])
    conversations.add_members(member, conversation, [third])
    assert Notification.objects.filter(recipient=third, conversation=conversation).exists()
    client.force_login(third)
    assert client.get(f"/en/conversations/{conversation.pk}/").status_code == 200
    assert client.post(f"/en/conversations/{conversation.pk}/leave/").status_code == 302
    assert client.get(f"/en/conversations/{conversation.pk}/").status_code == 404
    Notification.objects.all().delete()
    conversations.send(member, conversation, "Anyone?")
    assert not Notification.objects.filter(recipient=third).exists()
    conversations.leave(other, conversation)
    with pytest.raises(PermissionDenied):
        conversations.send(member, conversation, "Alone now")


def test_a_reported_message_is_seen_by_moderators_with_the_ones_before_it_only(client, member, other, moderator):
    conversation = start(member, other, body="First words")
    bad = conversations.send(member, conversation, "Something abusive")
    conversations.send(member, conversation, "Something later")
    client.force_login(other)
    response = client.post(f"/en/report/private/{bad.pk}/", {"reason": "abuse"})
    assert response.status_code == 302
    assert Flag.objects.filter(target_kind="private", target_id=bad.pk).exists()
    client.force_login(moderator)
    queue = client.get("/en/moderation/").content.decode()
    assert f"private:{bad.pk}" in queue and f"/en/moderation/private/{bad.pk}/" in queue
    review = client.get(f"/en/moderation/private/{bad.pk}/").content.decode()
    assert "First words" in review and "Something abusive" in review and "Something later" not in review
    assert client.get(f"/en/conversations/{conversation.pk}/").status_code == 404
    client.post("/en/moderation/decide/", {"items": f"private:{bad.pk}", "action": "hide", "reason": "Abuse"})
    bad.refresh_from_db()
    assert bad.status == PostStatus.HIDDEN
    assert Notification.objects.filter(recipient=member, kind="moderation").exists()
    client.force_login(other)
    assert "Something abusive" not in client.get(f"/en/conversations/{conversation.pk}/").content.decode()


def test_conversations_are_exported_and_erased_with_the_account(member, other):
    conversation = start(member, other, body="Private words")
    conversations.send(other, conversation, "Reply words")
    exported = export_data(member)["conversations"]
    assert exported[0]["subject"] == "Wells"
    assert [m["body"] for m in exported[0]["messages"]] == ["Private words", "Reply words"]
    delete_account(member, keep_contributions=False)
    message = Message.objects.get(position=1)
    assert message.author is None and message.body == "" and message.status == PostStatus.HIDDEN
    assert Message.objects.get(position=2).body == "Reply words"


def test_conversation_pages_are_never_cached(client, member, other, page_cache):
    conversation = start(member, other)
    client.force_login(other)
    for url in ("/en/conversations/", f"/en/conversations/{conversation.pk}/", "/en/account/bookmarks/"):
        response = client.get(url)
        assert getattr(response, "page_cache_exempt", False), url
        assert "X-Shared-Page" not in response


def test_the_inbox_lists_newest_first_and_pages(client, member, other, settings):
    from community.views.conversations import CONVERSATIONS_PER_PAGE

    settings.COMMUNITY_NEW_MEMBER_DAYS = 0
    talks = [start(member, other, subject=f"Talk {n:02d}") for n in range(CONVERSATIONS_PER_PAGE + 1)]
    conversations.send(member, talks[0], "Bringing the first one back up")
    client.force_login(other)
    first = client.get("/en/conversations/").content.decode()
    titles = re.findall(r">(Talk \d\d)</a>", first)
    assert titles[:2] == ["Talk 00", f"Talk {CONVERSATIONS_PER_PAGE:02d}"] and len(titles) == CONVERSATIONS_PER_PAGE
    second = client.get("/en/conversations/?page=2").content.decode()
    assert re.findall(r">(Talk \d\d)</a>", second) == ["Talk 01"]
    assert client.get("/en/conversations/?page=x").status_code == 200


def test_bad_input_gets_a_form_error_and_sends_nothing(client, member, other):
    client.force_login(member)
    slug = Profile.objects.get(user=other).slug
    cases = [
        ({"to": "no-such-member", "subject": "Hi", "body": "Hello"}, "No member at: no-such-member"),
        ({"to": slug, "subject": "x" * 201, "body": "Hello"}, "at most 200 characters"),
        ({"to": slug, "subject": "Hi", "body": ""}, "This field is required"),
        ({"to": Profile.objects.get(user=member).slug, "subject": "Hi", "body": "Me"}, "Choose at least one member"),
        ({"to": "", "subject": "Hi", "body": "Hello"}, "This field is required"),
    ]
    for data, error in cases:
        response = client.post("/en/conversations/new/", data)
        assert response.status_code == 400 and error in response.content.decode(), data
    assert not Message.objects.exists()
    assert client.get(f"/en/conversations/new/?to={slug}").status_code == 200
    client.logout()
    assert client.get(f"/en/conversations/new/?to={slug}").status_code == 302


def test_the_review_page_leads_to_the_authors_sanctions(client, member, other, moderator):
    conversation = start(other, member, body="Rude words")
    rude = conversation.messages.get()
    client.force_login(member)
    client.post(f"/en/report/private/{rude.pk}/", {"reason": "abuse"})
    client.force_login(moderator)
    review = client.get(f"/en/moderation/private/{rude.pk}/").content.decode()
    assert f"/en/moderation/member/{other.profile.slug}/" in review


def test_who_may_write_is_chosen_on_the_notification_settings_page(client, member, other):
    client.force_login(other)
    page = client.get("/en/account/notifications/").content.decode()
    assert 'name="conversations_from" value="everyone" checked' in page and "Private messages" in page
    client.post("/en/account/notifications/", {"conversations_from": "nobody"})
    assert Profile.objects.get(user=other).conversations_from == ConversationsFrom.NOBODY
    client.post("/en/account/notifications/", {"conversations_from": "bogus"})
    assert Profile.objects.get(user=other).conversations_from == ConversationsFrom.NOBODY
    client.force_login(member)
    refused = client.post(
        "/en/conversations/new/", {"to": Profile.objects.get(user=other).slug, "subject": "Hi", "body": "Hello"}
    )
    assert refused.status_code == 400 and "does not accept conversations from you" in refused.content.decode()


def test_conversations_never_reach_search_feeds_or_the_sitemap(client, member, other, thread):
    conversation = start(member, other, subject="Quokkaplan secret", body="Quokkaplan details")
    for url in ("/sitemap.xml", f"/en/discussions/c/{thread.category.slug}/feed/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"uokkaplan" not in response.content and conversation.get_absolute_url().encode() not in response.content
    for who in (None, other):
        if who:
            client.force_login(who)
        found = client.get("/api/v1/search/?q=quokkaplan").json()
        assert found["count"] == 0 and not found["results"], found
        page = client.get("/en/search/?q=quokkaplan").content
        assert conversation.get_absolute_url().encode() not in page and b"Quokkaplan details" not in page


def test_the_inbox_names_everyone_else_in_each_conversation(client, member, other, third):
    """Whoever reads the inbox, each row names the other participants, with no one of them left
    out or a separator left over, and not the reader."""
    start(member, other, third)
    for reader, others in (
        (member, "Bo Banda, Cy Third"),
        (other, "Ana Pereira, Cy Third"),
        (third, "Ana Pereira, Bo Banda"),
    ):
        client.force_login(reader)
        html = client.get("/en/conversations/").content.decode()
        assert f"<span>{others}</span>" in html
