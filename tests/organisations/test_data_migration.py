"""The data migrations: today's free-text partners and profile organisations become
organisations, one per name with case and accents ignored; near-duplicates are listed."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from community.models import Affiliation
from solutions.models import Organisation, SolutionPartner
from solutions.organisations import possible_duplicates

pytestmark = pytest.mark.django_db

partners_step = importlib.import_module("solutions.migrations.0004_partners_to_organisations")
profiles_step = importlib.import_module("community.migrations.0009_profile_organisations")


def test_free_text_partners_and_profile_organisations_become_organisations(make_solution, make_member):
    first = make_solution(partners=[{"name": "Ministério da Saúde", "role": "provider"}])
    second = make_solution(
        partners=[
            {"name": "MINISTERIO  DA SAUDE", "role": "recipient"},
            {"name": "Ministry of Health,", "role": "funder"},
        ]
    )
    third = make_solution(partners=[{"name": "Ministry of Health", "role": "facilitator"}])
    # As the data stood before organisations: names only.
    SolutionPartner.objects.update(organisation=None)
    Organisation.objects.all().delete()
    member = make_member(organisation="ministério da saúde", role="Adviser")
    other = make_member(email="bo@example.org", name="Bo", organisation="Brand new institute")

    partners_step.forwards(apps, None)
    profiles_step.forwards(apps, None)

    names = sorted(Organisation.objects.values_list("name", flat=True))
    assert names == ["Brand new institute", "Ministry of Health", "Ministry of Health,", "Ministério da Saúde"]
    saude = Organisation.objects.get(name="Ministério da Saúde")
    assert set(SolutionPartner.objects.filter(organisation=saude).values_list("page_id", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert not SolutionPartner.objects.filter(organisation=None).exists()
    assert third.partners.get().organisation.name == "Ministry of Health"
    affiliation = Affiliation.objects.get(user=member)
    assert (affiliation.organisation, affiliation.role, affiliation.confirmed_at) == (saude, "Adviser", None)
    assert Affiliation.objects.get(user=other).organisation.name == "Brand new institute"
    # "Ministry of Health" and "Ministry of Health," differ by punctuation only: left for an editor.
    assert [sorted(o.name for o in group) for group in possible_duplicates()] == [
        ["Ministry of Health", "Ministry of Health,"]
    ]
    # Running again changes nothing.
    partners_step.forwards(apps, None)
    profiles_step.forwards(apps, None)
    assert Organisation.objects.count() == 4 and Affiliation.objects.count() == 2
