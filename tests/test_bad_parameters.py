"""Bad ids, page numbers and bytes in parameters get a 4xx or are ignored, never a 500 (the walk
over every URL is tests/test_parameter_walk.py; these are the cases it found, one by one)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from community.models import Notification, Reaction
from core.params import positive_int

pytestmark = pytest.mark.django_db

NOT_NUMBERS = ["²", "٣", "１", "9" * 19, "9" * 5000, "-1", "0", "", " 1", "1.0", "+1", "0x1", "1e3", None, 7]


@pytest.mark.parametrize("raw", NOT_NUMBERS)
def test_only_short_ascii_digits_are_numbers(raw):
    assert positive_int(raw) is None


@pytest.mark.parametrize("raw, number", [("1", 1), ("007", 7), ("9" * 18, int("9" * 18))])
def test_ascii_digits_are_read(raw, number):
    assert positive_int(raw) == number


@pytest.fixture
def thread(make_member):
    from community.models import Category
    from community.posting import reply, start_thread

    author = make_member()
    other = make_member(email="bo@example.org", name="Bo Banda")
    category = Category.objects.create(name="Water", slug="water")
    thread = start_thread(author, title="Clean wells", body="How?", category=category, kind="question")
    reply(other, thread, "Chlorine.")
    return thread


@pytest.mark.parametrize("param", ["page", "quote"])
@pytest.mark.parametrize("value", ["²", "٣", "9" * 20, "9" * 5000])
def test_a_thread_reads_bad_page_and_quote_numbers_as_none(client, thread, param, value):
    response = client.get(thread.get_absolute_url(), {param: value})

    assert response.status_code == 200
    assert b"Chlorine." in response.content


@pytest.mark.parametrize("path", ["/en/account/solutions/{}/edit/", "/en/discussions/t/{}/", "/en/requests/{}/"])
def test_ids_wider_than_a_database_column_are_not_found(client, make_member, path):
    client.force_login(make_member())

    assert client.get(path.format("9" * 20)).status_code == 404


def test_document_ids_of_5000_digits_are_not_found(client, site_tree):
    assert client.get(f"/documents/{'9' * 5000}/guide.pdf").status_code == 404


@pytest.mark.parametrize("url", ["/en/requests/?theme=%00", "/en/members/?q=a%00b", "/en/report/%00/1/"])
def test_nul_bytes_anywhere_are_a_bad_request(client, site_tree, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_nul_bytes_in_a_form_are_a_bad_request(client, site_tree):
    response = client.post("/en/contact/", {"name": "A", "email": "a@example.org", "message": "Hi\x00"})

    assert response.status_code == 400


@pytest.fixture
def moderator_client(thread, make_member):
    moderator = make_member(email="mod@example.org", name="Mo Derator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(moderator)
    return client


@pytest.mark.parametrize("action, field", [("move", "category"), ("merge", "into")])
@pytest.mark.parametrize("value", ["abc", "²", "", "9" * 20])
def test_thread_tools_with_a_bad_target_are_not_found(moderator_client, thread, action, field, value):
    response = moderator_client.post(f"/en/moderation/thread/{thread.pk}/", {"action": action, field: value})

    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["held", "held-request", "solution-review", "message", "post", "solution"])
def test_review_decisions_on_bad_ids_are_reported_not_crashed(moderator_client, kind):
    response = moderator_client.post("/en/moderation/decide/", {"action": "approve", "items": f"{kind}:²"})

    assert response.status_code == 302


def test_a_review_decision_returns_to_any_relative_next(moderator_client, thread):
    post = thread.posts.last()
    response = moderator_client.post(
        "/en/moderation/decide/", {"action": "approve", "items": f"post:{post.pk}", "next": "²"}
    )

    assert response.status_code == 302


def test_revoking_a_bad_sanction_id_is_not_found(moderator_client, thread):
    slug = thread.author.profile.slug
    response = moderator_client.post(f"/en/moderation/member/{slug}/", {"revoke": "²"})

    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["thread", "category", "page"])
@pytest.mark.parametrize("target", ["²", "٣", "9" * 5000])
def test_following_a_bad_target_is_a_bad_request(client, thread, kind, target):
    client.force_login(thread.author)

    response = client.post("/en/discussions/follow/", {"kind": kind, "target": target, "next": "/"})

    assert response.status_code == 400


def test_marking_bad_notification_ids_read_marks_nothing(client, thread):
    client.force_login(thread.author)
    unread = Notification.objects.filter(recipient=thread.author, read_at__isnull=True).count()

    response = client.post("/en/notifications/read/", {"id": ["²", "9" * 20, "9" * 5000]})

    assert response.status_code == 302
    assert Notification.objects.filter(recipient=thread.author, read_at__isnull=True).count() == unread > 0


def test_a_visitor_taking_back_a_reaction_is_refused(client, thread):
    post = thread.posts.last()

    response = client.post(f"/en/discussions/p/{post.pk}/react/", {"kind": "helpful", "undo": "1"})

    assert response.status_code == 403
    assert not Reaction.objects.exists()


def test_a_request_naming_an_sdg_no_column_holds_gets_a_form_error(client, make_member):
    client.force_login(make_member())

    response = client.post("/en/requests/new/", {"title": "Wells", "sdgs": "9" * 20})

    assert response.status_code == 400
    assert "sdgs" in response.context["form"].errors
