"""Matching and offering at the same moment: a request's matches are replaced once, each opted-in
member is told once, and a member's double-clicked offer is made once. On PostgreSQL with real
transactions; SQLite serialises writers."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from community.models import Notification, NotificationKind
from exchange import lifecycle
from exchange.alerts import set_request_alerts
from exchange.matching import refresh_matches
from exchange.models import KnowledgeRequest, Match, MatchNotice, Offer
from tests.concurrency import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="in-memory SQLite shares one cache between connections; tests/test_embedded_sqlite.py races on a file",
    ),
]


def test_two_matchings_at_once_keep_one_set_of_matches_and_tell_each_member_once(make_member, make_request):
    from solutions.models import Theme

    theme = Theme.objects.get(slug="social-protection")
    members = []
    for n in range(6):
        user = make_member(email=f"m{n}@example.org", name=f"Member {n}", country="MZ")
        user.profile.expertise_themes.set([theme])
        members.append(user)
    request = make_request(make_member(email="asker@example.org", name="Asker"), themes=["social-protection"])
    for user in members:  # after the request opened, so its first matching told nobody
        set_request_alerts(user, True)

    def match():
        return refresh_matches(KnowledgeRequest.objects.get(pk=request.pk))

    outcomes = at_once(match, match)
    assert all(isinstance(outcome, list) for outcome in outcomes), outcomes
    assert Match.objects.filter(request=request).count() == len(outcomes[0])  # one set of matches, not two
    told = list(Match.objects.filter(request=request, profile__isnull=False).values_list("profile__user", flat=True))
    assert told and len(told) == len(set(told))
    for user_id in told:
        assert MatchNotice.objects.filter(request=request, user_id=user_id).count() == 1
        assert Notification.objects.filter(recipient_id=user_id, kind=NotificationKind.MATCH).count() == 1


def test_an_offer_sent_twice_at_once_is_made_once(make_member, make_request):
    request = make_request(make_member(email="asker@example.org", name="Asker"))
    helper = make_member(email="helper@example.org", name="Hel Per")
    for _round in range(3):
        Offer.objects.filter(request=request).delete()

        def offer():
            fresh = KnowledgeRequest.objects.get(pk=request.pk)
            return lifecycle.make_offer(helper, fresh, summary="We paid through mobile money agents in Kenya.")

        outcomes = at_once(offer, offer)
        assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Offer", "PermissionDenied"], outcomes
        assert isinstance(next(o for o in outcomes if not isinstance(o, Offer)), PermissionDenied)
        assert Offer.objects.filter(request=request, author=helper).count() == 1
