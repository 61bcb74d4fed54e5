"""A request's matches are found when the request changes; what was unpublished, hidden or
withdrawn since is no longer named on the request's page."""

from __future__ import annotations

import pytest

from community import decisions
from community.models import Profile
from community.targets import load
from exchange import lifecycle
from exchange.models import Match, MatchKind

pytestmark = pytest.mark.django_db


def test_a_request_names_only_matches_that_still_hold(
    make_request, member, other, moderator, make_member, make_solution, client
):
    request = make_request(member)
    kept = make_solution(title="Cash transfers by mobile phone")
    withdrawn = make_solution(title="Unpublished pilot with secret partners")
    hidden = Profile.objects.get(user=make_member(email="odd@example.org", name="Odd Expert"))
    shown = Profile.objects.get(user=other)
    offer = lifecycle.make_standing_offer(
        make_member(email="helper@example.org", name="Helper"), summary="Withdrawn offer of help"
    )
    reason = [["theme", "social-protection"]]
    for rank, (kind, field, target) in enumerate(
        [
            (MatchKind.SOLUTION, "solution", kept),
            (MatchKind.SOLUTION, "solution", withdrawn),
            (MatchKind.MEMBER, "profile", shown),
            (MatchKind.MEMBER, "profile", hidden),
            (MatchKind.OFFER, "offer", offer),
        ],
        start=1,
    ):
        Match.objects.create(request=request, kind=kind, rank=rank, score=3.0, reasons=reason, **{field: target})
    withdrawn.unpublish()
    decisions.hide(moderator, load("profile", hidden.pk), "Fake account")
    lifecycle.withdraw_offer(offer.author, offer)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Cash transfers by mobile phone" in page and "Bo Banda" in page
    assert "Unpublished pilot" not in page and "Odd Expert" not in page and "Withdrawn offer" not in page
