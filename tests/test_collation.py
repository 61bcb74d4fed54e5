"""Countries and regions are listed by their names in the reader's language, with accents and
case not moving a name: in French "Émirats arabes unis" comes with the E's, not after
"Zimbabwe", and not second because its code is AE."""

from __future__ import annotations

import re
from html import unescape

import pytest

from solutions.names import by_name

pytestmark = pytest.mark.django_db


def test_accents_and_case_do_not_move_a_name():
    names = ["Zimbabwe", "Émirats arabes unis", "espagne", "Égypte", "Afghanistan", "Eritrée"]
    assert sorted(names, key=by_name) == [
        "Afghanistan",
        "Égypte",
        "Émirats arabes unis",
        "Eritrée",
        "espagne",
        "Zimbabwe",
    ]
    assert sorted(["Peru", "Perú", "Pero"], key=by_name) == ["Pero", "Peru", "Perú"]  # accents last break ties


def options(html: str, name: str) -> list[str]:
    """The labels of the select named ``name``, without its empty "any" choice."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select named {name}"
    pairs = re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', select.group(1), re.S)
    return [unescape(label).strip() for value, label in pairs if value]


def in_order(labels: list[str], *names: str) -> bool:
    return [labels.index(name) for name in names] == sorted(labels.index(name) for name in names)


def test_the_request_form_lists_countries_and_regions_by_name(client, make_member):
    client.force_login(make_member())
    html = client.get("/fr/requests/new/").content.decode()
    countries = options(html, "countries")
    assert len(countries) > 200 and countries == sorted(countries, key=by_name)
    assert in_order(countries, "Afghanistan", "Égypte", "Émirats arabes unis", "Espagne", "Zimbabwe")
    regions = options(html, "regions")
    assert len(regions) > 20 and regions == sorted(regions, key=by_name)
    assert in_order(regions, "Afrique", "Asie", "Europe", "Océanie")


@pytest.mark.parametrize(("path", "name"), [("/es/requests/", "region"), ("/es/members/", "region")])
def test_region_filters_are_listed_by_name(client, site_tree, path, name):
    regions = options(client.get(path).content.decode(), name)
    assert len(regions) > 5 and regions == sorted(regions, key=by_name)
    assert regions[0].startswith("Á")  # África first, in Spanish


def test_the_sign_up_form_lists_countries_by_name(client, site_tree):
    countries = options(client.get("/fr/accounts/signup/").content.decode(), "country")
    assert len(countries) > 200 and in_order(countries, "Égypte", "Émirats arabes unis", "Espagne")
