"""Choice lists of the solution record (the contract of the import format)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CooperationType(models.TextChoices):
    SOUTH_SOUTH = "south-south", _("South-South")
    TRIANGULAR = "triangular", _("Triangular")
    REGIONAL = "regional", _("Regional")


class PartnerRole(models.TextChoices):
    PROVIDER = "provider", _("Provider")
    RECIPIENT = "recipient", _("Recipient")
    FACILITATOR = "facilitator", _("Facilitator")
    FUNDER = "funder", _("Funder")


class Licence(models.TextChoices):
    """Licences a record may be shared under, by SPDX id; CC BY 4.0 unless the record says so."""

    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "CC-BY-NC-4.0", "CC BY-NC 4.0"
    CC_BY_NC_SA = "CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"
    CC_BY_ND = "CC-BY-ND-4.0", "CC BY-ND 4.0"
    CC0 = "CC0-1.0", "CC0 1.0"


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class EvidenceLevel(models.TextChoices):
    SELF_REPORTED = "self-reported", _("Self-reported")
    EVALUATED = "evaluated", _("Evaluated")
    INDEPENDENTLY_EVALUATED = "independently-evaluated", _("Independently evaluated")


class Language(models.TextChoices):
    EN = "en", "English"
    ES = "es", "Español"
    FR = "fr", "Français"
    PT = "pt", "Português"


# Profiles, requests and offers store the languages someone works in as ",en,pt," so "works in
# Portuguese" is a plain LIKE on every database.
def stored_languages(codes) -> str:
    return "," + ",".join(sorted(set(codes))) + "," if codes else ""


def language_codes(stored: str) -> list[str]:
    return [code for code in stored.split(",") if code]


def language_names(codes) -> list[str]:
    names = dict(Language.choices)
    return [names.get(code, code) for code in codes]


MAX_SDGS = 5
SUMMARY_MAX_LENGTH = 600
FIRST_YEAR = 1950
LAST_YEAR = 2100
