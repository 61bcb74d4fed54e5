import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.models import Profile, Visibility

from .conftest import image_file, image_with_metadata, metadata_left


def profile_post(**overrides):
    data = {
        "display_name": "Ana Pereira",
        "country": "MZ",
        "organisation": "Instituto Nacional",
        "role": "Programme officer",
        "bio": "I work on **school meals**. <script>alert(1)</script>",
        "expertise_themes": ["education", "food-security"],
        "expertise_tags": "school feeding, nutrition",
        "languages": ["pt", "en"],
        "links_text": "Our work | https://example.org/work",
        **{
            f"{field}_visibility": "public"
            for field in ("photo", "country", "organisation", "role", "bio", "expertise", "languages", "links")
        },
    }
    data.update(overrides)
    return data


def test_member_edits_own_profile_and_markdown_is_sanitised(member_client, member):
    response = member_client.post("/en/account/profile/", profile_post())
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.country_id == "MZ" and profile.language_codes == ["en", "pt"]
    assert profile.links == [{"title": "Our work", "url": "https://example.org/work"}]
    html = member_client.get(profile.get_absolute_url()).content.decode()
    assert "<strong>school meals</strong>" in html
    assert "<script>alert(1)</script>" not in html


def test_forged_ids_cannot_edit_another_members_profile(member_client, member, make_member):
    other = make_member(email="bo@example.org", name="Bo Other")
    other_profile = Profile.objects.get(user=other)
    member_client.post(
        "/en/account/profile/",
        profile_post(display_name="Hacked", user=str(other.pk), id=str(other_profile.pk), pk=str(other_profile.pk)),
    )
    other_profile.refresh_from_db()
    assert other_profile.display_name == "Bo Other"
    assert Profile.objects.get(user=member).display_name == "Hacked"


def test_visitors_cannot_edit_profiles(client, member):
    response = client.post("/en/account/profile/", profile_post(display_name="Anon"))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert Profile.objects.get(user=member).display_name == "Ana Pereira"


def test_photo_is_reencoded_square_without_exif(member_client, member):
    upload = SimpleUploadedFile("me.jpg", image_file(exif=True).read(), content_type="image/jpeg")
    response = member_client.post("/en/account/profile/", {**profile_post(), "photo_upload": upload})
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    with profile.photo.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert stored.size == (512, 512) and stored.format == "JPEG"
    assert not stored.getexif()
    assert profile.photo_small.width == 96


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "x.svg", "not an image we can read"),
        (b"%PDF-1.4 not an image", "x.jpg", "not an image we can read"),
        (b"\x00" * (5 * 1024 * 1024 + 1), "huge.png", "too large"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(member_client, member, content, name, message):
    upload = SimpleUploadedFile(name, content)
    response = member_client.post("/en/account/profile/", {**profile_post(), "photo_upload": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Profile.objects.get(user=member).photo


def test_decompression_bomb_is_refused(member_client, member):
    bomb = image_file("PNG", size=(6000, 6000))  # 36 megapixels, a few kB compressed
    assert len(bomb.getvalue()) < 200_000
    upload = SimpleUploadedFile("bomb.png", bomb.read(), content_type="image/png")
    response = member_client.post("/en/account/profile/", {**profile_post(), "photo_upload": upload})
    assert response.status_code == 400
    assert "too many pixels" in response.content.decode()


def test_visibility_is_honoured_on_the_profile_page(client, make_member):
    owner = make_member(
        email="vis@example.org",
        name="Visible Person",
        country="KE",
        organisation="Secret Org",
        role="Analyst",
        organisation_visibility=Visibility.MEMBERS,
        role_visibility=Visibility.PRIVATE,
    )
    url = Profile.objects.get(user=owner).get_absolute_url()
    visitor = client.get(url).content.decode()
    assert "Visible Person" in visitor and "Kenya" in visitor
    assert "Secret Org" not in visitor and "Analyst" not in visitor

    viewer = make_member(email="viewer@example.org", name="Viewer")
    client.force_login(viewer)
    member_view = client.get(url).content.decode()
    assert "Secret Org" in member_view and "Analyst" not in member_view

    client.force_login(owner)
    assert "Analyst" in client.get(url).content.decode()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_profile_photos_keep_no_metadata(member_client, member, fmt):
    content = image_with_metadata(fmt)
    assert metadata_left(content)
    upload = SimpleUploadedFile(f"me.{fmt.lower()}", content)
    assert member_client.post("/en/account/profile/", {**profile_post(), "photo_upload": upload}).status_code == 302
    profile = Profile.objects.get(user=member)
    for field in (profile.photo, profile.photo_small):
        assert metadata_left(field.open("rb").read()) == set()
