"""A node that refuses connections or never answers: saving still succeeds quickly, search
answers from the database engine with a notice, and search_check --repair restores the index."""

import socket
import threading
import time

import pytest
from django.core.management import call_command

from search.engines.clients import node_info
from search.reindex import check


@pytest.fixture
def refusing_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens there any more


@pytest.fixture
def hanging_url():
    """Accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


@pytest.fixture(params=["refusing", "hanging"])
def broken_node(request, settings):
    url = request.getfixturevalue(f"{request.param}_url")
    settings.SEARCH_URL = url
    settings.SEARCH_TIMEOUT = 0.8
    node_info.cache_clear()
    yield url
    node_info.cache_clear()


@pytest.mark.django_db(transaction=True)
def test_saving_content_stays_fast_when_the_node_is_broken(broken_node, make_solution):
    started = time.perf_counter()
    page = make_solution(title="Saved despite the node")
    page.title = "Edited despite the node"
    page.save_revision().publish()
    assert time.perf_counter() - started < 2.0
    assert type(page).objects.get(pk=page.pk).title == "Edited despite the node"


@pytest.mark.django_db(transaction=True)
def test_search_falls_back_to_the_database_with_a_notice(broken_node, client, make_solution):
    make_solution(title="Fallback fisheries")
    started = time.perf_counter()
    response = client.get("/en/search/", {"q": "fisheries"})
    assert time.perf_counter() - started < 3.0
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fallback fisheries" in html
    assert "The search engine is not answering right now" in html
    api = client.get("/api/v1/search/", {"q": "fisheries"})
    assert api.status_code == 200 and api.json()["engine"] == "database" and api.json()["notice"]


@pytest.mark.django_db(transaction=True)
def test_nothing_is_lost_search_check_repairs_the_drift(settings, node, make_solution):
    make_solution(title="Indexed while healthy")
    call_command("search_reindex")
    node_url = settings.SEARCH_URL

    settings.SEARCH_URL = "http://127.0.0.1:9"  # the node "goes down" while content changes
    node_info.cache_clear()
    added = make_solution(title="Added while the node was down")

    settings.SEARCH_URL = node_url
    node_info.cache_clear()
    from search import breaker

    breaker.reset()
    drift = check()
    assert drift.missing == [f"solution:{added.pk}"]
    with pytest.raises(Exception, match="drifted"):
        call_command("search_check")
    call_command("search_check", "--repair")
    assert check().clean
