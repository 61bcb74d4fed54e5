"""Creating resources: one logical document, one file per language version."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction

from solutions.models import Resource, ResourceDocument, SolutionPage, SolutionResource


@dataclass(frozen=True)
class Version:
    language: str
    title: str
    filename: str
    content: bytes


@transaction.atomic
def create_resource(*, slug: str, title: str, description: str, versions: list[Version], themes=()) -> Resource:
    """Idempotent by slug; versions already present in a language are left as they are."""
    resource, _created = Resource.objects.get_or_create(
        slug=slug, defaults={"title": title, "description": description}
    )
    if themes:
        resource.themes.add(*themes)
    existing = set(resource.versions.values_list("language", flat=True))
    for version in versions:
        if version.language in existing:
            continue
        document = ResourceDocument(title=version.title, language=version.language, resource=resource)
        document.file.save(version.filename, ContentFile(version.content), save=False)
        document.save()
    return resource


def attach_resource(page: SolutionPage, resource: Resource) -> None:
    """Adds the resource to the solution's documents in a new published revision."""
    if any(a.resource_id == resource.pk for a in page.attachments.all()):
        return
    page.attachments.add(SolutionResource(resource=resource))
    page.save_revision().publish()
