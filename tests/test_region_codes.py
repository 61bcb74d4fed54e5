"""UN M49 region codes are stored with three digits ("002" is Africa), but links and people write
"2": every page that filters by region reads both alike, instead of dropping the filter."""

from __future__ import annotations

import pytest

from solutions.countries import region_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "code"), [("2", "002"), ("02", "002"), ("002", "002"), (" 19 ", "019"), ("150", "150")]
)
def test_region_codes_are_padded_to_three_digits(raw, code):
    assert region_code(raw) == code


@pytest.mark.parametrize("raw", ["", "2a", "0002", "africa", "٣", "²"])
def test_what_is_not_a_region_code_is_left_for_the_caller_to_refuse(raw):
    assert region_code(raw) == raw.strip()


def titles(response) -> list[str]:
    return sorted(solution.title for solution in response.context["solutions"]())


def test_the_catalogue_reads_an_unpadded_region_like_a_padded_one(client, make_solution):
    make_solution(title="Farmers in Mozambique", recipient_countries=["MZ"], sdgs=[2])
    make_solution(title="Farmers in Peru", recipient_countries=["PE"], provider_countries=["CL"], sdgs=[2])
    padded = client.get("/en/solutions/?sdg=2&region=002")
    unpadded = client.get("/en/solutions/?sdg=2&region=2")
    assert titles(padded) == titles(unpadded) == ["Farmers in Mozambique"]
    assert "Region: Africa" in unpadded.content.decode()  # the chip shows the filter as applied
    assert titles(client.get("/en/solutions/?region=14")) == ["Farmers in Mozambique"]  # Eastern Africa


def test_the_member_directory_reads_an_unpadded_region(client, make_member):
    make_member(email="awa@example.org", name="Awa Diop", country="SN")
    make_member(email="bo@example.org", name="Bo Li", country="CN")
    names = [row["profile"].display_name for row in client.get("/en/members/?region=2").context["rows"]]
    assert names == ["Awa Diop"]


def test_the_request_list_and_the_request_form_read_an_unpadded_region(client, make_member):
    from exchange import lifecycle
    from solutions.models import Country

    member = make_member()
    lifecycle.create(
        member,
        publish=True,
        title="How do schools keep their tanks clean?",
        challenge="Our school tanks turn green after two months.",
        learn="Cleaning routines.",
        countries=list(Country.objects.filter(code="SN")),
    )
    listed = client.get("/en/requests/?region=11").context["requests"]  # Western Africa
    assert [r.title for r in listed] == ["How do schools keep their tanks clean?"]
    client.force_login(member)
    form = client.get("/en/requests/new/?q=tanks&region=11").context["form"]
    assert form.initial["regions"] == ["011"]
