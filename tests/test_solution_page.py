import json
import re
import threading

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from solutions.models import NewsIndexPage, PageViewCount, SolutionIndexPage, SolutionPage
from website.models import HomePage, StandardPage
from website.site_tree import ensure_site_tree


def solution_form(**overrides):
    data = {
        "title": "Community seed banks",
        "slug": "community-seed-banks",
        "summary": "Farmers keep local seed varieties.",
        "language": "en",
        "challenge": "Seed loss after droughts.",
        "solution": "",
        "results": "",
        "lessons": "",
        "sustainability": "",
        "cooperation_type": "south-south",
        "sdgs": ["2", "13"],
        "themes": ["food-security"],
        "modalities": ["study-tour"],
        "tags": "seeds",
        "provider_countries": ["ET"],
        "recipient_countries": ["MW"],
        "status": "completed",
        "start_year": "2014",
        "end_year": "2018",
        "evidence_level": "evaluated",
        "last_reviewed": "",
        "key_figures": inline_formset([{"value": "120", "label": "seed banks"}]),
        "partners": inline_formset([{"name": "Ministry of Agriculture", "role": "provider"}]),
        "funding_sources": inline_formset([]),
        "contacts": inline_formset([]),
        "attachments": inline_formset([]),
        "images": inline_formset([]),
        "links": inline_formset([]),
        "search_description": "",
        "seo_title": "",
    }
    data.update(overrides)
    multiple = {
        key: data.pop(key) for key in ("sdgs", "themes", "modalities", "provider_countries", "recipient_countries")
    }
    return {**nested_form_data(data), **multiple}


class SolutionPageAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = ensure_site_tree()
        cls.catalogue = SolutionIndexPage.objects.get()

    def setUp(self):
        self.login()

    def test_page_tree_rules(self):
        self.assertCanCreateAt(SolutionIndexPage, SolutionPage)
        self.assertCanNotCreateAt(HomePage, SolutionPage)
        self.assertCanNotCreateAt(NewsIndexPage, SolutionPage)
        self.assertAllowedParentPageTypes(SolutionPage, {SolutionIndexPage})
        self.assertAllowedSubpageTypes(SolutionPage, set())
        self.assertCanCreateAt(HomePage, StandardPage)

    def test_editor_creates_a_solution_with_derived_regions(self):
        self.assertCanCreate(self.catalogue, SolutionPage, solution_form())
        page = SolutionPage.objects.get(slug="community-seed-banks")
        assert {r.code for r in page.regions.all()} == {"002", "202", "014"}
        assert [k.value for k in page.key_figures.all()] == ["120"]

    def test_more_than_five_sdgs_is_refused(self):
        url = f"/admin/pages/add/solutions/solutionpage/{self.catalogue.pk}/"
        response = self.client.post(url, solution_form(sdgs=["1", "2", "3", "4", "5", "6"], action_publish="1"))
        assert response.status_code == 200
        assert "Choose at most 5 SDGs." in response.content.decode()
        assert not SolutionPage.objects.exists()

    def test_end_year_before_start_year_is_refused(self):
        url = f"/admin/pages/add/solutions/solutionpage/{self.catalogue.pk}/"
        response = self.client.post(url, solution_form(start_year="2018", end_year="2010", action_publish="1"))
        assert "The end year cannot be before the start year." in response.content.decode()
        assert not SolutionPage.objects.exists()

    def test_overlong_summary_is_refused(self):
        url = f"/admin/pages/add/solutions/solutionpage/{self.catalogue.pk}/"
        response = self.client.post(url, solution_form(summary="x" * 601, action_publish="1"))
        assert response.status_code == 200
        assert not SolutionPage.objects.exists()

    def test_standard_page_with_streamfield_body(self):
        data = nested_form_data(
            {
                "title": "About",
                "slug": "about-us",
                "intro": "",
                "version": "",
                "body": streamfield([("paragraph", rich_text("<p>Hello</p>"))]),
            }
        )
        self.assertCanCreate(self.home, StandardPage, data)


