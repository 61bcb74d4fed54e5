"""Solutions and news posts at scale, with their taxonomy links, partners and key figures."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone
from wagtail.models import Locale

from solutions.models import (
    SDG,
    Country,
    Modality,
    NewsIndexPage,
    NewsPage,
    SolutionIndexPage,
    SolutionKeyFigure,
    SolutionPage,
    SolutionPartner,
    Theme,
)
from solutions.models.solution import region_codes_for
from solutions.models.vocab import CooperationType, EvidenceLevel, PartnerRole, Status
from solutions.news_actions import paragraphs_to_body
from website.scale.pages import BATCH, bulk_add_children
from website.scale.text import ORGANISATIONS, Prose


def seed_solutions(count: int, *, prose: Prose, run: str) -> list[int]:
    """``count`` published solutions under the catalogue; returns their page ids."""
    catalogue = SolutionIndexPage.objects.get()
    rng = prose.rng
    countries = list(Country.objects.all())
    regions_of = {c.code: region_codes_for([c]) for c in countries}
    sdgs, themes = list(SDG.objects.all()), list(Theme.objects.all())
    modalities = list(Modality.objects.all())
    locales = dict(Locale.objects.values_list("language_code", "pk"))
    ids: list[int] = []
    for start in range(0, count, BATCH):
        pages, links, dates = [], [], []
        for n in range(start, min(count, start + BATCH)):
            language = prose.language()
            first_year = rng.randint(1995, 2022)
            page = SolutionPage(
                title=prose.title(language)[:250],
                slug=f"scale-{run}-{n}",
                summary=prose.paragraph(language, 2)[:600],
                challenge=prose.text(language, 1),
                solution=prose.text(language, 2),
                results=prose.text(language, 1),
                lessons=prose.text(language, 1),
                sustainability=prose.paragraph(language, 1),
                language=language,
                locale_id=locales.get(language),
                cooperation_type=rng.choice(CooperationType.values),
                status=rng.choice(Status.values),
                start_year=first_year,
                end_year=rng.choice([None, min(first_year + rng.randint(1, 6), 2025)]),
                evidence_level=rng.choice(EvidenceLevel.values),
                featured=rng.random() < 0.002,
            )
            picked = rng.sample(countries, rng.randint(2, 4))
            chosen = (
                rng.sample(sdgs, rng.randint(1, 3)),
                rng.sample(themes, 2),
                rng.sample(modalities, rng.randint(1, 2)),
            )
            links.append((picked[:1], picked[1:], *chosen))
            pages.append(page)
            dates.append(timezone.now() - datetime.timedelta(days=rng.randint(0, 3650), minutes=n))
        bulk_add_children(catalogue, pages, dates)
        _link_taxonomy(pages, links, regions_of)
        _add_partners_and_figures(pages, rng)
        ids += [page.pk for page in pages]
    return ids


def _link_taxonomy(pages, links, regions_of) -> None:
    names = ("provider", "recipient", "countries", "regions", "sdgs", "themes", "modalities")
    rows: dict[str, list] = {name: [] for name in names}
    for page, (providers, recipients, sdgs, themes, modalities) in zip(pages, links, strict=True):
        rows["provider"] += [(page.pk, c.code) for c in providers]
        rows["recipient"] += [(page.pk, c.code) for c in recipients]
        rows["countries"] += [(page.pk, c.code) for c in {*providers, *recipients}]
        rows["regions"] += [
            (page.pk, code) for code in set().union(*(regions_of[c.code] for c in providers + recipients))
        ]
        rows["sdgs"] += [(page.pk, s.pk) for s in sdgs]
        rows["themes"] += [(page.pk, t.pk) for t in themes]
        rows["modalities"] += [(page.pk, m.pk) for m in modalities]
    relations = {
        "provider": SolutionPage.provider_countries,
        "recipient": SolutionPage.recipient_countries,
        "countries": SolutionPage.countries,
        "regions": SolutionPage.regions,
        "sdgs": SolutionPage.sdgs,
        "themes": SolutionPage.themes,
        "modalities": SolutionPage.modalities,
    }
    for name, descriptor in relations.items():
        through = descriptor.through
        source, target = descriptor.field.m2m_field_name(), descriptor.field.m2m_reverse_field_name()
        through.objects.bulk_create(
            [through(**{f"{source}_id": pk, f"{target}_id": value}) for pk, value in rows[name]], batch_size=BATCH
        )


def _add_partners_and_figures(pages, rng: random.Random) -> None:
    from solutions.organisations import find_or_create

    organisations = {name: find_or_create(name)[0].pk for name in ORGANISATIONS}
    partners, figures = [], []
    for page in pages:
        for order, role in enumerate(rng.sample(PartnerRole.values, rng.randint(1, 3))):
            name = rng.choice(ORGANISATIONS)
            partners.append(
                SolutionPartner(
                    page_id=page.pk, sort_order=order, name=name, role=role, organisation_id=organisations[name]
                )
            )
        figures.append(SolutionKeyFigure(page_id=page.pk, sort_order=0, value=f"{rng.randint(2, 95)}%", label="reach"))
    SolutionPartner.objects.bulk_create(partners, batch_size=BATCH)
    SolutionKeyFigure.objects.bulk_create(figures, batch_size=BATCH)


def seed_news(count: int, *, prose: Prose, run: str) -> list[int]:
    index = NewsIndexPage.objects.get()
    today = timezone.localdate()
    pages, dates = [], []
    for n in range(count):
        day = today - datetime.timedelta(days=n * 3)
        pages.append(
            NewsPage(
                title=prose.title("en"),
                slug=f"scale-{run}-{n}",
                date=day,
                authors=prose.person(),
                intro=prose.paragraph("en", 1)[:400],
                body=paragraphs_to_body(prose.text("en", 4)),
            )
        )
        dates.append(timezone.now() - datetime.timedelta(days=n * 3))
    bulk_add_children(index, pages, dates)
    return [page.pk for page in pages]
