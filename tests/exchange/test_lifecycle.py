"""A request from draft to fulfilled, who may do what on the way, holds and expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from community.models import Notification, NotificationKind
from exchange import lifecycle
from exchange.models import Exchange, KnowledgeRequest, Offer, OfferStatus, RequestStatus

pytestmark = pytest.mark.django_db


def statuses(request) -> list[str]:
    return list(request.events.values_list("status", flat=True))


def test_a_draft_is_seen_by_its_author_only(make_request, member, other, client):
    draft = make_request(member, publish=False)
    assert draft.status == RequestStatus.DRAFT
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 200


def test_the_whole_lifecycle(make_request, member, other, client):
    request = make_request(member, publish=False)
    lifecycle.open_request(member, request)
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN and request.opened_at
    assert request.deadline == timezone.localdate() + timedelta(days=60)

    offer = lifecycle.make_offer(other, request, summary="We paid through mobile money agents in Kenya.")
    assert Notification.objects.filter(recipient=member, kind=NotificationKind.OFFER).count() == 1

    exchange = lifecycle.accept_offer(member, offer, starts_on=timezone.localdate())
    request.refresh_from_db()
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert request.status == RequestStatus.IN_DIALOGUE
    assert (exchange.requester, exchange.provider) == (member, other)
    assert Notification.objects.filter(recipient=other, kind=NotificationKind.OFFER).count() == 1

    lifecycle.publish_reply(member, request, "Mobile money agents and a weekly visit reached **most** villages.")
    request.refresh_from_db()
    assert request.status == RequestStatus.FULFILLED and request.ended_at
    assert "<strong>most</strong>" in request.reply_html
    assert statuses(request) == ["draft", "open", "in-dialogue", "fulfilled"]

    page = client.get(request.get_absolute_url()).content.decode()
    for text in ("Fulfilled", "What was learned", "Mobile money agents", "In dialogue"):
        assert text in page


def test_nobody_else_can_manage_a_request(make_request, member, other):
    request = make_request(member)
    with pytest.raises(PermissionDenied):
        lifecycle.close(other, request)
    with pytest.raises(PermissionDenied):
        lifecycle.publish_reply(other, request, "I would like to sum this up for them instead.")
    with pytest.raises(PermissionDenied):
        lifecycle.update(other, request, title="Something else entirely")
    with pytest.raises(PermissionDenied):
        lifecycle.make_offer(member, request, summary="I offer help to myself, which makes no sense.")
    offer = lifecycle.make_offer(other, request, summary="Happy to share our payment manual.")
    with pytest.raises(PermissionDenied):
        lifecycle.accept_offer(other, offer, starts_on=timezone.localdate())
    with pytest.raises(PermissionDenied):
        lifecycle.make_offer(other, request, summary="A second offer from the same member.")


def test_forged_ids_and_anonymous_posts_are_refused(make_request, member, other, client):
    request = make_request(member)
    offer = lifecycle.make_offer(other, request, summary="Happy to share our payment manual.")
    accept = reverse("request_offer_decide", args=[request.pk, offer.pk])
    assert client.post(accept, {"action": "accept", "starts_on": "2030-01-01"}).status_code == 302  # to sign-in
    client.force_login(other)
    assert client.post(accept, {"action": "accept", "starts_on": "2030-01-01"}).status_code == 403
    someone_elses = make_request(other, title="Another request about payments in rural areas")
    forged = reverse("request_offer_decide", args=[someone_elses.pk, offer.pk])
    client.force_login(member)
    assert client.post(forged, {"action": "accept", "starts_on": "2030-01-01"}).status_code == 404
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN and not Exchange.objects.exists()
    client.force_login(other)
    assert client.post(reverse("request_reply", args=[request.pk]), {"reply": "x" * 40}).status_code == 403
    assert client.post(reverse("request_status", args=[request.pk]), {"action": "close"}).status_code == 403


def test_a_moderator_can_publish_the_reply(make_request, member, moderator):
    request = make_request(member)
    lifecycle.publish_reply(moderator, request, "Summed up by the moderators from the discussion.")
    request.refresh_from_db()
    assert request.status == RequestStatus.FULFILLED and request.reply_by == moderator


def test_reply_html_is_sanitised(make_request, member):
    request = make_request(member)
    lifecycle.publish_reply(member, request, "Learned a lot <script>alert(1)</script> [x](javascript:alert(1))")
    request.refresh_from_db()
    assert "<script" not in request.reply_html and "javascript:" not in request.reply_html


def test_new_members_requests_wait_for_a_moderator(make_request, make_member, moderator, other, settings, client):
    settings.COMMUNITY_NEW_MEMBER_DAYS, settings.COMMUNITY_NEW_MEMBER_POSTS = 3, 3
    newcomer = make_member(email="new@example.org", name="New Comer")
    request = make_request(newcomer)
    assert request.status == RequestStatus.OPEN and request.is_held
    assert client.get(request.get_absolute_url()).status_code == 404
    with pytest.raises(PermissionDenied):
        lifecycle.make_offer(other, request, summary="Happy to share our payment manual.")

    client.force_login(moderator)
    queue = client.get(reverse("moderation_queue")).content.decode()
    assert request.title in queue
    response = client.post(reverse("moderation_decide"), {"items": [f"held-request:{request.pk}"], "action": "approve"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert not request.is_held
    assert Notification.objects.filter(recipient=newcomer, kind=NotificationKind.MODERATION).exists()
    client.logout()
    assert client.get(request.get_absolute_url()).status_code == 200


def test_a_rejected_held_request_is_closed(make_request, make_member, moderator, settings):
    settings.COMMUNITY_NEW_MEMBER_DAYS, settings.COMMUNITY_NEW_MEMBER_POSTS = 3, 3
    newcomer = make_member(email="new@example.org", name="New Comer")
    request = make_request(newcomer)
    lifecycle.reject_held(moderator, request, "Advertising")
    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED and not request.is_held
    with pytest.raises(PermissionDenied):
        lifecycle.approve_held(newcomer, request)


def test_expiry_ends_requests_past_their_deadline(make_request, member, other):
    today = timezone.localdate()
    due = make_request(member, title="A request whose deadline passed yesterday")
    lasting = make_request(member, title="A request whose deadline is today")
    draft = make_request(member, publish=False, title="A draft is never expired by the command")
    offer = lifecycle.make_offer(other, due, summary="Happy to share our payment manual.")
    KnowledgeRequest.objects.filter(pk__in=[due.pk, draft.pk]).update(deadline=today - timedelta(days=1))
    KnowledgeRequest.objects.filter(pk=lasting.pk).update(deadline=today)

    call_command("expire_requests")
    due.refresh_from_db()
    lasting.refresh_from_db()
    draft.refresh_from_db()
    offer.refresh_from_db()
    assert due.status == RequestStatus.EXPIRED and statuses(due)[-1] == "expired"
    assert lasting.status == RequestStatus.OPEN and draft.status == RequestStatus.DRAFT
    assert offer.status == OfferStatus.DECLINED
    assert lifecycle.expire_due() == 0  # nothing twice
    # What was learned can still be written up after expiry.
    lifecycle.publish_reply(member, due, "In the end we learned enough from the manual to go on.")
    due.refresh_from_db()
    assert due.status == RequestStatus.FULFILLED


def test_ended_requests_cannot_be_edited_or_offered_on(make_request, member, other):
    request = make_request(member)
    lifecycle.close(member, request, "Found an answer elsewhere")
    with pytest.raises(ValidationError):
        lifecycle.update(member, request, title="Changed after closing")
    with pytest.raises(PermissionDenied):
        lifecycle.make_offer(other, request, summary="Happy to share our payment manual.")


def test_posting_a_request_through_the_form(member_client, member):
    from solutions.models import Country

    response = member_client.post(
        reverse("request_new"),
        {
            "title": "How can districts share one health data platform?",
            "challenge": "Each district keeps its own records and nothing adds up.",
            "learn": "How other countries pooled district health data.",
            "countries": ["MZ"],
            "themes": ["health", "statistics-data"],
            "sdgs": ["3"],
            "languages": ["pt", "en"],
            "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "open": "1",
        },
    )
    request = KnowledgeRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert request.status == RequestStatus.OPEN
    assert request.language_codes == ["en", "pt"]
    assert set(request.regions.values_list("code", flat=True)) >= {Country.objects.get(code="MZ").region_id, "002"}


def test_bad_input_is_refused_with_clear_errors_and_kept(member_client):
    response = member_client.post(
        reverse("request_new"),
        {"title": "Short", "challenge": "", "learn": "x", "deadline": "2001-01-01", "open": "1"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a date that has not passed." in page
    assert 'value="Short"' in page
    assert not KnowledgeRequest.objects.exists()


def test_offers_accept_and_decline_through_the_page(make_request, member, other, make_member, client):
    request = make_request(member)
    third = make_member(email="cy@example.org", name="Cy Ramos")
    client.force_login(other)
    response = client.post(
        reverse("request_offer", args=[request.pk]),
        {"summary": "We ran mobile payments for five years.", "availability": "Any Tuesday"},
    )
    assert response.status_code == 302
    client.force_login(third)
    client.post(reverse("request_offer", args=[request.pk]), {"summary": "I can share our evaluation report."})
    first, second = Offer.objects.order_by("pk")
    client.force_login(member)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Accept offer" in page and "Any Tuesday" in page
    url = reverse("request_offer_decide", args=[request.pk, first.pk])
    assert client.post(url, {"action": "accept", "starts_on": "2030-02-01", "ends_on": "2030-01-01"}).status_code == 302
    first.refresh_from_db()
    assert first.status == OfferStatus.OPEN  # ends before it starts: refused
    client.post(url, {"action": "accept", "starts_on": "2030-02-01", "ends_on": "2030-02-03"})
    client.post(reverse("request_offer_decide", args=[request.pk, second.pk]), {"action": "decline"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (OfferStatus.ACCEPTED, OfferStatus.DECLINED)
    exchange = Exchange.objects.get()
    assert str(exchange.starts_on) == "2030-02-01" and str(exchange.ends_on) == "2030-02-03"


def test_requests_are_in_the_data_export_and_go_with_the_account(make_request, member, other):
    from community.account_data import delete_account, export_data

    request = make_request(member, title="How did others fund rural clinics over ten years?")
    make_request(member, publish=False, title="A draft I never posted about clinics")
    lifecycle.make_offer(other, request, summary="We pooled district budgets for clinics.")
    data = export_data(member)["knowledge_requests"]
    assert {r["title"] for r in data["requests"]} == {
        "How did others fund rural clinics over ten years?",
        "A draft I never posted about clinics",
    }
    assert export_data(other)["knowledge_requests"]["offers"][0]["request"] == request.title

    delete_account(member, keep_contributions=True)
    assert list(KnowledgeRequest.objects.values_list("title", flat=True)) == [request.title]  # drafts go
    delete_account(other, keep_contributions=False)
    assert not Offer.objects.exists()


def test_removing_contributions_removes_requests(make_request, member):
    from community.account_data import delete_account

    make_request(member)
    delete_account(member, keep_contributions=False)
    assert not KnowledgeRequest.objects.exists()


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
def test_the_deadline_keeps_its_iso_value_in_every_language(member_client, language):
    page = member_client.get(f"/{language}/requests/new/").content.decode()
    default = (timezone.localdate() + timedelta(days=60)).isoformat()
    assert f'type="date" name="deadline" value="{default}"' in page
    assert 'aria-describedby="id_title_helptext"' in page and 'id="id_title_helptext"' in page


def test_reported_requests_are_hidden_until_a_moderator_restores_them(
    make_request, member, make_member, moderator, client, settings
):
    from community.models import Flag

    settings.COMMUNITY_FLAG_HIDE_THRESHOLD = 2
    request = make_request(member, title="Buy cheap watches here, best offer in town")
    url = request.get_absolute_url()
    for n in range(2):
        client.force_login(make_member(email=f"reporter{n}@example.org", name=f"Reporter {n}"))
        response = client.post(reverse("report", args=["request", request.pk]), {"reason": "spam"})
        assert response.status_code == 302
    request.refresh_from_db()
    assert request.is_hidden and Flag.objects.filter(target_kind="request").count() == 2
    assert client.get(url).status_code == 404
    assert request.title not in client.get(reverse("requests")).content.decode()
    client.force_login(member)
    assert client.get(url).status_code == 200  # the requester still sees it, marked hidden
    with pytest.raises(PermissionDenied):
        lifecycle.make_offer(moderator, request, summary="An offer on a hidden request.")

    client.force_login(moderator)
    assert request.title in client.get(reverse("moderation_queue")).content.decode()
    client.post(reverse("moderation_decide"), {"items": [f"request:{request.pk}"], "action": "approve"})
    request.refresh_from_db()
    assert not request.is_hidden


def test_drafts_cannot_be_reported(make_request, member, other, client):
    draft = make_request(member, publish=False)
    client.force_login(other)
    assert client.get(reverse("report", args=["request", draft.pk])).status_code == 404


def test_standing_offers_are_listed_and_withdrawn_by_their_author(member_client, member, other):
    from django.test import Client

    client = Client()
    url = reverse("request_offers")
    response = member_client.post(
        url,
        {
            "summary": "I can explain how we run village savings groups.",
            "themes": ["financial-inclusion"],
            "languages": ["fr", "en"],
            "availability": "Weekends",
        },
    )
    assert response.status_code == 302
    offer = Offer.objects.get()
    assert offer.request is None and offer.language_codes == ["en", "fr"]
    assert "village savings groups" in client.get(url).content.decode()
    assert member_client.post(url, {"summary": "Too short"}).status_code == 400

    client.force_login(other)
    client.post(reverse("request_offer_withdraw", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN
    member_client.post(reverse("request_offer_withdraw", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.WITHDRAWN


def test_editing_requests_is_rate_limited(make_request, member, member_client, settings):
    settings.COMMUNITY_POST_RATES = {"new": "2/m", "member": "2/m", "trusted": "2/m", "moderator": "2/m"}
    request = make_request(member)
    data = {
        "challenge": request.challenge,
        "learn": request.learn,
        "languages": ["en"],
        "deadline": request.deadline.isoformat(),
    }
    url = f"/en/requests/{request.pk}/edit/"
    codes = [
        member_client.post(url, {**data, "title": f"Paying remote villages, take {n}"}).status_code for n in range(3)
    ]
    assert codes == [302, 302, 429]
    assert KnowledgeRequest.objects.get(pk=request.pk).title == "Paying remote villages, take 1"
