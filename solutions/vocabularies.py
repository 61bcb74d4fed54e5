"""Loads the controlled vocabularies shipped in solutions/data/ (copied from the shared data set)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from solutions.countries import is_country_code

DATA_DIR = Path(__file__).resolve().parent / "data"


def read(name: str):
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def names(entry: dict) -> dict:
    return {f"name_{code}": entry["name"].get(code, "") for code in ("en", "es", "fr", "pt")}


def load_vocabularies(apps) -> None:
    """Idempotent: safe to run in a migration and again after the data files change."""
    SDG = apps.get_model("solutions", "SDG")
    Theme = apps.get_model("solutions", "Theme")
    Modality = apps.get_model("solutions", "Modality")
    Region = apps.get_model("solutions", "Region")
    Country = apps.get_model("solutions", "Country")

    for sdg in read("sdgs"):
        SDG.objects.update_or_create(number=sdg["number"], defaults=names(sdg))
    for order, theme in enumerate(read("themes")):
        Theme.objects.update_or_create(slug=theme["slug"], defaults={**names(theme), "sort_order": order})
    for order, modality in enumerate(read("modalities")):
        Modality.objects.update_or_create(
            slug=modality["slug"],
            defaults={**names(modality), "description": modality.get("description", ""), "sort_order": order},
        )
    m49 = read("m49")
    for region in m49["regions"]:  # parents come before children in the file
        Region.objects.update_or_create(code=region["code"], defaults={**names(region), "parent_id": region["parent"]})
    for key, region_code in m49["countries"].items():
        for code in iso_codes(key):
            Country.objects.update_or_create(code=code, defaults={"region_id": region_code})


def iso_codes(key: str) -> list[str]:
    """Most keys are plain ISO codes; a few are patterns naming aliases ("^GB$|^UK$"), of which
    only the ISO 3166-1 code is kept."""
    if len(key) == 2:
        return [key]
    return [code for code in re.findall(r"[A-Z]{2}", key) if is_country_code(code)]


def shipped_values() -> dict[str, list[str]]:
    """Every value the shipped vocabularies give each catalogue filter, as the records API's
    schema lists them (regions also without their leading zeros, as links write them)."""
    m49 = read("m49")
    regions = [r["code"] for r in m49["regions"] if r["code"] != "001"]
    return {
        "region": regions + sorted({code.lstrip("0") for code in regions} - set(regions)),
        "country": sorted({code for key in m49["countries"] for code in iso_codes(key)}),
        "sdg": [str(sdg["number"]) for sdg in read("sdgs")],
        "theme": [theme["slug"] for theme in read("themes")],
        "modality": [modality["slug"] for modality in read("modalities")],
    }
