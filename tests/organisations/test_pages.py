"""The organisation directory and pages: facets with counts, solutions by role, members and
who confirmed them, requests and offers; cached for visitors; queries constant with data size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.affiliations import confirm_affiliation, state_affiliation
from community.models import Affiliation
from exchange import lifecycle
from solutions.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def abc(site_tree):
    organisation = Organisation.objects.create(
        name="Agência Brasileira de Cooperação", short_name="ABC", kind=OrganisationKind.GOVERNMENT
    )
    organisation.countries.add("BR")
    return organisation


def test_page_lists_solutions_by_role_in_the_readers_language(client, abc, make_solution):
    make_solution(title="School meals", partners=[{"organisation": abc.pk, "role": "provider"}])
    make_solution(title="Rice breeding", partners=[{"organisation": abc.pk, "role": "funder"}], themes=["education"])
    make_solution(title="Unrelated", partners=[{"name": "Someone else", "role": "provider"}])
    make_solution(title="A draft", publish=False, partners=[{"organisation": abc.pk, "role": "recipient"}])
    html = client.get(abc.get_absolute_url()).content.decode()
    provided, funded = html.index("Solutions it provided"), html.index("Solutions it funded")
    assert provided < html.index("School meals") < funded < html.index("Rice breeding")
    assert "Unrelated" not in html and "A draft" not in html and "Solutions it received" not in html
    assert '"@type": "Organization"' in html and "Brazil" in html


def test_page_says_who_confirmed_each_member(client, abc, make_member):
    editor = make_member(email="eva@example.org", name="Eva Editor")
    abc.editors.add(editor)
    ana = make_member(name="Ana Pereira")
    bo = make_member(email="bo@example.org", name="Bo Banda")
    confirm_affiliation(editor, state_affiliation(ana, abc, "Adviser"))
    state_affiliation(bo, abc)
    html = client.get(abc.get_absolute_url()).content.decode()
    assert "Ana Pereira</a>, Adviser" in html and "confirmed by Eva Editor on" in html
    assert "Bo Banda" in html and "not yet confirmed" in html


def test_members_who_hide_their_organisation_are_not_listed(client, abc, make_member):
    ana = make_member(name="Ana Pereira", organisation_visibility="members")
    state_affiliation(ana, abc)
    assert "Ana Pereira" not in client.get(abc.get_absolute_url()).content.decode()


def test_page_lists_its_members_requests_and_the_ones_it_endorses(client, abc, make_member):
    ana = make_member()
    state_affiliation(ana, abc)
    stranger = make_member(email="zed@example.org", name="Zed")
    lifecycle.create(ana, publish=True, title="Keeping tanks clean", challenge="Green tanks.", learn="Routines.")
    lifecycle.create(stranger, publish=True, title="Endorsed one", challenge="C.", learn="L.", endorsed_by="abc")
    lifecycle.create(stranger, publish=True, title="Not ours", challenge="C.", learn="L.")
    lifecycle.make_standing_offer(ana, summary="We train pump mechanics.")
    html = client.get(abc.get_absolute_url()).content.decode()
    assert "Keeping tanks clean" in html and "Endorsed one" in html and "Not ours" not in html
    assert "We train pump mechanics." in html


def test_directory_counts_each_facet_and_filters(client, abc, make_solution):
    ngo = Organisation.objects.create(name="Water For All", kind=OrganisationKind.NGO)
    ngo.countries.add("MZ", "AO")
    make_solution(partners=[{"organisation": ngo.pk, "role": "recipient"}], themes=["water-sanitation"])
    make_solution(partners=[{"organisation": abc.pk, "role": "provider"}], themes=["water-sanitation", "education"])
    response = client.get("/en/organisations/")
    facets = response.context["facets"]
    assert ("ngo", "NGO or foundation", 1) in facets["kind"] and (
        "government",
        "Government ministry or agency",
        1,
    ) in facets["kind"]
    assert dict((v, n) for v, _l, n in facets["country"]) == {"BR": 1, "MZ": 1, "AO": 1}
    assert dict((v, n) for v, _l, n in facets["region"])["002"] == 1  # Africa: one organisation, two countries
    assert dict((v, n) for v, _l, n in facets["theme"]) == {"water-sanitation": 2, "education": 1}

    filtered = client.get("/en/organisations/?region=2&theme=water-sanitation")
    assert [o.name for o in filtered.context["organisations"]] == ["Water For All"]
    assert dict((v, n) for v, _l, n in filtered.context["facets"]["kind"]) == {"ngo": 1}
    by_kind = client.get("/en/organisations/?kind=government")
    assert [o.name for o in by_kind.context["organisations"]] == [abc.name]
    assert "ABC" in client.get("/en/organisations/?q=abc").content.decode()


@pytest.mark.parametrize(
    "query", ["kind=nonsense", "country=zz", "region=٣", "theme=" + "x" * 500, "page=99999999999999999999", "q=%C0%AF"]
)
def test_directory_refuses_nothing_it_cannot_read(client, site_tree, query):
    assert client.get(f"/en/organisations/?{query}").status_code == 200


def test_directory_drops_filter_values_that_name_nothing(client, abc):
    """A made-up country, region or theme is no filter and gets no chip; a real one filters."""
    made_up = client.get("/en/organisations/?country=ZZ&region=999&theme=no-such-theme")
    assert [o.name for o in made_up.context["organisations"]] == [abc.name]
    assert "Remove filter" not in made_up.content.decode()
    real = client.get("/en/organisations/?country=br&region=419")
    assert [o.name for o in real.context["organisations"]] == [abc.name]
    assert real.content.decode().count("Remove filter") == 2
    assert list(client.get("/en/organisations/?region=2").context["organisations"]) == []


def test_unknown_organisation_is_not_found(client, site_tree):
    assert client.get("/en/organisations/nobody/").status_code == 404


def test_visitors_share_one_cached_copy_and_an_edit_shows_at_once(client, abc, page_cache):
    url = abc.get_absolute_url()
    client.get("/en/")  # the site's settings are made on the first request
    client.get(url)
    assert client.get(url).get("X-Page-Cache") == "hit"
    abc.description = "Coordinates Brazil's technical cooperation."
    abc.save()
    fresh = client.get(url)
    assert fresh.get("X-Page-Cache") != "hit" and "Coordinates Brazil" in fresh.content.decode()


def build(count: int, make_solution, make_member) -> Organisation:
    """An organisation with ``count`` solutions in each role and ``count`` members; ``count``
    other organisations besides."""
    hub = Organisation.objects.create(name=f"Hub {count}", kind=OrganisationKind.NETWORK)
    hub.countries.add("BR", "MZ")
    for n in range(count):
        other = Organisation.objects.create(name=f"Other {count}-{n}", kind=OrganisationKind.NGO)
        other.countries.add("AO")
        for role in ("provider", "recipient", "facilitator", "funder"):
            make_solution(
                partners=[{"organisation": hub.pk, "role": role}, {"organisation": other.pk, "role": "provider"}]
            )
        member = make_member(email=f"m{count}-{n}@example.org", name=f"Member {n}")
        Affiliation.objects.create(user=member, organisation=hub)
    return hub


def queries(client, url: str) -> int:
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_directory_and_page_queries_do_not_grow_with_the_data(client, make_solution, make_member):
    small = build(1, make_solution, make_member)
    small_counts = (queries(client, "/en/organisations/"), queries(client, small.get_absolute_url()))
    large = build(6, make_solution, make_member)
    large_counts = (queries(client, "/en/organisations/"), queries(client, large.get_absolute_url()))
    assert large_counts == small_counts
    assert max(large_counts) <= 25


def test_a_role_with_many_solutions_lists_the_first_and_the_rest_a_page_at_a_time(client, abc, make_solution):
    """An agency that took part in thousands of solutions has a page of a few kilobytes: each role
    lists its first solutions by title and links to the whole list, shown a page at a time."""
    from solutions.organisation_page import ROLE_SHOWN

    titles = [f"Project {n:02d}" for n in range(ROLE_SHOWN + 2)]
    for title in titles:
        make_solution(title=title, partners=[{"organisation": abc.pk, "role": "provider"}])
    make_solution(title="Funded once", partners=[{"organisation": abc.pk, "role": "funder"}])
    html = client.get(abc.get_absolute_url()).content.decode()
    assert all(title in html for title in titles[:ROLE_SHOWN])
    assert titles[ROLE_SHOWN] not in html and f"All {len(titles)} solutions" in html
    assert "Funded once" in html and "All 1 solution" not in html
    whole = client.get(abc.get_absolute_url(), {"role": "provider"}).content.decode()
    assert all(title in whole for title in titles) and "Funded once" in whole
    for odd in ({"role": "provider", "page": "²"}, {"role": "provider", "page": "99"}, {"role": "nobody"}):
        assert client.get(abc.get_absolute_url(), odd).status_code == 200


def test_an_organisation_with_many_members_lists_them_a_page_at_a_time(client, abc, make_member):
    """The free-text organisations of thousands of profiles became affiliations of one agency:
    its page (for members not cached) lists a page of them, confirmed ones first."""
    from community.affiliations import MEMBERS_PAGE

    for n in range(MEMBERS_PAGE + 3):
        member = make_member(email=f"staff{n}@example.org", name=f"Staff {n:02d}")
        affiliation = state_affiliation(member, abc, "Officer")
        if n == MEMBERS_PAGE + 2:
            affiliation.confirmed_at = affiliation.created_at
            affiliation.save()
    first = client.get(abc.get_absolute_url()).content.decode()
    assert first.count("Officer") == MEMBERS_PAGE and f"Staff {MEMBERS_PAGE + 2:02d}" in first  # confirmed first
    second = client.get(abc.get_absolute_url(), {"members": "2"}).content.decode()
    assert second.count("Officer") == 3
    assert client.get(abc.get_absolute_url(), {"members": "²"}).status_code == 200


def test_members_share_the_pages_lists_and_keep_their_own_tools(client, abc, make_member, make_solution, page_cache):
    """A signed-in reader's page is rendered for them, but its solutions, members and requests are
    the same for everyone: the second member's view costs none of their queries, each keeps the
    tools that are theirs, and a change shows at once."""
    from django.test import Client

    from solutions.organisation_page import ROLE_SHOWN

    editor = make_member(email="eva@example.org", name="Eva Editor")
    abc.editors.add(editor)
    waiting = make_member(email="bo@example.org", name="Bo Banda")
    state_affiliation(waiting, abc, "Intern")
    for n in range(ROLE_SHOWN + 1):
        make_solution(title=f"Project {n:02d}", partners=[{"organisation": abc.pk, "role": "provider"}])
    url = abc.get_absolute_url()
    client.get("/en/")  # the site's settings are made on the first request
    reader = Client()
    reader.force_login(make_member(email="ana@example.org", name="Ana Pereira"))
    client.force_login(editor)

    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as shared:
        html = reader.get(url).content.decode()
    assert not any("wagtailcore_page" in query["sql"] for query in shared.captured_queries)
    assert not any("exchange_" in query["sql"] for query in shared.captured_queries)
    assert "Project 00" in html and "Bo Banda" in html and "Project 00" in first
    assert "I work here" in html and "Confirm</button>" not in html  # the reader's own tools
    assert "Confirm</button>" in first  # the editor's

    whole = reader.get(url, {"role": "provider"}).content.decode()
    assert f"Project {ROLE_SHOWN:02d}" in whole and f"Project {ROLE_SHOWN:02d}" not in html
    make_solution(title="Fresh funding", partners=[{"organisation": abc.pk, "role": "funder"}])
    assert "Fresh funding" in reader.get(url).content.decode()
