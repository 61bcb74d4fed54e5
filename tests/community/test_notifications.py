import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

from community.models import Channel, Notification, NotificationPreference, Profile
from community.notifications import set_channel, unsubscribe_token
from community.posting import reply
from community.reactions import react


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


def test_mentions_notify_at_once_by_email_with_an_unsubscribe_link(
    client, member, other, thread, django_capture_on_commit_callbacks
):
    handle = Profile.objects.get(user=member).slug
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(other, thread, f"@{handle} have you tried chlorination?")
    notification = Notification.objects.get(recipient=member, kind="mention")
    assert notification.post == post and "Bo Banda mentioned you" in notification.text
    assert f'href="/en/members/{handle}/"' in post.body_html
    email = mail.outbox[-1]
    assert email.to == ["ana@example.org"] and "mentioned you" in email.subject
    link = re.search(r"https?://\S+/notifications/unsubscribe/\S+/", email.body).group(0)
    assert email.extra_headers["List-Unsubscribe"] == f"<{link}>"


def test_followers_get_reply_notifications_and_the_bell_counts_them(client, member, other, thread):
    reply(other, thread, "First answer")
    assert Notification.objects.filter(recipient=member, kind="reply").count() == 1
    client.force_login(member)
    html = client.get("/en/discussions/").content.decode()
    assert 'class="unread-count" aria-hidden="true">1<' in html
    client.post("/en/notifications/read/")
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()


def test_reactions_are_batched_into_one_notification(member, other, make_member, thread):
    post = thread.posts.get(position=1)
    react(other, post, "helpful")
    react(make_member(email="x@example.org", name="Xu"), post, "thanks")
    notes = Notification.objects.filter(recipient=member, kind="reaction")
    assert notes.count() == 1 and notes.get().count == 2


def test_unsubscribe_link_needs_no_sign_in_and_cannot_be_forged(client, member):
    token = unsubscribe_token(member.pk, "mention")
    assert client.get(f"/en/notifications/unsubscribe/{token}/").status_code == 200  # asks first
    response = client.post(f"/en/notifications/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=member, kind="mention").channel == Channel.NONE
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert client.get(f"/en/notifications/unsubscribe/{forged}/").status_code == 400
    other_user = unsubscribe_token(member.pk + 999, "mention")
    assert client.get(f"/en/notifications/unsubscribe/{other_user}/").status_code == 400
    assert client.post(f"/en/notifications/unsubscribe/{forged}/", {"List-Unsubscribe": "One-Click"}).status_code == 400


def test_daily_digest_collects_the_day_in_one_email(member, other, thread):
    set_channel(member, "reply", Channel.DAILY)
    reply(other, thread, "one")
    reply(other, thread, "two")
    mail.outbox.clear()
    call_command("send_digests")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.count("replied in") == 2
    call_command("send_digests")
    assert len(mail.outbox) == 1  # nothing is sent twice


def test_no_email_when_the_member_chose_none(member, other, thread, django_capture_on_commit_callbacks):
    set_channel(member, "mention", Channel.NONE)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reply(other, thread, f"@{Profile.objects.get(user=member).slug} hi")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=member, kind="mention").exists()  # still in the app


def test_preferences_page(member_client, member):
    response = member_client.post(
        "/en/account/notifications/", {"reply": "none", "mention": "daily", "reaction": "bogus"}
    )
    assert response.status_code == 302
    prefs = dict(NotificationPreference.objects.filter(user=member).values_list("kind", "channel"))
    assert prefs == {"reply": "none", "mention": "daily"}


def test_toggling_a_mention_by_editing_notifies_the_member_once(
    member, other, thread, django_capture_on_commit_callbacks
):
    from community.posting import edit_post

    handle = Profile.objects.get(user=member).slug
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(other, thread, f"@{handle} have you tried chlorination?")
        for _ in range(3):
            edit_post(other, post, "Have you tried chlorination?")
            edit_post(other, post, f"@{handle} have you tried chlorination?")
    assert Notification.objects.filter(recipient=member, post=post).count() == 1
    assert len([email for email in mail.outbox if email.to == ["ana@example.org"]]) == 1


def test_a_mention_added_by_editing_notifies_once_and_not_as_a_follower_again(
    member, other, make_member, thread, django_capture_on_commit_callbacks
):
    from community.posting import edit_post

    third = make_member(email="cy@example.org", name="Cy Third")
    handle = Profile.objects.get(user=third).slug
    post = reply(other, thread, "No mention yet")
    assert Notification.objects.filter(recipient=member, post=post, kind="reply").count() == 1
    for _ in range(2):
        edit_post(other, post, f"Now @{handle} and @{Profile.objects.get(user=member).slug}")
        edit_post(other, post, "No mention again")
    assert Notification.objects.filter(recipient=third, post=post, kind="mention").count() == 1
    assert Notification.objects.filter(recipient=member, post=post).count() == 1  # told as a follower


def test_editing_posts_is_rate_limited(client, other, thread, settings):
    settings.COMMUNITY_POST_RATES = {"new": "2/m", "member": "2/m", "trusted": "2/m", "moderator": "2/m"}
    post = reply(other, thread, "First version")
    client.force_login(other)
    url = f"/en/discussions/p/{post.pk}/edit/"
    codes = [client.post(url, {"body": f"Version {n}"}).status_code for n in range(3)]
    assert codes == [302, 302, 429]
    response = client.post(url, {"body": "Version 4"})
    assert response.status_code == 429 and response["Retry-After"] == "60"
    post.refresh_from_db()
    assert post.body == "Version 1"
