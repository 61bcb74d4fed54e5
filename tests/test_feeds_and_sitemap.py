import xml.etree.ElementTree as ET

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
