"""Demand against supply: requests by theme and region next to the solutions available, laid out
for server-rendered SVG bar charts (no script needed)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse

from exchange.models import ACTIVE, KnowledgeRequest, RequestStatus
from solutions.catalogue import country_counts, published_solutions
from solutions.models import Region, Theme
from solutions.world_map import CountryLinks, world_map

# Each row is its label on a line of its own, then a requests bar and a solutions bar side by side.
# Across, positions are percentages of the chart's width and text keeps the page's size, so the
# chart reads the same on a 360 px phone as on a desktop (a scaled drawing shrank its text to 5 px).
BAR = 38  # the longest bar, in % of the width
ROW = 46  # px
REQUESTS_X, SOLUTIONS_X = 0, 52  # where the two bar columns start, in %
# A theme or region with open requests and fewer solutions than this is a supply gap.
FEW_SOLUTIONS = 3


@dataclass
class Row:
    code: str
    label: str
    open: int
    fulfilled: int
    solutions: int
    y: int = 0
    open_width: float = 0.0
    fulfilled_width: float = 0.0
    solutions_width: float = 0.0

    @property
    def gap(self) -> bool:
        return self.open > 0 and self.solutions < FEW_SOLUTIONS

    @property
    def fulfilled_x(self) -> float:
        return REQUESTS_X + self.open_width

    @property
    def requests_label_x(self) -> float:
        return round(REQUESTS_X + self.open_width + self.fulfilled_width, 1)

    @property
    def solutions_label_x(self) -> float:
        return round(SOLUTIONS_X + self.solutions_width, 1)

    @property
    def requests(self) -> int:
        return self.open + self.fulfilled


def request_counts(relation: str, key: str) -> dict[str, dict[str, int]]:
    """{code: {"open": n, "fulfilled": n}} over the through table of one request relation."""
    through = getattr(KnowledgeRequest, relation).through
    rows = (
        through.objects.filter(
            knowledgerequest__is_held=False,
            knowledgerequest__is_hidden=False,
            knowledgerequest__status__in=[*ACTIVE, RequestStatus.FULFILLED],
        )
        .values(key, "knowledgerequest__status")
        .annotate(n=Count("knowledgerequest", distinct=True))
    )
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        bucket = "fulfilled" if row["knowledgerequest__status"] == RequestStatus.FULFILLED else "open"
        entry = counts.setdefault(str(row[key]), {"open": 0, "fulfilled": 0})
        entry[bucket] += row["n"]
    return counts


def solution_counts(relation: str) -> dict[str, int]:
    rows = published_solutions().order_by().values(relation).annotate(n=Count("pk", distinct=True))
    return {str(row[relation]): row["n"] for row in rows if row[relation] is not None}


def layout(rows: list[Row]) -> list[Row]:
    rows.sort(key=lambda r: (-r.open, -r.fulfilled, r.solutions, r.label))
    most_requests = max([r.requests for r in rows] + [1])
    most_solutions = max([r.solutions for r in rows] + [1])
    for index, row in enumerate(rows):
        row.y = index * ROW
        row.open_width = round(BAR * row.open / most_requests, 1)
        row.fulfilled_width = round(BAR * row.fulfilled / most_requests, 1)
        row.solutions_width = round(BAR * row.solutions / most_solutions, 1)
    return rows


def demand_rows() -> dict:
    theme_requests = request_counts("themes", "theme_id")
    theme_solutions = solution_counts("themes")
    themes = [
        Row(
            t.slug,
            t.name,
            theme_requests.get(t.slug, {}).get("open", 0),
            theme_requests.get(t.slug, {}).get("fulfilled", 0),
            theme_solutions.get(t.slug, 0),
        )
        for t in Theme.objects.all()
    ]
    region_requests = request_counts("regions", "region_id")
    region_solutions = solution_counts("regions")
    regions = [
        Row(
            r.code,
            r.name,
            region_requests.get(r.code, {}).get("open", 0),
            region_requests.get(r.code, {}).get("fulfilled", 0),
            region_solutions.get(r.code, 0),
        )
        for r in Region.objects.filter(parent__parent_id="001")
    ]
    themes, regions = layout(themes), layout(regions)
    return {
        "charts": [("themes", themes, len(themes) * ROW), ("regions", regions, len(regions) * ROW)],
        "bar": BAR,
        "requests_x": REQUESTS_X,
        "solutions_x": SOLUTIONS_X,
        "few_solutions": FEW_SOLUTIONS,
        "open_total": KnowledgeRequest.objects.filter(status__in=ACTIVE, is_held=False, is_hidden=False).count(),
        "fulfilled_total": KnowledgeRequest.objects.filter(
            status=RequestStatus.FULFILLED, is_held=False, is_hidden=False
        ).count(),
        "gaps": [row for row in themes + regions if row.gap],
    }


def demand_map() -> dict:
    """Open requests by country on the world map, next to the solutions that involve each; a
    country with requests links to them."""
    open_requests = KnowledgeRequest.countries.through.objects.filter(
        knowledgerequest__status__in=ACTIVE, knowledgerequest__is_held=False, knowledgerequest__is_hidden=False
    )
    counts = {
        code: n
        for code, n in open_requests.values_list("country_id").annotate(n=Count("knowledgerequest_id", distinct=True))
    }
    solutions = country_counts(published_solutions())
    requests_url = reverse("requests")
    return world_map(counts, CountryLinks(f"{requests_url}?country="), compare=solutions)
