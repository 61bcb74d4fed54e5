from __future__ import annotations

import io

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from tests.conftest import PASSWORD  # noqa: F401 - re-exported for the tests here


@pytest.fixture
def member(make_member):
    return make_member()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def image_file(fmt: str = "JPEG", size=(800, 600), exif: bool = False) -> io.BytesIO:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, "#0b5d4b")
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        data[0x0132] = "2020:01:01 10:00:00"
        kwargs["exif"] = data.tobytes()
    image.save(buffer, format=fmt, **kwargs)
    buffer.seek(0)
    buffer.name = f"photo.{fmt.lower()}"
    return buffer


SECRET = "SECRET-WHERABOUTS"
# What each format can carry besides pixels, and Pillow's name for it once the image is opened.
METADATA_KEYS = {"comment", "exif", "xmp", "icc_profile", "XML:com.adobe.xmp", "Comment", "Author"}


def image_with_metadata(fmt: str) -> bytes:
    """An image carrying every kind of metadata its format has, each holding ``SECRET``."""
    image = Image.new("RGB", (64, 48), "#0b5d4b")
    exif = Image.Exif()
    exif[0x010F] = SECRET  # Make
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{SECRET}</x:xmpmeta>'.encode()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", comment=SECRET.encode(), exif=exif.tobytes(), xmp=xmp, icc_profile=icc)
    elif fmt == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", SECRET)
        text.add_text("Author", SECRET, zip=True)
        text.add_itxt("XML:com.adobe.xmp", SECRET)
        image.save(buffer, "PNG", pnginfo=text, exif=exif.tobytes(), icc_profile=icc)
    elif fmt == "GIF":
        image.convert("P").save(buffer, "GIF", comment=SECRET.encode())
    else:
        image.save(buffer, fmt, exif=exif.tobytes(), xmp=xmp, icc_profile=icc)
    return buffer.getvalue()


def metadata_left(content: bytes) -> set[str]:
    """The kinds of metadata still in an image, by the bytes and as Pillow reads them."""
    image = Image.open(io.BytesIO(content))
    image.load()
    found = {key for key in METADATA_KEYS if image.info.get(key)} | set(getattr(image, "text", {}) or {})
    return found | ({"secret bytes"} if SECRET.encode() in content else set())


@pytest.fixture
def category(site_tree):
    from community.models import Category

    return Category.objects.create(name="Water", slug="water", description="Water and sanitation")


@pytest.fixture
def other(make_member):
    return make_member(email="bo@example.org", name="Bo Banda")


@pytest.fixture
def moderator(make_member):
    from django.contrib.auth.models import Group

    user = make_member(email="mod@example.org", name="Mo Derator")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def thread(member, category):
    from community.posting import start_thread

    return start_thread(
        member,
        title="How to keep wells clean?",
        body="Our wells get polluted after rains.",
        category=category,
        kind="question",
    )
