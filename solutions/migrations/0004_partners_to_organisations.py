"""Free-text partners become organisations: one per name, case and accents ignored; the names
that differ only in punctuation or filler words are left as separate organisations and listed to
editors as likely duplicates (Organisations → Duplicates in the admin)."""

import secrets
import unicodedata

from django.db import migrations
from django.utils.text import slugify


def folded(name: str) -> str:
    # Frozen copy of solutions.names.folded: a migration must not change when the app does.
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())[:255]


def free_slug(Organisation, name: str, taken: set[str]) -> str:
    base = slugify(name)[:100] or "organisation"
    slug = base
    while slug in taken:
        slug = f"{base}-{secrets.token_hex(3)}"
    taken.add(slug)
    return slug


def forwards(apps, schema_editor):
    Organisation = apps.get_model("solutions", "Organisation")
    SolutionPartner = apps.get_model("solutions", "SolutionPartner")
    by_key = {o.name_key: o for o in Organisation.objects.filter(merged_into=None).order_by("-pk")}
    taken = set(Organisation.objects.values_list("slug", flat=True))
    for partner in SolutionPartner.objects.filter(organisation=None).order_by("pk").iterator():
        name = " ".join(partner.name.split())
        key = folded(name)
        if not key:
            continue
        organisation = by_key.get(key)
        if organisation is None:
            organisation = Organisation.objects.create(name=name, name_key=key, slug=free_slug(Organisation, name, taken))
            by_key[key] = organisation
        partner.organisation_id = organisation.pk
        partner.save(update_fields=["organisation"])


class Migration(migrations.Migration):
    dependencies = [("solutions", "0003_organisations")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
