"""Backups restore exactly what was saved; the open export holds only what visitors may see."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from website.backups import BackupError, restore_backup


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def add_resource(slug: str = "drought-guide", title: str = "Drought guide"):
    from solutions.resource_actions import Version, create_resource
    from website.demo_media import make_pdf

    pdf = make_pdf(title, "How farmers shared early warnings.", "en")
    return create_resource(
        slug=slug,
        title=title,
        description="A guide.",
        versions=[Version(language="en", title=title, filename=f"{slug}.pdf", content=pdf)],
    )


def snapshot() -> dict:
    from community.models import Post, Profile
    from solutions.models import Resource, SolutionPage

    return {
        "solutions": sorted(SolutionPage.objects.values_list("title", "summary")),
        "posts": sorted(Post.objects.values_list("body", flat=True)),
        "profiles": sorted(Profile.objects.values_list("display_name", "organisation")),
        "resources": sorted(Resource.objects.values_list("title", flat=True)),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_round_trip_restores_rows_and_files(site_tree, make_solution, make_member, media_root, tmp_path):
    from django.contrib.auth import get_user_model

    from community.posting import reply, start_thread
    from solutions.models import ResourceDocument, SolutionPage
    from website.backups import create_backup, model_counts

    kept = make_solution(title="Seed banks in the Sahel")
    doomed = make_solution(title="Solar pumps for schools")
    ana = make_member(organisation="Rural Network")
    ben = make_member(email="ben@example.org", name="Ben Okafor")
    thread = start_thread(ana, title="Storing seeds", body="How do you keep seeds dry?", solutions=[kept])
    reply(ben, thread, "Clay pots and ash.")
    add_resource()
    document = ResourceDocument.objects.get()
    original_bytes = (media_root / document.file.name).read_bytes()
    before_counts, before = model_counts(), snapshot()

    archive_path = tmp_path / "backup.tar.gz"
    manifest = create_backup(archive_path)
    assert manifest["counts"] == before_counts
    assert manifest["format_version"] == 1
    assert manifest["counts"]["solutions.SolutionPage"] == 2

    SolutionPage.objects.get(pk=doomed.pk).delete()
    get_user_model().objects.get(pk=ben.pk).delete()
    (media_root / document.file.name).unlink()
    assert snapshot() != before

    report = restore_backup(archive_path)

    assert report["counts"] == before_counts
    assert model_counts() == before_counts
    assert snapshot() == before
    assert (media_root / document.file.name).read_bytes() == original_bytes
    assert SolutionPage.objects.get(pk=doomed.pk).live
    # Derived data is rebuilt: the restored solutions are found by the site's search.
    assert SolutionPage.objects.live().search("Solar pumps").count() >= 1


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_commands(site_tree, make_solution, media_root, tmp_path):
    from solutions.models import SolutionPage

    make_solution(title="Community radio for farmers")
    out = io.StringIO()
    path = tmp_path / "nested" / "site.tar.gz"
    call_command("backup", output=str(path), stdout=out)
    assert str(path) in out.getvalue() and path.exists()
    SolutionPage.objects.all().delete()

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(path))
    assert not SolutionPage.objects.exists()

    call_command("restore", str(path), yes=True, stdout=io.StringIO())
    assert SolutionPage.objects.filter(title="Community radio for farmers").exists()


def write_archive(path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))


def manifest(version=1) -> bytes:
    return json.dumps({"format": "minga-backup", "format_version": version, "counts": {}}).encode()


@pytest.fixture
def usual_umask():
    """The umask most hosts have (files 0644): the archive must not rely on a stricter one."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_backup_archives_are_readable_by_their_owner_only(site_tree, media_root, tmp_path, usual_umask, monkeypatch):
    """An archive holds every member's email address and password hash."""
    from website import backups

    modes = []
    add_file = tarfile.TarFile.addfile

    def watch(archive, *args, **kwargs):  # the partial archive, while it is being written
        modes.append(stat.S_IMODE(os.fstat(archive.fileobj.fileno()).st_mode))
        return add_file(archive, *args, **kwargs)

    monkeypatch.setattr(tarfile.TarFile, "addfile", watch)
    fresh = tmp_path / "new-folder" / "minga.tar.gz"
    backups.create_backup(fresh)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert stat.S_IMODE(fresh.parent.stat().st_mode) == 0o700  # a folder the backup made
    assert modes and set(modes) == {0o600}

    existing = tmp_path / "old.tar.gz"
    existing.write_bytes(b"an older archive")
    existing.chmod(0o644)
    call_command("backup", output=str(existing), stdout=io.StringIO())
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600
    assert tarfile.is_tarfile(existing)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    path = tmp_path / "notes.tar.gz"
    path.write_text("just some notes")
    with pytest.raises(BackupError, match="not a readable backup"):
        restore_backup(path)

    other = tmp_path / "other.tar.gz"
    write_archive(other, {"readme.txt": b"hello"})
    with pytest.raises(BackupError):
        restore_backup(other)

    with pytest.raises(CommandError, match="cannot restore"):
        call_command("restore", str(path), yes=True)


def test_restore_refuses_unknown_format_version(tmp_path):
    path = tmp_path / "future.tar.gz"
    write_archive(path, {"manifest.json": manifest(version=99), "data.json": b"[]"})
    with pytest.raises(BackupError, match="unknown backup format version"):
        restore_backup(path)


