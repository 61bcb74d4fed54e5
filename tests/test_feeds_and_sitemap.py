import xml.etree.ElementTree as ET

import feedparser
import pytest

from solutions.models import NewsIndexPage
from solutions.news_actions import publish_news_post

ATOM = "{http://www.w3.org/2005/Atom}"


def test_solutions_rss_and_atom_feeds_list_published_solutions(client, make_solution):
    make_solution(title="Mobile money for farmers")
    draft = make_solution(title="Secret draft")
    draft.unpublish()
    rss = ET.fromstring(client.get("/en/feeds/solutions/").content)
    assert [i.findtext("title") for i in rss.iter("item")] == ["Mobile money for farmers"]
    assert rss.find("channel/item/link").text.endswith("/en/solutions/mobile-money-for-farmers/")
    atom = ET.fromstring(client.get("/en/feeds/solutions/atom/").content)
    assert [e.findtext(f"{ATOM}title") for e in atom.iter(f"{ATOM}entry")] == ["Mobile money for farmers"]


def test_news_feed(client, site_tree):
    import datetime

    publish_news_post(
        NewsIndexPage.objects.get(),
        slug="launch",
        title="We launched",
        date=datetime.date(2026, 3, 1),
        authors="A. Writer",
        intro="Hello",
        body="Body text",
    )
    rss = ET.fromstring(client.get("/es/feeds/news/").content)
    assert [i.findtext("title") for i in rss.iter("item")] == ["We launched"]


def test_sitemap_lists_every_published_page_once(client, make_solution):
    make_solution(title="One")
    make_solution(title="Two").unpublish()
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locations) == len(set(locations))
    assert any(loc.endswith("/en/solutions/one/") for loc in locations)
    assert not any("/two/" in loc for loc in locations)
    assert any(loc.endswith("/en/") for loc in locations)


def test_robots_points_to_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_feed_descriptions_are_html_with_the_plain_text_escaped(client, make_solution):
    """Feed readers show a description as HTML: a summary's markup must arrive as text."""
    make_solution(title="Wells", summary="Use <script>alert(1)</script> & chlorine.")

    for url, item, description in [
        ("/en/feeds/solutions/", "item", "description"),
        ("/en/feeds/solutions/atom/", f"{ATOM}entry", f"{ATOM}summary"),
    ]:
        html = next(ET.fromstring(client.get(url).content).iter(item)).findtext(description)
        assert html == "<p>Use &lt;script&gt;alert(1)&lt;/script&gt; &amp; chlorine.</p>"


@pytest.fixture
def feed_content(make_solution, make_member, site_tree):
    """A solution shared by a member, an imported one, a news post with a byline and one without,
    and a category thread: every kind of entry a feed lists."""
    import datetime

    from community.models import Category
    from community.posting import start_thread

    make_solution(title="Seed banks", partners=[{"name": "EMBRAPA", "role": "provider"}])
    shared = make_solution(title="Mobile clinics", partners=[])
    shared.owner = make_member(email="awa@example.org", name="Awa Diop")
    shared.save(update_fields=["owner"])
    index = NewsIndexPage.objects.get()
    for slug, authors in [("launch", "A. Writer, B. Editor"), ("notice", "")]:
        publish_news_post(
            index, slug=slug, title=slug, date=datetime.date(2026, 3, 1), authors=authors, intro="Hi", body="Body"
        )
    category = Category.objects.create(name="Water", slug="water")
    start_thread(make_member(email="bo@example.org", name="Bo Banda"), title="Tanks", body="Clean?", category=category)
    return [
        "/feeds/solutions/",
        "/feeds/solutions/atom/",
        "/feeds/news/",
        "/feeds/news/atom/",
        "/discussions/c/water/feed/",
    ]


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
def test_every_feed_parses_cleanly_in_every_language(client, feed_content, language):
    for path in feed_content:
        parsed = feedparser.parse(client.get(f"/{language}{path}").content)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version in ("rss20", "atom10"), path
        assert len(parsed.entries) >= 1, path


def test_atom_feeds_name_an_author_for_the_feed_and_for_each_entry(client, feed_content):
    """RFC 4287 4.1.1: a feed without an author needs one in every entry; ours has both."""
    solutions = ET.fromstring(client.get("/en/feeds/solutions/atom/").content)
    assert solutions.findtext(f"{ATOM}author/{ATOM}name") == "Minga"
    authors = {
        e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}author/{ATOM}name") for e in solutions.iter(f"{ATOM}entry")
    }
    assert authors == {"Seed banks": "EMBRAPA", "Mobile clinics": "Awa Diop"}

    news = feedparser.parse(client.get("/en/feeds/news/atom/").content)
    assert news.feed.author == "Minga"
    assert {e.title: e.author for e in news.entries} == {"launch": "A. Writer, B. Editor", "notice": "Minga"}
