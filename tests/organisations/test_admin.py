"""Editors see likely duplicates in the admin and merge them there."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from solutions.models import Organisation, SolutionPartner

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, site_tree):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-12345-long")
    client.force_login(admin)
    return client


def test_duplicates_are_listed_and_merged(admin_client, make_solution):
    kept = Organisation.objects.create(name="Ministry of Health")
    other = Organisation.objects.create(name="Ministry for Health")
    make_solution(partners=[{"organisation": other.pk, "role": "provider"}])
    page = admin_client.get("/admin/organisations/duplicates/")
    assert page.status_code == 200 and "Ministry for Health" in page.content.decode()
    response = admin_client.post("/admin/organisations/duplicates/", {"kept": kept.pk, "merge": [kept.pk, other.pk]})
    assert response.status_code == 302
    assert SolutionPartner.objects.get().organisation == kept
    assert "No likely duplicates" in admin_client.get("/admin/organisations/duplicates/").content.decode()


@pytest.mark.parametrize("data", [{}, {"kept": "x"}, {"kept": "99999", "merge": ["1"]}, {"kept": "1", "merge": ["٣"]}])
def test_a_merge_without_a_choice_changes_nothing(admin_client, data):
    Organisation.objects.create(name="A")
    response = admin_client.post("/admin/organisations/duplicates/", data)
    assert response.status_code == 302 and Organisation.objects.filter(merged_into=None).count() == 1


def test_an_organisation_created_in_the_admin_takes_the_partners_typed_before(admin_client, make_solution):
    page = make_solution(partners=[{"name": "Instituto Lâmpada", "role": "recipient"}])
    SolutionPartner.objects.update(organisation=None)
    Organisation.objects.all().delete()
    response = admin_client.post(
        "/admin/snippets/solutions/organisation/add/", {"name": "INSTITUTO LAMPADA", "slug": "instituto-lampada"}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert SolutionPartner.objects.get(page=page).organisation.name == "INSTITUTO LAMPADA"
