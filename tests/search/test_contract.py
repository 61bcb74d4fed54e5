"""The same assertions for both engines."""

import datetime

from solutions.models import NewsIndexPage
from solutions.news_actions import publish_news_post
from solutions.resource_actions import Version, create_resource
from website.demo_media import make_pdf

from .conftest import ask, titles


def facet(results, name) -> dict:
    return {v.value: v.count for v in results.facets[name]}


def test_finds_a_solution_by_its_words_with_a_highlighted_snippet(engine, make_solution):
    make_solution(
        title="Mangrove restoration by fishing communities", summary="Fishers replant mangroves along the coast."
    )
    make_solution(title="Solar lanterns", summary="Lanterns for rural schools.")
    engine.ready()
    results = ask(engine, q="mangrove restoration")
    assert titles(results)[0] == "Mangrove restoration by fishing communities"
    assert "<mark>" in results.hits[0].snippet
    assert results.hits[0].type == "solution"
    assert results.hits[0].url.startswith("/en/solutions/")


def test_never_returns_drafts_or_unpublished_content(engine, make_solution):
    make_solution(title="Published water kiosks")
    make_solution(title="Unpublished water kiosks").unpublish()
    make_solution(title="Draft water kiosks", publish=False)
    engine.ready()
    results = ask(engine, q="water kiosks")
    assert titles(results) == ["Published water kiosks"]
    assert results.count == 1
    assert facet(results, "type") == {"solution": 1}
    assert all("Draft" not in s and "Unpublished" not in s for s in engine.suggest("water"))


def test_facets_count_every_value_and_stay_right_with_several_selected(engine, make_solution):
    make_solution(title="Drought early warning Kenya", recipient_countries=["KE"], sdgs=[2, 13], status="completed")
    make_solution(
        title="Drought insurance Malawi", recipient_countries=["MW"], sdgs=[1, 13], status="ongoing", end_year=None
    )
    make_solution(title="Drought seeds Bolivia", recipient_countries=["BO"], provider_countries=["PE"], sdgs=[2])
    engine.ready()
    everything = ask(engine, q="drought")
    assert everything.count == 3
    assert facet(everything, "sdg") == {"1": 1, "2": 2, "13": 2}
    regions = facet(everything, "region")
    assert regions["002"] == 2  # Africa: Kenya and Malawi
    assert regions["005"] == 3  # South America: Brazil provides the first two, Peru and Bolivia the third
    assert facet(everything, "status") == {}  # a solutions-only facet, counted once a search is narrowed to them
    solutions = ask(engine, q="drought", type="solution")
    assert facet(solutions, "status") == {"completed": 2, "ongoing": 1}
    assert facet(solutions, "sdg") == facet(everything, "sdg")

    two_sdgs = ask(engine, q="drought", sdg=["1", "2"])
    assert two_sdgs.count == 3
    assert facet(two_sdgs, "sdg") == {"1": 1, "2": 2, "13": 2}  # unchanged: its own selection is not applied

    africa_sdg2 = ask(engine, q="drought", sdg="2", region="014", type="solution")
    assert titles(africa_sdg2) == ["Drought early warning Kenya"]
    assert facet(africa_sdg2, "status") == {"completed": 1}


def test_type_language_and_country_filters(engine, make_solution, catalogue):
    make_solution(title="Cash transfers for families", language="en", recipient_countries=["ZM"])
    make_solution(
        title="Transferencias para familias",
        language="es",
        summary="Transferencias monetarias",
        recipient_countries=["PY"],
    )
    publish_news_post(
        NewsIndexPage.objects.get(),
        slug="transfers",
        title="News about cash transfers",
        date=datetime.date(2026, 5, 1),
        authors="",
        intro="Transfers everywhere",
        body="Cash transfers reached families.",
    )
    engine.ready()
    assert set(titles(ask(engine, q="transfers", type="news"))) == {"News about cash transfers"}
    assert set(titles(ask(engine, q="transferencias", language="es"))) == {"Transferencias para familias"}
    assert set(titles(ask(engine, q="cash transfers", country="zm"))) == {"Cash transfers for families"}
    assert facet(ask(engine, q="transfers"), "type") == {"solution": 1, "news": 1}


def test_resources_are_found_by_the_text_of_their_pdfs(engine, db, site_tree):
    create_resource(
        slug="kit",
        title="Toolkit",
        description="",
        versions=[
            Version(
                "en", "English version", "kit.pdf", make_pdf("Toolkit", "Groundwater recharge with sand dams.", "en")
            )
        ],
    )
    engine.ready()
    results = ask(engine, q="sand dams")
    assert titles(results) == ["Toolkit"]
    assert results.hits[0].type == "resource"


def test_sort_by_date_and_pagination(engine, make_solution):
    for n in range(12):
        make_solution(title=f"Irrigation scheme {n}", summary="Irrigation for farmers")
    engine.ready()
    first = ask(engine, q="irrigation", sort="date")
    second = ask(engine, q="irrigation", sort="date", page="2")
    assert first.count == 12 and len(first.hits) == 10 and len(second.hits) == 2
    assert first.hits[0].title == "Irrigation scheme 11"
    assert not set(titles(first)) & set(titles(second))


def test_user_text_is_escaped_in_snippets(engine, make_solution):
    make_solution(title="Harmless", summary="Fisheries <script>alert('x')</script> co-management")
    engine.ready()
    snippet = str(ask(engine, q="fisheries").hits[0].snippet)
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_suggestions_complete_titles(engine, make_solution):
    make_solution(title="School meals from family farms")
    make_solution(title="Schooling for refugee children")
    engine.ready()
    suggestions = engine.suggest("scho")
    assert 1 <= len(suggestions) <= 10
    assert "School meals from family farms" in suggestions


def test_member_profiles_are_found_by_public_fields_only(engine, make_member):
    from community.models import Visibility

    make_member(
        email="h@example.org",
        name="Halima Diallo",
        role="Hydrologist",
        organisation="Zebra Institute",
        organisation_visibility=Visibility.PRIVATE,
    )
    engine.ready()
    assert titles(ask(engine, q="hydrologist")) == ["Halima Diallo"]
    assert titles(ask(engine, q="zebra")) == []
    assert ask(engine, q="halima").hits[0].type == "member"


def test_threads_are_found_by_their_visible_posts(engine, make_member):
    from community.models import Category
    from community.posting import delete_post, reply, start_thread

    author = make_member(email="t@example.org", name="Tess")
    category = Category.objects.create(name="General", slug="general")
    thread = start_thread(author, title="Irrigation pumps", body="Which diesel pumps last longest?", category=category)
    removed = reply(author, thread, "Also flamingo repellent")
    delete_post(author, removed, "off topic")
    engine.ready()
    assert titles(ask(engine, q="diesel pumps")) == ["Irrigation pumps"]
    assert ask(engine, q="diesel pumps").hits[0].type == "thread"
    assert titles(ask(engine, q="flamingo")) == []
