"""What a page says about itself: ids, titles, Open Graph tags, machine-readable dates and the
markup rules the Nu Html Checker holds every page to (tests/browser/test_valid_markup.py checks
every page; these pin each rule where it broke)."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from community.models import Category, ThreadKind
from community.posting import reply, start_thread
from community.reactions import accept_answer

pytestmark = pytest.mark.django_db


class Elements(HTMLParser):
    """Every start tag of a page as (tag, attributes), in order."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, tag: str, **wanted) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in wanted.items())]

    def meta(self, prop: str) -> str | None:
        found = self.all("meta", property=prop)
        return found[0]["content"] if found else None


def elements(client, path: str) -> Elements:
    response = client.get(path)
    assert response.status_code == 200, path
    return Elements(response.content.decode())


@pytest.fixture
def answered_question(make_member, site_tree):
    asker = make_member(email="awa@example.org", name="Awa Diop")
    answerer = make_member(email="bo@example.org", name="Bo Banda")
    thread = start_thread(
        asker,
        title="Chlorine dosing for village networks",
        body="Which dose?",
        category=Category.objects.create(name="Water", slug="water"),
        kind=ThreadKind.QUESTION,
    )
    answer = reply(answerer, thread, "Half a milligram a litre.")
    accept_answer(asker, thread, answer)
    return thread, answer


def test_the_accepted_answer_shown_under_the_question_has_ids_of_its_own(client, answered_question):
    thread, answer = answered_question
    page = elements(client, thread.get_absolute_url())

    ids = Counter(a["id"] for _tag, a in page.tags if a.get("id"))
    assert [name for name, count in ids.items() if count > 1] == []
    # #post-N and the post's label still name the post in its place, which comes after the copy.
    opening = thread.posts.get(position=1)
    articles = page.all("article")
    assert [a["id"] for a in articles] == [f"post-{opening.pk}", f"accepted-post-{answer.pk}", f"post-{answer.pk}"]
    assert articles[1]["aria-labelledby"] == f"accepted-post-{answer.pk}-author"
    assert articles[-1]["aria-labelledby"] == f"post-{answer.pk}-author"
    # The copy's permalink leads to the post on its own page of the thread.
    assert page.all("a", href=answer.get_absolute_url())


def test_a_thread_page_tells_link_previews_its_own_title_and_address(client, answered_question):
    thread, _answer = answered_question
    page = elements(client, thread.get_absolute_url() + "?page=1")
    assert page.meta("og:title") == thread.title
    assert page.meta("og:url") == "http://testserver" + thread.get_absolute_url()


def test_profiles_and_other_pages_outside_wagtail_have_an_og_url(client, make_member):
    profile = make_member(name="Awa Diop").profile
    page = elements(client, profile.get_absolute_url())
    assert page.meta("og:url") == "http://testserver" + profile.get_absolute_url()
    assert page.meta("og:title") == "Awa Diop"
    assert elements(client, "/fr/members/?country=SN").meta("og:url") == "http://testserver/fr/members/"


def test_datetime_attributes_carry_whole_seconds(client, answered_question, django_user_model):
    thread, _answer = answered_question
    html = client.get(thread.get_absolute_url()).content.decode() + client.get("/en/discussions/").content.decode()
    client.force_login(django_user_model.objects.get(email="bo@example.org"))
    html += client.get("/en/notifications/").content.decode()
    values = re.findall(r'datetime="([^"]*)"', html)
    assert len(values) >= 4
    for value in values:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?", value), value


def test_home_title_names_the_site_once(client, site_tree):
    title = re.search(r"<title>(.*?)</title>", client.get("/en/").content.decode(), re.S).group(1)
    assert title.count("Minga") == 1, title
    assert title == "Minga · Learn from what already works"


@pytest.mark.parametrize("path", ["/en/solutions/", "/en/members/", "/en/requests/", "/en/resources/"])
def test_get_forms_leave_out_an_empty_action(client, site_tree, path):
    forms = elements(client, path).all("form", method="get")
    assert forms
    assert all(form.get("action", "/") for form in forms), forms


