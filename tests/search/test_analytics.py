from datetime import date

import pytest

from search import analytics
from search.models import SearchQueryDay


@pytest.fixture
def log_every_search(settings):
    settings.SEARCH_LOG_BATCH = 1


def test_searches_are_logged_anonymously_and_aggregated(client, make_solution, log_every_search):
    make_solution(title="Beekeeping cooperatives", summary="Honey from cooperatives")
    client.get("/en/search/", {"q": "  Beekeeping  "})
    client.get("/en/search/", {"q": "beekeeping"})
    client.get("/en/search/", {"q": "Éléphants"})
    rows = {row.text: row for row in SearchQueryDay.objects.all()}
    assert set(rows) == {"beekeeping", "elephants"}
    assert rows["beekeeping"].searches == 2 and rows["beekeeping"].zero_results == 0
    assert rows["elephants"].zero_results == 1
    assert rows["beekeeping"].day == date.today()
    assert not {f.name for f in SearchQueryDay._meta.get_fields()} & {"user", "ip", "session"}


def test_requests_do_not_write_until_the_batch_is_full(client, site_tree, settings):
    settings.SEARCH_LOG_BATCH = 3
    analytics._buffer.clear()
    client.get("/en/search/", {"q": "one"})
    client.get("/en/search/", {"q": "two"})
    assert SearchQueryDay.objects.count() == 0
    client.get("/en/search/", {"q": "three"})
    assert SearchQueryDay.objects.count() == 3


def test_admin_report_lists_top_and_zero_result_queries(admin_client, site_tree, log_every_search):
    for q in ("water", "water", "nothingmatches"):
        admin_client.get("/en/search/", {"q": q})
    html = admin_client.get("/admin/reports/searches/").content.decode()
    assert "Most searched" in html and "Searches that found nothing" in html
    zero_section = html.split("Searches that found nothing")[1]
    assert "nothingmatches" in zero_section


def test_report_is_not_for_visitors(client, site_tree):
    response = client.get("/admin/reports/searches/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_an_empty_log_starts_a_new_flush_window(client, site_tree, monkeypatch):
    """A test begins with an empty log: searches it makes are not written early because an earlier
    test, on a slow machine, let the clock run past the flush interval."""
    monkeypatch.setattr(analytics, "_last_flush", analytics.time.monotonic() - 10 * analytics.FLUSH_SECONDS)
    analytics.discard_buffer()
    client.get("/en/search/", {"q": "water"})
    assert SearchQueryDay.objects.count() == 0
    assert len(analytics._buffer) == 1
