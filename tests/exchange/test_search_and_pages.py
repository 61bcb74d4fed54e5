"""Requests in search following their lifecycle, the zero-result hand-off, the demand page and
the list's query budget."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exchange import lifecycle
from tests.search.conftest import ask, titles

pytestmark = pytest.mark.django_db


def test_requests_are_found_while_open_and_once_fulfilled(engine, make_request, member, make_member, settings):
    open_one = make_request(member, title="Seaweed farming cooperatives for coastal women", themes=["gender-equality"])
    draft = make_request(member, publish=False, title="Seaweed drying racks draft that nobody sees")
    closed = make_request(member, title="Seaweed export rules we stopped asking about")
    lifecycle.close(member, closed)
    fulfilled = make_request(member, title="Paying village health workers on time")
    lifecycle.publish_reply(member, fulfilled, "Monthly payments through cooperatives of seaweed growers worked.")
    settings.COMMUNITY_NEW_MEMBER_DAYS, settings.COMMUNITY_NEW_MEMBER_POSTS = 3, 3
    held = make_request(make_member(email="new@example.org", name="New"), title="Seaweed held until reviewed")
    assert held.is_held
    engine.ready()

    found = titles(ask(engine, q="seaweed", type="request"))
    assert open_one.title in found and fulfilled.title in found
    for hidden in (draft, closed, held):
        assert hidden.title not in found
    assert titles(ask(engine, q="seaweed", type="request", theme="gender-equality")) == [open_one.title]


def test_a_zero_result_search_offers_to_ask_the_community(client, site_tree):
    response = client.get("/en/search/", {"q": "zzqx seaweed cooperatives", "theme": "food-security", "country": "mz"})
    page = response.content.decode()
    assert "Ask the community" in page
    link = re.search(r'href="([^"]*/requests/new/[^"]*)"', page).group(1).replace("&amp;", "&")
    assert "q=zzqx+seaweed+cooperatives" in link and "theme=food-security" in link and "country=MZ" in link

    form = client.get(link)
    assert form.status_code == 302  # visitors sign in first, and come back to the same form
    assert "next=" in form["Location"] and "theme%3Dfood-security" in form["Location"]


def test_the_form_is_prefilled_from_the_search(member_client):
    page = member_client.get(
        reverse("request_new"),
        {"q": "zzqx seaweed cooperatives", "theme": "food-security", "country": "MZ", "sdg": "14"},
    ).content.decode()
    assert 'value="zzqx seaweed cooperatives"' in page
    assert re.search(r'value="food-security"[^>]*checked', page)
    assert re.search(r'value="14"[^>]*checked', page)
    assert re.search(r'<option value="MZ" selected>', page)


def test_demand_page_charts_requests_against_solutions(client, make_request, make_solution, member):
    make_solution(themes=["health"])
    make_solution(themes=["health", "education"])
    make_solution(themes=["education"])
    make_request(member, title="Training volunteers for maternal health", themes=["health"])
    make_request(member, title="How to start seaweed cooperatives on the coast", themes=["gender-equality"])
    fulfilled = make_request(member, title="Reaching rural households with payments", themes=["gender-equality"])
    lifecycle.publish_reply(member, fulfilled, "Mobile agents worked well in the end for everyone.")
    make_request(member, publish=False, title="A draft is not demand yet", themes=["energy"])

    page = client.get(reverse("request_demand")).content.decode()
    assert page.count('<svg width="100%"') == 2 and 'role="img"' in page  # drawn to the width, text unscaled
    table = re.search(r"<table.*?</table>", page, re.S).group(0)
    assert re.search(r"Gender equality[^<]*\(gap\)</th><td>1</td><td>1</td><td>0</td>", table)
    assert re.search(r">Health \(gap\)</th><td>1</td><td>0</td><td>2</td>", table)
    assert re.search(r">Education</th><td>0</td><td>0</td><td>2</td>", table)
    assert re.search(r">Energy</th><td>0</td><td>0</td><td>0</td>", table)  # drafts are not demand


def test_the_request_list_has_a_constant_query_count(client, make_request, member, make_member):
    client.force_login(member)  # signed in: never a cached page

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("requests")).status_code == 200
        return len(queries)

    for n in range(3):
        make_request(
            member, title=f"Request number {n} about village water", themes=["water-sanitation"], countries=["KE"]
        )
    count()  # warms the per-process caches (site root, locales)
    few = count()
    for n in range(30):
        asker = make_member(email=f"asker{n}@example.org", name=f"Asker {n}")
        make_request(asker, title=f"Request number {n + 3} about schools", themes=["education"], countries=["BR", "MZ"])
    assert count() == few <= 22


def test_a_request_page_has_a_constant_query_count(client, make_request, member, make_member):
    request = make_request(member, themes=["health"], countries=["KE"])
    client.force_login(member)  # signed in: never a cached page, and with the accept forms

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(request.get_absolute_url()).status_code == 200
        return len(queries)

    lifecycle.make_offer(make_member(email="first@example.org", name="First"), request, summary="One offer to start.")
    count()  # warms the per-process caches (site root, locales)
    few = count()
    for n in range(15):
        helper = make_member(email=f"helper{n}@example.org", name=f"Helper {n}")
        lifecycle.make_offer(helper, request, summary=f"Offer number {n} with something to share.")
    assert count() == few <= 32


def test_the_index_follows_the_lifecycle(node, make_request, member, django_capture_on_commit_callbacks):
    from search.reindex import reindex

    reindex(node)
    with django_capture_on_commit_callbacks(execute=True):
        request = make_request(member, title="Seaweed farming cooperatives for coastal women")
    node.refresh()
    assert titles(ask(node, q="seaweed", type="request")) == [request.title]
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.close(member, request)
    node.refresh()
    assert titles(ask(node, q="seaweed", type="request")) == []


def test_cached_request_pages_follow_offers_and_matches(page_cache, make_request, member, other, make_solution):
    from django.test import Client

    from exchange.matching import refresh_matches

    request = make_request(member, themes=["health"])
    visitor = Client()
    url = request.get_absolute_url()
    visitor.get(url)
    assert visitor.get(url)["X-Page-Cache"] == "hit"
    lifecycle.make_offer(other, request, summary="We trained two hundred volunteers in Malawi.")
    page = visitor.get(url)
    assert page.get("X-Page-Cache") != "hit" and "two hundred volunteers" in page.content.decode()

    solution = make_solution(title="Community health volunteers", themes=["health"])
    visitor.get(url)
    refresh_matches(request)  # bulk writes: no signals, so matching invalidates itself
    assert solution.title in visitor.get(url).content.decode()


def test_the_request_list_drops_filter_values_that_name_nothing(client, make_request, member):
    """A made-up theme, region or country is no filter and gets no chip, as on the catalogue; a
    real one still filters."""
    make_request(member, title="Village water committees that last", themes=["water-sanitation"], countries=["KE"])
    page = client.get(reverse("requests"), {"theme": "no-such-theme", "region": "999", "country": "ZZ"})
    html = page.content.decode()
    assert page.status_code == 200 and "Village water committees that last" in html
    assert "Remove filter" not in html and 'value="no-such-theme"' not in html
    kenya = client.get(reverse("requests"), {"country": "ke", "region": "14"}).content.decode()
    assert "Village water committees that last" in kenya and kenya.count("Remove filter") == 2
    elsewhere = client.get(reverse("requests"), {"theme": "health"}).content.decode()
    assert "Village water committees that last" not in elsewhere