def test_key_figures_name_each_figure_before_giving_it(client, make_solution):
    solution = make_solution(results="Wells dug.", key_figures=[{"label": "wells", "value": "120"}])
    html = client.get(solution.url).content.decode()
    assert re.search(r'<dl class="key-figures"><div><dt>wells</dt><dd>120</dd></div></dl>', html)


def test_password_rules_are_not_a_list_inside_a_paragraph(client, site_tree):
    html = client.get("/en/accounts/signup/").content.decode()
    help_text = re.search(r'<(\w+) class="helptext" id="id_password1_helptext">', html)
    assert help_text and help_text.group(1) == "div"
    assert 'autocomplete="nope"' not in html


def test_headings_do_not_skip_a_level_on_lists_of_documents_and_threads(client, site_tree):
    from solutions.resource_actions import Version, create_resource

    create_resource(slug="guide", title="Guide", description="", versions=[Version("en", "Guide", "g.txt", b"g")])
    Category.objects.create(name="Water", slug="water")
    for path in ["/en/resources/", "/en/discussions/c/water/"]:
        levels = [int(tag[1]) for tag, _a in elements(client, path).tags if re.fullmatch(r"h[1-6]", tag)]
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (path, levels)


def test_the_deadline_has_no_hidden_twin_carrying_aria_attributes(client, make_member):
    client.force_login(make_member())
    page = elements(client, "/en/requests/new/")
    assert [a for a in page.all("input", type="hidden") if any(k.startswith("aria-") for k in a)] == []


def json_ld(client, path: str) -> dict:
    html = client.get(path).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1, f"{path} has {len(scripts)} JSON-LD blocks"
    return json.loads(scripts[0])


def test_a_solution_names_its_author_and_licence(client, make_solution, make_member):
    imported = make_solution(title="Seed banks", partners=[{"name": "EMBRAPA", "role": "provider"}])
    data = json_ld(client, imported.url)
    assert data["@context"] == "https://schema.org" and data["@type"] == "CreativeWork"
    assert data["author"] == [{"@type": "Organization", "name": "EMBRAPA"}]
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert {"headline", "datePublished", "url", "publisher"} <= data.keys()

    shared = make_solution(title="Mobile clinics")
    shared.owner = make_member(name="Awa Diop")
    shared.save(update_fields=["owner"])
    assert json_ld(client, shared.url)["author"] == [{"@type": "Person", "name": "Awa Diop"}]


@pytest.mark.parametrize("language", ["en", "pt"])
def test_a_news_post_is_a_news_article_for_search_engines_and_link_previews(client, site_tree, language):
    import datetime

    from solutions.models import NewsIndexPage
    from solutions.news_actions import publish_news_post

    post = publish_news_post(
        NewsIndexPage.objects.get(),
        slug="launch",
        title="We launched",
        date=datetime.date(2026, 3, 1),
        authors="A. Writer; B. Editor",
        intro="Hello",
        body="Body",
    )
    path = f"/{language}/{post.url.removeprefix('/en/')}"
    data = json_ld(client, path)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "We launched" and data["datePublished"] == "2026-03-01"
    assert data["author"] == [{"@type": "Person", "name": "A. Writer"}, {"@type": "Person", "name": "B. Editor"}]
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"] == "Minga"
    # Wagtail pages are named through their Site (localhost in the tests), in the reader's language.
    assert data["url"] == data["mainEntityOfPage"] == "http://localhost" + path
    page = elements(client, path)
    assert page.meta("og:type") == "article"
    assert page.meta("og:url") == "http://localhost" + path


def test_the_home_page_describes_the_site_and_its_search(client, site_tree):
    data = json_ld(client, "/es/")
    site, organisation = data["@graph"]
    assert site["@type"] == "WebSite" and site["name"] == "Minga" and site["url"] == "http://localhost/es/"
    assert site["inLanguage"] == "es"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/es/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert organisation["@type"] == "Organization" and site["publisher"] == {"@id": organisation["@id"]}
