"""Knowledge requests whose requester is gone: held and hidden ones stay with the moderators,
and nobody else takes the requester's place (a visitor's id is None like theirs)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from community import decisions
from community.targets import load
from exchange import lifecycle
from exchange.models import KnowledgeRequest, Offer, OfferStatus, RequestStatus
from tests.community.test_departed_authors import DEPARTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def requester(make_member):
    return make_member(email="gone@example.org", name="Gone Requester")


@pytest.fixture
def reader(make_member):
    return make_member(email="reader@example.org", name="Reader")


@pytest.mark.parametrize("departure", sorted(DEPARTURES))
@pytest.mark.parametrize("how", ["held", "hidden"])
def test_held_and_hidden_requests_stay_unseen_when_the_requester_is_gone(
    make_request, requester, reader, moderator, client, settings, departure, how
):
    if how == "held":
        settings.COMMUNITY_NEW_MEMBER_DAYS, settings.COMMUNITY_NEW_MEMBER_POSTS = 3, 3
    request = make_request(requester, title="A need nobody approved yet")
    if how == "hidden":
        decisions.hide(moderator, load("request", request.pk), "Advertising")
    request.refresh_from_db()
    assert request.is_withheld
    url = request.get_absolute_url()
    DEPARTURES[departure](requester)
    kept = KnowledgeRequest.objects.filter(pk=request.pk).first()
    if kept is not None:  # kept when the account was deleted in the admin, without a requester
        assert kept.requester_id is None
        assert not lifecycle.can_view(AnonymousUser(), kept)
    for who in (None, reader):
        if who is not None:
            client.force_login(who)
        response = client.get(url)
        assert response.status_code == 404
        assert "A need nobody approved yet" not in response.content.decode()


def test_nobody_takes_the_place_of_a_requester_who_is_gone(make_request, requester, reader, other, client):
    request = make_request(requester)
    offer = lifecycle.make_offer(other, request, summary="We ran mobile payments in three provinces.")
    requester.delete()  # in the admin: the request stays, without a requester
    request.refresh_from_db()
    offer.refresh_from_db()
    assert request.requester_id is None
    for who in (AnonymousUser(), reader):
        with pytest.raises(PermissionDenied):
            lifecycle.check_can_manage(who, request)
        with pytest.raises(PermissionDenied):
            lifecycle.decline_offer(who, offer)
        with pytest.raises(PermissionDenied):
            lifecycle.accept_offer(who, offer, starts_on=request.deadline)
        with pytest.raises(PermissionDenied):
            lifecycle.close(who, request)
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.OPEN
    assert KnowledgeRequest.objects.get(pk=request.pk).status == RequestStatus.OPEN
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Accept offer" not in page and "Close the request" not in page
    client.force_login(reader)
    client.post(reverse("request_offer_decide", args=[request.pk, offer.pk]), {"action": "decline"})
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.OPEN
