"""Saving an editor's changes to an organisation's page."""

from __future__ import annotations

from django.db import transaction

from solutions.models import Organisation
from solutions.models.vocab import stored_languages


@transaction.atomic  # its search document is written once the countries are in too
def update_organisation(organisation: Organisation, form) -> Organisation:
    organisation = form.save(commit=False)
    organisation.languages = stored_languages(form.cleaned_data["languages"])
    logo = getattr(form, "processed_logo", None)
    if (form.cleaned_data.get("remove_logo") or logo is not None) and organisation.logo:
        organisation.logo.delete(save=False)
    if logo is not None:
        organisation.logo.save(logo.name, logo, save=False)
    organisation.save()
    organisation.countries.set(form.cleaned_data["countries"])
    return organisation