@pytest.mark.parametrize("name", ["../escape.txt", "media/../../escape.txt", "/tmp/escape.txt"])
def test_restore_refuses_path_traversal(tmp_path, name):
    path = tmp_path / "evil.tar.gz"
    work = tmp_path / "work"
    work.mkdir()
    write_archive(path, {"manifest.json": manifest(), "data.json": b"[]", name: b"owned"})
    with pytest.raises(BackupError, match="unsafe path"):
        restore_backup(path)
    assert not (tmp_path / "escape.txt").exists()


def test_restore_refuses_links(tmp_path):
    path = tmp_path / "link.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, content in {"manifest.json": manifest(), "data.json": b"[]"}.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
        link = tarfile.TarInfo("media/passwd")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        archive.addfile(link)
    with pytest.raises(BackupError, match="links"):
        restore_backup(path)


def read_export(folder) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.suffix in {".json", ".csv", ".txt"})


@pytest.mark.django_db
def test_export_site_writes_only_public_content(site_tree, make_solution, make_member, media_root, tmp_path):
    from community.models import Post, PostStatus, Profile
    from community.posting import reply, start_thread
    from solutions.models import Organisation, ResourceDocument

    published = make_solution(title="Mobile clinics across borders", provider_countries=["BR"], sdgs=[3])
    make_solution(title="Draft about secret pilots", publish=False)
    open_member = make_member(name="Open Olga", organisation="Public Health Network")
    private_member = make_member(email="pat@example.org", name="Private Pat")
    Profile.objects.filter(user=private_member).update(
        organisation="Hidden Ministry Unit", organisation_visibility="private", bio="Members-only bio"
    )
    Profile.objects.filter(user=private_member).update(bio_visibility="members")
    hidden_member = make_member(email="hid@example.org", name="Hidden Hugo")
    Profile.objects.filter(user=hidden_member).update(is_hidden=True)
    thread = start_thread(open_member, title="Clinic logistics", body="Which vans work best?")
    reply(private_member, thread, "Four-wheel drive ones.")
    hidden = reply(open_member, thread, "Spam spam spam removed by moderators")
    Post.objects.filter(pk=hidden.pk).update(status=PostStatus.HIDDEN)
    held = reply(open_member, thread, "Held message awaiting review")
    Post.objects.filter(pk=held.pk).update(status=PostStatus.HELD)
    add_resource()
    document = ResourceDocument.objects.get()

    output = tmp_path / "open"
    out = io.StringIO()
    call_command("export_site", output=str(output), stdout=out)

    for name in ("solutions", "news", "resources", "threads", "posts", "profiles", "sdgs", "themes", "modalities"):
        assert (output / f"{name}.json").exists() and (output / f"{name}.csv").exists(), name
    for name in ("regions", "countries"):
        assert (output / f"{name}.json").exists() and (output / f"{name}.csv").exists(), name
    readme = (output / "README.txt").read_text(encoding="utf-8")
    assert "Content shared under CC BY 4.0 unless stated otherwise" in readme

    solutions = json.loads((output / "solutions.json").read_text(encoding="utf-8"))
    assert [s["title"] for s in solutions] == ["Mobile clinics across borders"]
    assert solutions[0]["id"] == published.pk
    assert solutions[0]["countries"] == ["BR", "MZ"] and solutions[0]["sdgs"] == [3]
    ministry = Organisation.objects.get(name="Ministry of Agriculture")
    assert solutions[0]["partners"] == [
        {"name": "Ministry of Agriculture", "role": "provider", "organisation": ministry.pk}
    ]
    assert solutions[0]["url"] and solutions[0]["licence"] == "CC-BY-4.0"
    organisations = json.loads((output / "organisations.json").read_text(encoding="utf-8"))
    assert [(o["id"], o["name"]) for o in organisations] == [(ministry.pk, "Ministry of Agriculture")]

    with open(output / "solutions.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["title"] == "Mobile clinics across borders" and rows[0]["countries"] == "BR; MZ"
    for name in ("posts", "profiles", "resources", "countries"):
        with open(output / f"{name}.csv", encoding="utf-8", newline="") as handle:
            assert list(csv.DictReader(handle)), name

    posts = json.loads((output / "posts.json").read_text(encoding="utf-8"))
    assert [p["body"] for p in posts] == ["Which vans work best?", "Four-wheel drive ones."]
    assert posts[0]["author"] == "Open Olga"

    profiles = {p["display_name"]: p for p in json.loads((output / "profiles.json").read_text(encoding="utf-8"))}
    assert profiles["Open Olga"]["organisation"] == "Public Health Network"
    assert "organisation" not in profiles["Private Pat"] and "bio" not in profiles["Private Pat"]
    assert "Hidden Hugo" not in profiles

    resources = json.loads((output / "resources.json").read_text(encoding="utf-8"))
    file_path = resources[0]["versions"][0]["file"]
    assert (output / file_path).read_bytes() == (media_root / document.file.name).read_bytes()

    everything = read_export(output)
    for secret in (
        "Draft about secret pilots",
        "Hidden Ministry Unit",
        "Members-only bio",
        "Spam spam spam",
        "Held message",
        "Hidden Hugo",
        "@example.org",
    ):
        assert secret not in everything, secret
    assert "Public Health Network" in everything
