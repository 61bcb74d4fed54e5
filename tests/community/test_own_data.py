import io
import json
import zipfile

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from community.models import Profile
from search.engines.database import DatabaseEngine
from search.query import SearchQuery

from .conftest import image_file
from .test_profiles import profile_post

User = get_user_model()


def reauthenticate(client):
    response = client.post("/en/accounts/reauthenticate/", {"password": "correct-horse-battery-42"})
    assert response.status_code == 302


def search_names(text):
    from django.http import QueryDict

    return [h.title for h in DatabaseEngine().search(SearchQuery.from_params(QueryDict(f"q={text}&type=member"))).hits]


def test_export_contains_everything_the_member_created(member_client, member, make_solution):
    upload = SimpleUploadedFile("me.jpg", image_file().read(), content_type="image/jpeg")
    member_client.post("/en/account/profile/", {**profile_post(), "photo_upload": upload})
    page = make_solution(title="My shared solution")
    page.owner = member
    page.save()
    response = member_client.post("/en/account/export/")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {"data.json", "photo.jpg"}
    data = json.loads(archive.read("data.json"))
    assert data["account"]["emails"][0]["email"] == "ana@example.org"
    assert data["profile"]["organisation"] == "Instituto Nacional"
    assert data["profile"]["interface_language"] == "en"
    assert data["consents"]["terms_accepted_at"]
    assert [s["title"] for s in data["solutions"]] == ["My shared solution"]


def test_export_needs_post_and_sign_in(client, member):
    assert client.post("/en/account/export/").status_code == 302
    client.force_login(member)
    assert client.get("/en/account/export/").status_code == 405


def test_deleting_and_keeping_contributions_leaves_no_personal_data(member_client, member, make_solution):
    member_client.post(
        "/en/account/profile/",
        {**profile_post(display_name="Ana Unique"), "photo_upload": SimpleUploadedFile("me.jpg", image_file().read())},
    )
    photo_path = Profile.objects.get(user=member).photo.path
    assert search_names("Unique") == ["Ana Unique"]
    page = make_solution(title="Kept solution")
    page.owner = member
    page.save()

    reauthenticate(member_client)
    response = member_client.post("/en/account/delete/", {"contributions": "keep"})
    assert response.status_code == 302
    user = User.objects.get(pk=member.pk)
    assert user.username.startswith("former-member-") and user.email == "" and not user.is_active
    assert not user.has_usable_password()
    assert not Profile.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    import os

    assert not os.path.exists(photo_path)
    assert type(page).objects.get(pk=page.pk).live  # the contribution stays
    assert search_names("Unique") == []  # the search index follows


def test_deleting_and_removing_contributions_removes_the_account(member_client, member):
    reauthenticate(member_client)
    member_client.post("/en/account/delete/", {"contributions": "remove"})
    assert not User.objects.filter(pk=member.pk).exists()


def test_deletion_needs_a_choice_and_recent_authentication(client, member):
    client.force_login(member)  # no password entered in this session
    response = client.get("/en/account/delete/")
    assert response.status_code == 302 and "reauthenticate" in response.url
    reauthenticate(client)
    assert client.post("/en/account/delete/", {}).status_code == 400
    assert User.objects.filter(pk=member.pk, is_active=True).exists()


def test_export_includes_discussions_and_removal_empties_posts(member_client, member, thread):
    from community.models import Post

    data = json.loads(zipfile.ZipFile(io.BytesIO(member_client.post("/en/account/export/").content)).read("data.json"))
    assert [t["title"] for t in data["discussions"]["threads"]] == [thread.title]
    assert data["discussions"]["posts"][0]["body"] == "Our wells get polluted after rains."
    reauthenticate(member_client)
    member_client.post("/en/account/delete/", {"contributions": "remove"})
    assert not Post.objects.filter(body__contains="wells").exists()
