import pytest

from solutions.resource_actions import Version, attach_resource, create_resource
from website.demo_media import make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_filters_by_region_and_sdg_and_downloads_the_pdf(live_server, page, make_solution):
    target = make_solution(
        title="School gardens in Malawi", recipient_countries=["MW"], provider_countries=["BR"], sdgs=[2, 4]
    )
    make_solution(title="Solar lanterns in Bangladesh", recipient_countries=["BD"], provider_countries=["IN"], sdgs=[7])
    make_solution(title="Fisheries in Senegal", recipient_countries=["SN"], provider_countries=["MA"], sdgs=[14])
    resource = create_resource(
        slug="gardens-guide",
        title="School gardens guide",
        description="",
        versions=[Version("en", "English version", "gardens-en.pdf", make_pdf("School gardens", "How to", "en"))],
    )
    attach_resource(target, resource)

    page.goto(f"{live_server.url}/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Solutions").click()
    page.wait_for_url("**/en/solutions/")
    assert page.get_by_role("heading", name="3 solutions").is_visible()

    page.get_by_label("Africa (2)", exact=True).check()
    page.get_by_label("2. Zero Hunger (1)", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**region=002**")
    assert "sdg=2" in page.url
    assert page.get_by_role("heading", name="1 solution").is_visible()

    page.get_by_role("link", name="School gardens in Malawi").click()
    assert page.get_by_role("heading", level=1).inner_text() == "School gardens in Malawi"
    assert page.get_by_role("link", name="Malawi").is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="English version").click()
    download = download_info.value
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