def test_detail_shows_sections_badges_and_escapes_user_text(client, make_solution):
    page = make_solution(
        title="Solar pumps",
        challenge="Wells dried up.\n\n<script>alert(1)</script>",
        sdgs=[6, 7],
        themes=["energy"],
        recipient_countries=["SN"],
        partners=[{"name": "Agency X", "role": "facilitator"}],
    )
    html = client.get(page.url).content.decode()
    assert "<p>Wells dried up.</p>" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="/en/solutions/?sdg=6"' in html and 'href="/en/solutions/?theme=energy"' in html
    assert 'href="/en/solutions/?region=011"' in html  # Western Africa, from Senegal
    assert "Agency X" in html and "Facilitator" in html


def test_detail_json_ld_and_open_graph(client, make_solution):
    page = make_solution(
        title="Cash transfers", summary="Transfers </script><b>x</b>", sdgs=[1], recipient_countries=["KE"]
    )
    html = client.get(page.url).content.decode()
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(payload)
    assert data["@type"] == "CreativeWork" and data["name"] == "Cash transfers"
    assert data["description"] == "Transfers </script><b>x</b>"  # escaped inside, intact once parsed
    assert {place["identifier"] for place in data["spatialCoverage"]} == {"BR", "KE"}
    assert data["temporalCoverage"] == "2012/2015"
    assert '<meta property="og:title" content="Cash transfers">' in html
    assert '<meta property="og:type" content="article">' in html


def test_related_solutions_share_themes_or_goals(client, make_solution):
    page = make_solution(title="Main", themes=["health"], sdgs=[3])
    make_solution(title="Sibling on health", themes=["health"], sdgs=[3])
    make_solution(title="Unrelated", themes=["energy"], sdgs=[7])
    context = client.get(page.url).context
    assert [p.title for p in context["related"]] == ["Sibling on health"]


def test_attachments_are_grouped_by_resource_with_language_versions(client, make_solution):
    from solutions.resource_actions import Version, attach_resource, create_resource
    from website.demo_media import make_pdf

    page = make_solution(title="With documents")
    resource = create_resource(
        slug="guide",
        title="Field guide",
        description="",
        versions=[
            Version("en", "English version", "guide-en.pdf", make_pdf("Guide", "Text", "en")),
            Version("es", "Versión en Español", "guide-es.pdf", make_pdf("Guía", "Texto", "es")),
        ],
    )
    attach_resource(page, resource)
    html = client.get(page.url).content.decode()
    assert html.count("<h3>Field guide</h3>") == 1
    assert "English version" in html and "Versión en Español" in html
    assert resource.versions.get(language="es").extracted_text.startswith("Guía")


def test_view_count_increments(client, make_solution):
    page = make_solution()
    for _ in range(3):
        client.get(page.url)
    assert PageViewCount.objects.get(page_id=page.pk).count == 3


@pytest.mark.django_db(transaction=True)
def test_view_count_is_correct_under_concurrent_requests(make_solution):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is exercised on PostgreSQL")
    from django.test import Client

    page = make_solution()
    threads, per_thread = 8, 5

    def hammer():
        client = Client()
        for _ in range(per_thread):
            assert client.get(page.url).status_code == 200
        connection.close()

    workers = [threading.Thread(target=hammer) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert PageViewCount.objects.get(page_id=page.pk).count == threads * per_thread


def test_only_one_home_page_and_catalogue(site_tree):
    ensure_site_tree()
    assert HomePage.objects.count() == 1 and SolutionIndexPage.objects.count() == 1
    assert Page.objects.filter(depth=2).count() == 1


def test_editor_translates_a_solution_from_the_admin(admin_client, make_solution):
    page = make_solution(title="Seed fairs")
    edit = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Translate into Español" in edit
    response = admin_client.post(f"/admin/solutions/{page.pk}/translate/es/")
    translation = SolutionPage.objects.get(locale__language_code="es", translation_key=page.translation_key)
    assert response.status_code == 302 and response.url == f"/admin/pages/{translation.pk}/edit/"
    assert not translation.live and translation.language == "es"
    assert translation.get_parent().pk == page.get_parent().pk
