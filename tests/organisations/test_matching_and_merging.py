"""Organisations are matched by name (case and accents ignored, a country telling apart
organisations of one name), imported without duplicates, and merged keeping every link."""

from __future__ import annotations

import json

import pytest

from community.models import Affiliation
from solutions.importing import import_solutions
from solutions.models import Organisation, SolutionPage, SolutionPartner
from solutions.organisations import find_or_create, link_typed_partners, merge, possible_duplicates
from tests.conftest import solution_record

pytestmark = pytest.mark.django_db


def test_a_name_matches_whatever_its_case_accents_and_spacing(site_tree):
    first, matched = find_or_create("Ministère de la Santé")
    again, matched_again = find_or_create("  MINISTERE   de la sante ")
    assert (matched, matched_again) == (False, True)
    assert again.pk == first.pk
    assert Organisation.objects.count() == 1


def test_a_country_tells_apart_organisations_of_one_name(site_tree):
    unplaced, _ = find_or_create("Ministry of Agriculture")
    brazil, matched = find_or_create("Ministry of Agriculture", "BR")
    assert matched and brazil.pk == unplaced.pk  # one not yet placed anywhere is placed
    mozambique, matched = find_or_create("ministry of agriculture", "MZ")
    assert not matched and mozambique.pk != brazil.pk
    assert find_or_create("Ministry of Agriculture", "MZ")[0].pk == mozambique.pk
    assert list(brazil.countries.values_list("code", flat=True)) == ["BR"]


def lines(*records) -> list[str]:
    return [json.dumps(record) for record in records]


def test_import_links_partners_to_organisations_without_duplicating_them(catalogue):
    report = import_solutions(
        lines(
            solution_record(
                partners=[{"name": "Agência Brasileira de Cooperação", "role": "facilitator", "country": "BR"}]
            ),
            solution_record(
                partners=[{"name": "AGENCIA BRASILEIRA DE COOPERACAO", "role": "provider", "country": "BR"}]
            ),
        )
    )
    assert report.ok, report.errors
    assert Organisation.objects.count() == 1
    organisation = Organisation.objects.get()
    assert SolutionPartner.objects.filter(organisation=organisation).count() == 2
    assert [line.split(": ", 1)[1].split(" organisation")[0].rsplit(" ", 1)[1] for line in report.organisations] == [
        "created",
        "matched",
    ]
    assert all(str(organisation.pk) in line for line in report.organisations)


def test_import_takes_an_organisation_by_id_and_refuses_an_unknown_one(catalogue):
    known = Organisation.objects.create(name="UNDP")
    report = import_solutions(
        lines(
            solution_record(partners=[{"organisation": known.pk, "role": "funder"}]),
            solution_record(partners=[{"organisation": known.pk + 999, "role": "funder"}]),
            solution_record(partners=[{"organisation": "x", "role": "funder"}]),
        )
    )
    assert [(e.line, e.field) for e in report.errors] == [(2, "partners"), (3, "partners")]
    partner = SolutionPartner.objects.get()
    assert (partner.organisation_id, partner.name, partner.role) == (known.pk, "UNDP", "funder")
    assert "matched" in report.organisations[0]


def test_import_command_reports_what_it_matched(catalogue, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    Organisation.objects.create(name="Fiocruz")
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines(solution_record(partners=[{"name": "FIOCRUZ", "role": "provider"}]))))
    out = StringIO()
    call_command("import_solutions", str(source), stdout=out)
    assert "'FIOCRUZ' matched organisation" in out.getvalue()


def test_a_members_submission_links_known_organisations_and_creates_none(make_member, catalogue):
    from community import solution_review
    from tests.conftest import clean

    Organisation.objects.create(name="Embrapa")
    member = make_member()
    draft = solution_review.save_submission(
        member,
        clean(
            solution_record(
                partners=[{"name": "EMBRAPA", "role": "provider"}, {"name": "A new cooperative", "role": "recipient"}]
            )
        ),
    )
    partners = {p.name: p.organisation for p in SolutionPartner.objects.filter(page=draft)}
    assert partners["EMBRAPA"].name == "Embrapa" and partners["A new cooperative"] is None
    assert Organisation.objects.count() == 1


def test_merge_keeps_every_link_affiliation_country_and_editor(make_solution, make_member):
    kept = Organisation.objects.create(name="Ministry of Health")
    kept.countries.add("BR")
    duplicate = Organisation.objects.create(name="Ministry for Health", short_name="MoH")
    duplicate.countries.add("MZ")
    first = make_solution(partners=[{"organisation": kept.pk, "role": "provider"}])
    second = make_solution(partners=[{"organisation": duplicate.pk, "role": "recipient"}])
    ana, bo = make_member(), make_member(email="bo@example.org", name="Bo")
    duplicate.editors.add(bo)
    Affiliation.objects.create(user=ana, organisation=kept)
    Affiliation.objects.create(user=ana, organisation=duplicate, confirmed_by=bo, confirmed_at="2026-01-01T00:00Z")
    Affiliation.objects.create(user=bo, organisation=duplicate)

    merge(kept, [duplicate])

    assert set(SolutionPartner.objects.filter(organisation=kept).values_list("page_id", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert set(Affiliation.objects.filter(organisation=kept).values_list("user_id", flat=True)) == {ana.pk, bo.pk}
    assert Affiliation.objects.get(user=ana).confirmed_by == bo  # confirmed on either: confirmed
    assert set(kept.countries.values_list("code", flat=True)) == {"BR", "MZ"}
    assert list(kept.editors.all()) == [bo]
    kept.refresh_from_db()
    assert kept.short_name == "MoH"
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept


def test_publishing_a_revision_made_before_a_merge_links_the_organisation_kept(make_solution):
    kept = Organisation.objects.create(name="Kept")
    duplicate = Organisation.objects.create(name="Duplicate")
    page = make_solution(partners=[{"organisation": duplicate.pk, "role": "provider"}])
    revision = page.latest_revision
    merge(kept, [duplicate])
    revision.publish()
    assert SolutionPage.objects.get(pk=page.pk).partners.get().organisation_id == kept.pk


def test_merged_organisations_page_leads_to_the_one_kept(client, site_tree):
    kept = Organisation.objects.create(name="Kept")
    duplicate = Organisation.objects.create(name="Duplicate")
    old_url = duplicate.get_absolute_url()
    merge(kept, [duplicate])
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"].endswith(kept.get_absolute_url())


def test_likely_duplicates_are_listed_for_an_editor(site_tree):
    health = Organisation.objects.create(name="Ministry of Health")
    health_too = Organisation.objects.create(name="Ministry for Health,")
    agency = Organisation.objects.create(name="Brazilian Cooperation Agency", short_name="ABC")
    acronym = Organisation.objects.create(name="ABC")
    Organisation.objects.create(name="Ministry of Education")
    groups = [{o.pk for o in group} for group in possible_duplicates()]
    assert sorted(groups, key=min) == sorted([{health.pk, health_too.pk}, {agency.pk, acronym.pk}], key=min)


def test_typed_partners_are_linked_when_an_editor_creates_their_organisation(make_solution, catalogue):
    from community import solution_review  # noqa: F401 - the submission path creates no organisation

    page = make_solution(partners=[{"name": "Cooperativa Lâmpada", "role": "recipient"}])
    SolutionPartner.objects.filter(page=page).update(organisation=None)
    Organisation.objects.filter(name="Cooperativa Lâmpada").delete()
    created = Organisation.objects.create(name="COOPERATIVA LAMPADA")
    assert link_typed_partners(created) == 1
    assert SolutionPartner.objects.get(page=page).organisation == created
