"""A visitor goes from the catalogue to its map, follows a country to the filtered catalogue, on to
an organisation's page and back to download the filtered set as CSV."""

import csv

import pytest

from solutions.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_catalogue_map_country_organisation_and_csv_download(live_server, page, make_solution):
    embrapa = Organisation.objects.create(name="Embrapa", kind="government")
    embrapa.countries.add("BR")
    make_solution(
        title="Cassava breeding in Angola",
        provider_countries=["BR"],
        recipient_countries=["AO"],
        partners=[{"organisation": embrapa.pk, "role": "provider"}],
    )
    make_solution(title="Wells in Kenya", provider_countries=["IN"], recipient_countries=["KE"])

    page.goto(f"{live_server.url}/en/solutions/")
    assert page.get_by_role("heading", name="2 solutions").is_visible()
    world = page.locator("svg.map")
    assert world.is_visible()
    page.get_by_role("link", name="Provider countries").click()
    page.wait_for_url("**map=provider**")

    brazil = page.locator('svg.map a[href*="country=BR"]')
    brazil.focus()  # keyboard reachable
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("country=BR")
    page.keyboard.press("Enter")
    page.wait_for_url("**country=BR**")
    assert page.get_by_role("heading", name="1 solution").is_visible()
    assert page.get_by_role("link", name="Cassava breeding in Angola").is_visible()

    page.get_by_role("link", name="Cassava breeding in Angola").click()
    page.get_by_role("link", name="Embrapa").click()
    page.wait_for_url("**/organisations/embrapa/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Embrapa")
    assert page.get_by_role("heading", name="Solutions it provided").is_visible()

    page.go_back()
    page.go_back()
    page.wait_for_url("**country=BR**")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == "minga-solutions.csv"
    with open(download.path(), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["title"] for row in rows] == ["Cassava breeding in Angola"]
