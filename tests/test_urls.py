"""The site's fixed paths come before the apps' patterns (they are resolved on every search), so
no app pattern may match one of them: the order would otherwise decide which view answers."""

from __future__ import annotations

import pytest
from django.urls import Resolver404, get_resolver, resolve
from django.utils import translation

FIXED = {
    "search/": "search",
    "open-data/api/": "api_docs",
    "feeds/solutions/": "feed_solutions_rss",
    "feeds/solutions/atom/": "feed_solutions_atom",
    "feeds/news/": "feed_news_rss",
    "feeds/news/atom/": "feed_news_atom",
}
APPS = ("community.urls", "exchange.urls", "solutions.urls")


@pytest.mark.parametrize("fixed", FIXED)
@pytest.mark.parametrize("app", APPS)
def test_no_app_pattern_matches_a_fixed_path(app, fixed):
    with pytest.raises(Resolver404):
        get_resolver(app).resolve(f"/{fixed}")


@pytest.mark.parametrize("fixed, name", FIXED.items())
def test_each_fixed_path_resolves_to_its_own_view_in_every_language(fixed, name):
    for language in ("en", "es", "fr", "pt"):
        with translation.override(language):
            assert resolve(f"/{language}/{fixed}").url_name == name
