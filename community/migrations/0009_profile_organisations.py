"""Members' free-text organisations become affiliations (unconfirmed: the member's word) with
organisations matched by name, case and accents ignored, as partners were."""

import secrets
import unicodedata

from django.db import migrations
from django.utils.text import slugify


def folded(name: str) -> str:
    # Frozen copy of solutions.names.folded.
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())[:255]


def forwards(apps, schema_editor):
    Organisation = apps.get_model("solutions", "Organisation")
    Profile = apps.get_model("community", "Profile")
    Affiliation = apps.get_model("community", "Affiliation")
    by_key = {o.name_key: o for o in Organisation.objects.filter(merged_into=None).order_by("-pk")}
    taken = set(Organisation.objects.values_list("slug", flat=True))
    for profile in Profile.objects.exclude(organisation="").order_by("pk").iterator():
        name = " ".join(profile.organisation.split())
        key = folded(name)
        if not key:
            continue
        organisation = by_key.get(key)
        if organisation is None:
            base = slugify(name)[:100] or "organisation"
            slug = base
            while slug in taken:
                slug = f"{base}-{secrets.token_hex(3)}"
            taken.add(slug)
            organisation = Organisation.objects.create(name=name[:255], name_key=key, slug=slug)
            by_key[key] = organisation
        Affiliation.objects.get_or_create(
            user_id=profile.user_id, organisation=organisation, defaults={"role": profile.role[:200]}
        )


class Migration(migrations.Migration):
    dependencies = [("community", "0008_affiliations"), ("solutions", "0004_partners_to_organisations")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
