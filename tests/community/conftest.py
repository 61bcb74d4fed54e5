from __future__ import annotations

import io

import pytest
from PIL import Image

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
