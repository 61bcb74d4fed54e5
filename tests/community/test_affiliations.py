"""Members state their affiliation; an organisation's editors confirm it and edit its page."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.models import Affiliation
from solutions.models import Organisation
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def fiocruz(site_tree):
    return Organisation.objects.create(name="Fiocruz")


def signed_in(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def test_a_member_states_and_withdraws_an_affiliation(client, make_member, fiocruz):
    ana = make_member()
    signed_in(client, ana)
    response = client.post(f"/en/organisations/{fiocruz.slug}/affiliation/", {"role": "Researcher"})
    assert response.status_code == 302
    affiliation = Affiliation.objects.get(user=ana)
    assert (affiliation.organisation, affiliation.role, affiliation.confirmed_at) == (fiocruz, "Researcher", None)
    client.post(f"/en/organisations/{fiocruz.slug}/affiliation/", {"action": "withdraw"})
    assert not Affiliation.objects.exists()


def test_only_an_editor_confirms_and_the_page_names_them(client, make_member, fiocruz):
    ana, eva, bo = make_member(), make_member(email="eva@example.org", name="Eva"), make_member(email="bo@example.org")
    fiocruz.editors.add(eva)
    affiliation = Affiliation.objects.create(user=ana, organisation=fiocruz)
    url = f"/en/organisations/{fiocruz.slug}/affiliations/{affiliation.pk}/confirm/"
    assert signed_in(client, bo).post(url).status_code == 403
    assert signed_in(client, ana).post(url).status_code == 403  # not one's own either
    affiliation.refresh_from_db()
    assert affiliation.confirmed_at is None
    assert signed_in(client, eva).post(url).status_code == 302
    affiliation.refresh_from_db()
    assert affiliation.confirmed_by == eva and affiliation.confirmed_at is not None
    client.logout()
    assert "confirmed by Eva on" in client.get(fiocruz.get_absolute_url()).content.decode()


def test_changing_ones_role_needs_confirming_again(client, make_member, fiocruz):
    from community.affiliations import confirm_affiliation, state_affiliation

    ana, eva = make_member(), make_member(email="eva@example.org", name="Eva")
    fiocruz.editors.add(eva)
    confirm_affiliation(eva, state_affiliation(ana, fiocruz, "Researcher"))
    assert state_affiliation(ana, fiocruz, "Director").confirmed_at is None


def test_an_affiliation_of_another_organisation_cannot_be_confirmed_through_this_one(client, make_member, fiocruz):
    other = Organisation.objects.create(name="Other")
    eva, ana = make_member(email="eva@example.org"), make_member()
    fiocruz.editors.add(eva)
    theirs = Affiliation.objects.create(user=ana, organisation=other)
    response = signed_in(client, eva).post(f"/en/organisations/{fiocruz.slug}/affiliations/{theirs.pk}/confirm/")
    assert response.status_code == 404


def png(size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_an_editor_edits_the_page_and_its_logo(client, make_member, fiocruz):
    eva = make_member(email="eva@example.org")
    fiocruz.editors.add(eva)
    url = f"/en/organisations/{fiocruz.slug}/edit/"
    assert signed_in(client, eva).get(url).status_code == 200
    data = {
        "name": "Fundação Oswaldo Cruz",
        "short_name": "Fiocruz",
        "kind": "academic",
        "website": "https://fiocruz.br",
        "description": "Public health research.",
        "languages": ["pt", "en"],
        "countries": ["BR"],
        "logo_upload": png(),
    }
    assert client.post(url, data).status_code == 302
    fiocruz.refresh_from_db()
    assert (fiocruz.name, fiocruz.kind, fiocruz.languages) == ("Fundação Oswaldo Cruz", "academic", ",en,pt,")
    assert fiocruz.name_key == "fundacao oswaldo cruz"
    assert list(fiocruz.countries.values_list("code", flat=True)) == ["BR"]
    assert fiocruz.logo.name.startswith(f"organisations/{fiocruz.slug}/")
    with Image.open(fiocruz.logo) as logo:  # re-encoded: a real image, squared
        assert logo.width == logo.height


def test_a_bad_logo_is_a_form_error_and_changes_nothing(client, make_member, fiocruz):
    eva = make_member(email="eva@example.org")
    fiocruz.editors.add(eva)
    bad = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = signed_in(client, eva).post(
        f"/en/organisations/{fiocruz.slug}/edit/", {"name": "Renamed", "logo_upload": bad}
    )
    assert response.status_code == 400
    fiocruz.refresh_from_db()
    assert fiocruz.name == "Fiocruz" and not fiocruz.logo


def test_someone_not_an_editor_cannot_edit(client, make_member, fiocruz):
    bo = make_member(email="bo@example.org")
    assert signed_in(client, bo).get(f"/en/organisations/{fiocruz.slug}/edit/").status_code == 403


def test_a_moderator_may_edit_any_organisation(client, make_member, fiocruz):
    from django.contrib.auth.models import Group

    mod = make_member(email="mod@example.org")
    mod.groups.add(Group.objects.get(name="Moderators"))
    assert signed_in(client, mod).get(f"/en/organisations/{fiocruz.slug}/edit/").status_code == 200


def test_naming_a_known_organisation_on_ones_profile_states_the_affiliation(make_member, fiocruz):
    ana = make_member(organisation="FIOCRUZ")
    from community.profiles import affiliate_by_name

    affiliate_by_name(ana.profile)
    assert Affiliation.objects.get(user=ana).organisation == fiocruz
