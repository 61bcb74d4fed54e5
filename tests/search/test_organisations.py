"""Organisations are a search type on both engines: found by name, acronym and description,
with their countries, regions, languages and the themes of their solutions as facets."""

from __future__ import annotations

import pytest

from solutions.models import Organisation
from solutions.organisations import merge
from tests.search.conftest import ask, titles

pytestmark = pytest.mark.django_db


def facet(results, name: str) -> dict[str, int]:
    return {v.value: v.count for v in results.facets[name]}


@pytest.fixture
def organisations(make_solution):
    fiocruz = Organisation.objects.create(
        name="Fundação Oswaldo Cruz",
        short_name="Fiocruz",
        kind="academic",
        description="Public health research and vaccine production.",
        languages=",pt,en,",
    )
    fiocruz.countries.add("BR")
    make_solution(partners=[{"organisation": fiocruz.pk, "role": "provider"}], themes=["health"])
    water = Organisation.objects.create(name="Water For All", description="Rural wells.")
    water.countries.add("MZ")
    return fiocruz, water


def test_organisations_are_found_by_name_acronym_and_description(engine, organisations):
    engine.ready()
    assert titles(ask(engine, q="fiocruz", type="organisation")) == ["Fundação Oswaldo Cruz (Fiocruz)"]
    assert titles(ask(engine, q="vaccine", type="organisation")) == ["Fundação Oswaldo Cruz (Fiocruz)"]
    found = ask(engine, q="wells")
    assert [(hit.type, hit.title) for hit in found.hits if hit.type == "organisation"] == [
        ("organisation", "Water For All")
    ]
    assert found.hits[0].url.endswith("/organisations/water-for-all/")


def test_organisation_facets_are_their_places_languages_and_solution_themes(engine, organisations):
    engine.ready()
    results = ask(engine, type="organisation", region="419")  # Latin America and the Caribbean
    assert titles(results) == ["Fundação Oswaldo Cruz (Fiocruz)"]
    everything = ask(engine, type="organisation", language=["pt", "en"])
    assert titles(everything) == ["Fundação Oswaldo Cruz (Fiocruz)"]
    with_theme = ask(engine, type="organisation", theme="health")
    assert titles(with_theme) == ["Fundação Oswaldo Cruz (Fiocruz)"]
    counts = facet(ask(engine, type="organisation", country=["BR", "MZ"]), "country")
    assert counts == {"BR": 1, "MZ": 1}


def test_a_merged_organisation_is_no_longer_found(engine, organisations):
    fiocruz, water = organisations
    merge(fiocruz, [water])
    engine.ready()
    assert titles(ask(engine, q="water", type="organisation")) == []
