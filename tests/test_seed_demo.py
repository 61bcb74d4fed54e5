import pytest
from django.core.management import call_command

from solutions.models import NewsPage, Region, Resource, SolutionPage
from website.models import StandardPage


@pytest.mark.django_db
def test_seed_demo_creates_a_rich_catalogue_and_is_idempotent(capsys, monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "demo-pass-123")
    call_command("seed_demo")
    solutions = SolutionPage.objects.live()
    assert solutions.count() >= 40
    assert solutions.filter(language="en").count() > solutions.count() / 2
    assert {"es", "fr", "pt"} <= set(solutions.values_list("language", flat=True))
    continents = {r.code for r in Region.objects.filter(parent_id="001")}
    covered = set(SolutionPage.regions.through.objects.values_list("region_id", flat=True))
    assert continents <= covered
    assert SolutionPage.sdgs.through.objects.values("sdg_id").distinct().count() >= 12
    assert SolutionPage.themes.through.objects.values("theme_id").distinct().count() >= 10
    assert NewsPage.objects.live().count() >= 3
    assert Resource.objects.filter(versions__language="es").filter(versions__language="en").exists()
    assert StandardPage.objects.filter(slug__in=["about", "terms", "code-of-conduct"]).count() == 3
    from exchange.models import Exchange, KnowledgeRequest, Match

    assert KnowledgeRequest.objects.filter(status="fulfilled").exists()
    assert KnowledgeRequest.objects.filter(status="open").count() >= 2
    assert Exchange.objects.exists() and Match.objects.filter(kind="solution").exists()
    out = capsys.readouterr().out
    assert "demo-pass-123" not in out  # a chosen password is never echoed

    counts = (SolutionPage.objects.count(), NewsPage.objects.count(), Resource.objects.count())
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD")
    call_command("seed_demo")
    assert "Demo content is up to date." in capsys.readouterr().out
    assert (SolutionPage.objects.count(), NewsPage.objects.count(), Resource.objects.count()) == counts
    call_command("seed_demo", "--force")
    assert KnowledgeRequest.objects.count() == 3


@pytest.mark.django_db
def test_the_demo_site_follows_the_address_make_run_serves(settings, site_tree, client):
    """make run passes SITE_URL=http://127.0.0.1:$PORT: links Wagtail builds (canonical, og:url,
    JSON-LD, sitemap) name that address, also on a later run that re-seeds nothing."""
    from wagtail.models import Site

    from website.models import SiteLinks
    from website.seeding import demo_version

    links = SiteLinks.for_site(Site.objects.get(is_default_site=True))
    links.demo_seed_version = demo_version()  # the content is there: this run only checks the Site
    links.save()
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    call_command("seed_demo")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    html = client.get("/en/", HTTP_HOST="127.0.0.1:8123").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8123/en/">' in html
    assert '<meta property="og:url" content="http://127.0.0.1:8123/en/">' in html
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8123").content.decode()
    assert "<loc>http://127.0.0.1:8123/en/</loc>" in sitemap and "localhost" not in sitemap
