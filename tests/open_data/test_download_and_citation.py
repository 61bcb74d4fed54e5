"""The catalogue's download (CSV and JSON Lines in the import format, so it imports elsewhere),
and each solution's licence and "Cite this"."""

from __future__ import annotations

import csv
import io
import json

import pytest

from solutions.importing import import_solutions, validate_lines
from solutions.models import Organisation, SolutionPage

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_download_is_the_filtered_set_in_the_import_format_and_imports_again(client, make_solution):
    abc = Organisation.objects.create(name="ABC")
    abc.countries.add("BR")
    water = make_solution(
        title="Wells",
        sdgs=[6],
        partners=[{"organisation": abc.pk, "role": "provider"}],
        links=[{"title": "Report", "url": "https://example.org/r"}],
        key_figures=[{"label": "wells", "value": "40"}],
        funding_sources=["A fund"],
        licence="CC0-1.0",
    )
    make_solution(title="Meals", sdgs=[2])
    response = client.get("/en/solutions/download.jsonl?sdg=6")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    lines = body(response).splitlines()
    records, errors = validate_lines(lines)
    assert errors == [] and [r["title"] for _n, r in records] == ["Wells"]
    record = json.loads(lines[0])
    assert record["partners"] == [{"name": "ABC", "role": "provider", "country": "BR"}]
    assert record["licence"] == "CC0-1.0" and record["external_id"] == water.external_id

    # Imported into an empty catalogue, the download makes the same record.
    SolutionPage.objects.filter(pk=water.pk).delete()
    Organisation.objects.all().delete()
    report = import_solutions(lines)
    assert report.ok and report.created == [water.external_id]
    again = SolutionPage.objects.get(external_id=water.external_id)
    assert (again.licence, again.partners.get().organisation.name) == ("CC0-1.0", "ABC")


def test_csv_download_has_the_import_columns_and_one_row_per_record(client, make_solution):
    make_solution(title="Wells, deep ones", tags=["water", "rural"])
    make_solution(title="Meals", recipient_countries=["HN"])
    rows = list(csv.DictReader(io.StringIO(body(client.get("/en/solutions/download.csv?country=MZ")))))
    assert [row["title"] for row in rows] == ["Wells, deep ones"]
    assert rows[0]["tags"] in ("water; rural", "rural; water") and rows[0]["licence"] == "CC-BY-4.0"
    assert json.loads(rows[0]["partners"])["role"] == "provider"  # one partner: one object


def test_an_unknown_download_format_is_not_found(client, site_tree):
    assert client.get("/en/solutions/download.xlsx").status_code == 404


def test_the_catalogue_links_its_filtered_downloads(client, make_solution):
    make_solution()
    html = client.get("/en/solutions/?sdg=2").content.decode()
    assert "/en/solutions/download.csv?sdg=2" in html and "/en/solutions/download.jsonl?sdg=2" in html


def test_a_solution_states_its_licence_in_the_page_and_json_ld(client, make_solution):
    default = make_solution()
    other = make_solution(licence="CC-BY-NC-4.0")
    html = client.get(default.url).content.decode()
    assert 'rel="license" href="https://creativecommons.org/licenses/by/4.0/"' in html
    other_html = client.get(other.url).content.decode()
    assert "CC BY-NC 4.0" in other_html
    assert '"license": "https://creativecommons.org/licenses/by-nc/4.0/"' in other_html


def test_an_unknown_licence_is_refused_by_the_import(catalogue):
    from tests.conftest import solution_record

    report = import_solutions([json.dumps(solution_record(licence="proprietary"))])
    assert [(e.field, e.problem) for e in report.errors] == [("licence", "unknown value 'proprietary'")]


def test_cite_this_gives_apa_bibtex_and_csl_json(client, make_solution):
    page = make_solution(
        title="Rainwater & schools",
        partners=[{"name": "Ministry of Water", "role": "provider"}, {"name": "UNICEF", "role": "provider"}],
    )
    from solutions.citation import apa, bibtex, csl_json

    url = "https://minga.example/en/solutions/x/"
    year = page.first_published_at.year
    assert apa(page, url) == f"Ministry of Water, & UNICEF. ({year}). Rainwater & schools. Minga. {url}"
    entry = bibtex(page, url)
    assert entry.startswith(f"@misc{{minga-{page.pk},") and "{Ministry of Water} and {UNICEF}" in entry
    assert "Rainwater \\& schools" in entry and f"year = {{{year}}}" in entry
    data = csl_json(page, url)
    assert data["author"] == [{"literal": "Ministry of Water"}, {"literal": "UNICEF"}]
    assert data["issued"]["date-parts"][0][0] == year and data["URL"] == url
    html = client.get(page.url).content.decode()
    assert "Cite this" in html and "@misc{minga-" in html and "&quot;literal&quot;: &quot;UNICEF&quot;" in html
