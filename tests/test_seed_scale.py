"""``seed_scale``: content at scale through bulk inserts, still a valid Wagtail tree."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from wagtail.models import Page

from community.models import Post, Profile, Thread
from solutions.models import SolutionIndexPage, SolutionPage


def seed(**sizes) -> str:
    out = StringIO()
    options = {"solutions": 30, "members": 12, "threads": 8, "posts": 60, "long_thread": 25, "news": 3} | sizes
    call_command("seed_scale", *[f"--{k.replace('_', '-')}={v}" for k, v in options.items()], stdout=out)
    return out.getvalue()


def test_seeds_a_valid_tree_with_linked_solutions(site_tree, client):
    seed()
    seed(solutions=5, members=2, threads=1, posts=1, news=1)  # a second run appends after the first
    catalogue = SolutionIndexPage.objects.get()
    assert SolutionPage.objects.live().child_of(catalogue).count() == 35
    catalogue.refresh_from_db()
    assert catalogue.numchild == 35 == catalogue.get_children().count()
    assert Page.find_problems() == ([], [], [], [], [])  # treebeard: paths, depth and numchild agree
    page = SolutionPage.objects.order_by("pk").last()
    assert page.url_path == f"{catalogue.url_path}{page.slug}/"
    assert page.sdgs.exists() and page.themes.exists() and page.modalities.exists()
    countries = {c.pk for c in [*page.provider_countries.all(), *page.recipient_countries.all()]}
    assert set(page.countries.values_list("pk", flat=True)) == countries and page.regions.exists()
    assert page.partners.exists()
    assert client.get(page.url).status_code == 200
    assert client.get("/en/solutions/", {"sdg": page.sdgs.first().number}).status_code == 200
    assert client.get("/en/news/").status_code == 200


def test_members_threads_and_the_long_thread(site_tree, client):
    output = seed(threads=20, posts=120)
    assert Profile.objects.count() == 12 and Profile.objects.exclude(bio="").count() == 12
    assert Post.objects.count() == 120 == sum(Thread.objects.values_list("post_count", flat=True))
    long_thread = Thread.objects.order_by("-post_count").first()
    assert long_thread.post_count == 26 and f"long thread: {long_thread.get_absolute_url()}" in output
    assert list(long_thread.posts.values_list("position", flat=True)) == list(range(1, 27))
    assert Thread.objects.filter(kind="comments", page__isnull=False).count() == 2
    assert Post.objects.filter(body__contains=" los ").exists()  # not only English
    assert client.get(long_thread.get_absolute_url(), {"page": 2}).status_code == 200
    assert client.get("/en/members/").status_code == 200


def test_seeded_content_is_searchable(site_tree):
    from django.http import QueryDict

    from search import service
    from search.query import SearchQuery

    seed()
    page = SolutionPage.objects.filter(language="en").first()
    results = service.search(SearchQuery.from_params(QueryDict(f"q={page.title.split()[0]}")))
    assert results.count > 0


def test_seeded_partners_and_members_link_organisations_and_the_bench_pages_answer(site_tree, settings):
    """bench/run.py's organisation page and records API, on seeded data at a tiny size: found,
    answering 200 within their budgets (as the bench's own query count checks them)."""
    from bench.pages import count_queries, discover, member_cookie
    from community.models import Affiliation
    from solutions.models import Organisation, SolutionPartner

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    seed()
    assert not SolutionPartner.objects.filter(organisation=None).exists()
    assert Affiliation.objects.count() == Profile.objects.count()
    seed(solutions=2, members=2, threads=1, posts=1, news=1)  # a second run finds the same organisations
    assert Organisation.objects.count() == Organisation.objects.values("name_key").distinct().count()

    class NoSearches:
        def paths(self, path, seconds):
            return [path]

    pages = {page.name: page for page in discover(NoSearches())}
    chosen = [pages["organisation page"], pages["records API"]]
    count_queries(chosen, member_cookie())
    for page in chosen:
        assert page.queries["anonymous"] <= page.budget, (page.name, page.queries)
