"""Whole-site backups: one .tar.gz with the database (as a Django fixture) and the media files.

A fixture rather than a database-specific dump, so a backup taken on PostgreSQL restores on SQLite
and back, and survives a move between servers. Tables that are derived (search index entries) or
rebuilt by migrations (content types, permissions) are left out: content types are referenced by
natural key, so the restored rows point at the content types of the target database.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers import json as json_serializer
from django.db import connection, transaction

FORMAT = "minga-backup"
FORMAT_VERSION = 1
SUPPORTED_VERSIONS = {1}
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA = "media"

# Left out of the dump: rebuilt by `migrate`/`flush` (content types, permissions), derived (search
# index), or short-lived (sessions, task results, admin log).
EXCLUDED_APPS = ("contenttypes", "sessions", "wagtailsearch", "modelsearch", "django_tasks", "django_tasks_db")
EXCLUDED_MODELS = ("auth.permission", "admin.logentry", "usersessions.usersession")


# Rows that `flush` and `migrate` recreate with new ids: referenced by natural key, everything else by
# id (a natural key for pages would fail on log entries that outlive their page).
NATURAL_KEY_MODELS = {"contenttypes.contenttype", "auth.permission"}
SERIALIZATION_FORMAT = "minga-json"


class Serializer(json_serializer.Serializer):
    """Django's JSON fixture format, with natural keys only for NATURAL_KEY_MODELS; loaddata reads it."""

    def _use_natural_key(self, field) -> None:
        self.use_natural_foreign_keys = field.remote_field.model._meta.label_lower in NATURAL_KEY_MODELS

    def handle_fk_field(self, obj, field):
        self._use_natural_key(field)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self._use_natural_key(field)
        super().handle_m2m_field(obj, field)


Deserializer = json_serializer.Deserializer


class BackupError(Exception):
    """The file is not a Minga backup this version can restore."""


def _excluded_labels() -> list[str]:
    """The exclusions that exist in this installation (dumpdata refuses unknown labels)."""
    installed = {config.label for config in apps.get_app_configs()}
    labels = [label for label in EXCLUDED_APPS if label in installed]
    for label in EXCLUDED_MODELS:
        app_label, model_name = label.split(".")
        if app_label in installed and model_name in apps.get_app_config(app_label).models:
            labels.append(label)
    return labels


def _dumped_models() -> list:
    excluded = {label.lower() for label in _excluded_labels()}
    return [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in excluded
        and model._meta.label_lower not in excluded
    ]


def model_counts() -> dict[str, int]:
    """Rows per backed-up model, for the manifest and to compare after a restore."""
    return {model._meta.label: model._base_manager.count() for model in sorted(_dumped_models(), key=_label)}


def _label(model) -> str:
    return model._meta.label


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files() -> list[Path]:
    root = _media_root()
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(content))


def _private_file(path: Path):
    """A new file only its owner may read, from its first byte and whatever the umask: an archive
    holds every member's email address and password hash."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


def create_backup(path: str | os.PathLike) -> dict:
    """Writes the backup to ``path`` (readable by its owner only) and returns its manifest."""
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / DATA
        outermost = not connection.in_atomic_block
        # One transaction, so the dump and the counts see one state of the database.
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            counts = model_counts()
            serializers.register_serializer(SERIALIZATION_FORMAT, __name__)
            call_command(
                "dumpdata",
                *[f"--exclude={label}" for label in _excluded_labels()],
                format=SERIALIZATION_FORMAT,
                use_base_manager=True,
                output=str(data_path),
                verbosity=0,
            )
        media_files = _media_files()
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database_vendor": connection.vendor,
            "django_version": django.get_version(),
            "wagtail_version": wagtail.__version__,
            "counts": counts,
            "media_files": len(media_files),
        }
        partial = path.with_name(path.name + ".partial")
        with _private_file(partial) as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            archive.add(data_path, arcname=DATA)
            root = _media_root()
            for file in media_files:
                archive.add(file, arcname=f"{MEDIA}/{file.relative_to(root).as_posix()}", recursive=False)
        partial.replace(path)
    return manifest


def _check_member(member: tarfile.TarInfo) -> None:
    name = PurePosixPath(member.name)
    if name.is_absolute() or ".." in name.parts or "\\" in member.name:
        raise BackupError(f"unsafe path in archive: {member.name!r}")
    if not (member.isfile() or member.isdir()):
        raise BackupError(f"unsupported entry in archive (links and devices are refused): {member.name!r}")
    if name.parts[0] not in (MANIFEST, DATA, MEDIA) or (name.parts[0] != MEDIA and len(name.parts) > 1):
        raise BackupError(f"unexpected entry in archive: {member.name!r}")


def read_archive(path: str | os.PathLike, into: Path) -> dict:
    """Checks the archive and extracts it into ``into``; returns the manifest."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = archive.getmembers()
            for member in members:
                _check_member(member)
            names = {member.name for member in members}
            if MANIFEST not in names or DATA not in names:
                raise BackupError(f"not a Minga backup: {MANIFEST} or {DATA} is missing")
            manifest = json.load(archive.extractfile(MANIFEST))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise BackupError("not a Minga backup: the manifest does not name the format")
            if manifest.get("format_version") not in SUPPORTED_VERSIONS:
                raise BackupError(
                    f"unknown backup format version {manifest.get('format_version')!r} "
                    f"(this version restores {sorted(SUPPORTED_VERSIONS)})"
                )
            archive.extractall(into, members=members, filter="data")
    except (tarfile.TarError, OSError, EOFError, ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"not a readable backup archive: {exc}") from exc
    return manifest


def _restore_media(source: Path) -> int:
    """Copies the backed-up files over MEDIA_ROOT; files the backup does not know are left alone."""
    if not source.is_dir():
        return 0
    root = _media_root()
    copied = 0
    for file in sorted(source.rglob("*")):
        if file.is_file():
            target = root / file.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)
            copied += 1
    return copied


def _rebuild_derived() -> str:
    """Search entries are not in the backup and loaddata saves raw rows (no signals), so reindex."""
    from wagtail.models import Site

    from search.bootstrap import bring_index_up_to_date

    Site.clear_site_root_paths_cache()
    for name, backend in settings.WAGTAILSEARCH_BACKENDS.items():
        if backend.get("BACKEND", "").endswith(".database"):
            call_command("update_index", backend_name=name, stdout=io.StringIO())
    return bring_index_up_to_date(stdout=io.StringIO())


def restore_backup(path: str | os.PathLike) -> dict:
    """Replaces the whole database and the backed-up media with the backup's; returns counts."""
    from django.contrib.contenttypes.models import ContentType

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        manifest = read_archive(path, tmp_path)
        # Flush and load in one transaction: if loading fails, the database is as it was.
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            ContentType.objects.clear_cache()
            call_command("loaddata", str(tmp_path / DATA), verbosity=0)
        ContentType.objects.clear_cache()
        media_files = _restore_media(tmp_path / MEDIA)
    search = _rebuild_derived()
    return {
        "backup_created_at": manifest.get("created_at"),
        "counts": model_counts(),
        "media_files": media_files,
        "search": search,
    }
