"""The @mention suggestions the message box asks for as a member types."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/api/v1/members/suggest/"


def suggested(client, query: str) -> list[dict]:
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["members"]


def test_a_member_typing_part_of_a_name_is_offered_the_matching_members(member_client, make_member):
    awa = make_member(email="awa@example.org", name="Awa Diop")
    make_member(email="bilal@example.org", name="Bilal Khan")

    members = suggested(member_client, "@aw")

    assert members == [{"handle": awa.profile.slug, "name": "Awa Diop"}]


def test_part_of_the_profile_address_finds_the_member_too(member_client, make_member):
    awa = make_member(email="awa@example.org", name="Awa Diop")
    awa.profile.slug = "awa-from-dakar"
    awa.profile.save()

    assert [m["handle"] for m in suggested(member_client, "from-dak")] == ["awa-from-dakar"]


def test_deactivated_members_are_not_offered(member_client, make_member):
    gone = make_member(email="gone@example.org", name="Gone Member")
    gone.is_active = False
    gone.save()

    assert suggested(member_client, "Gone") == []


def test_one_letter_and_visitors_get_no_suggestions(member_client, make_member):
    make_member(email="awa@example.org", name="Awa Diop")

    assert suggested(member_client, "a") == []
    assert suggested(Client(), "Awa") == []


def test_at_most_eight_suggestions(member_client, make_member):
    for number in range(10):
        make_member(email=f"m{number}@example.org", name=f"Mariam {number}")

    assert len(suggested(member_client, "Mariam")) == 8


def test_more_than_sixty_lookups_a_minute_are_refused_with_retry_after(member_client):
    for _ in range(60):
        assert member_client.get(URL, {"q": "ab"}).status_code == 200

    refused = member_client.get(URL, {"q": "ab"})

    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
