"""Many solutions quickly, for query budgets: pages are added to the tree without revisions."""

from __future__ import annotations

import random

from solutions.models import SDG, Country, Modality, SolutionPage, Theme
from solutions.models.solution import region_codes_for


def bulk_solutions(catalogue, count: int, seed: int = 7) -> list[SolutionPage]:
    rng = random.Random(seed)
    countries = list(Country.objects.all())
    sdgs, themes, modalities = list(SDG.objects.all()), list(Theme.objects.all()), list(Modality.objects.all())
    pages = []
    for n in range(count):
        page = SolutionPage(
            title=f"Bulk solution {n}",
            slug=f"bulk-{seed}-{n}",
            summary="Bulk summary",
            challenge="Bulk challenge",
            cooperation_type=rng.choice(["south-south", "triangular", "regional"]),
            status=rng.choice(["planned", "ongoing", "completed"]),
            start_year=rng.randint(2000, 2020),
            language="en",
        )
        picked = rng.sample(countries, 3)
        page.provider_countries = picked[:1]
        page.recipient_countries = picked[1:]
        page.sdgs = rng.sample(sdgs, 2)
        page.themes = rng.sample(themes, 2)
        page.modalities = rng.sample(modalities, 1)
        catalogue.add_child(instance=page)
        pages.append(page)
    assert all(page.regions.all() for page in pages[:1]), region_codes_for(picked)
    return pages
