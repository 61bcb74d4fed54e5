"""Publish, edit, unpublish, move and delete reach the node through tasks run after commit."""

import pytest
from django.core.management import call_command

from search.engines import mapping
from search.engines.clients import get_client
from search.reindex import check, reindex

from .conftest import ask, titles


def indexed_titles(node, q):
    node.refresh()
    return titles(ask(node, q=q))


def test_lifecycle_follows_the_content(node, make_solution, django_capture_on_commit_callbacks):
    node.ensure_index()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_solution(title="Desalination pilot")
    assert indexed_titles(node, "desalination") == ["Desalination pilot"]

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Desalination plant"
        page.save_revision().publish()
    assert indexed_titles(node, "desalination") == ["Desalination plant"]

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert indexed_titles(node, "desalination") == []

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        page.move(page.get_parent(), pos="last-child")
    assert indexed_titles(node, "desalination") == ["Desalination plant"]

    with django_capture_on_commit_callbacks(execute=True):
        type(page).objects.get(pk=page.pk).delete()
    assert indexed_titles(node, "desalination") == []


def test_reindex_swaps_the_alias_and_removes_the_old_index(node, make_solution, settings):
    make_solution(title="Biogas digesters")
    call_command("search_reindex")
    client = get_client()
    first = client.alias_targets(settings.SEARCH_INDEX)
    call_command("search_reindex")
    second = client.alias_targets(settings.SEARCH_INDEX)
    assert len(first) == len(second) == 1 and first != second
    assert client.indices(f"{settings.SEARCH_INDEX}-*") == second
    assert titles(ask(node, q="biogas")) == ["Biogas digesters"]


def test_search_check_finds_stale_and_missing_documents(node, make_solution):
    kept = make_solution(title="Kept")
    gone = make_solution(title="Gone")
    call_command("search_reindex")
    node.delete_documents([f"solution:{kept.pk}"], refresh=True)
    gone.unpublish()
    drift = check()
    assert drift.missing == [f"solution:{kept.pk}"] and drift.stale == [f"solution:{gone.pk}"]
    call_command("search_check", "--repair")
    assert check().clean


def test_import_command_with_search_url_is_searchable_at_once(node, catalogue, tmp_path):
    import json

    from tests.conftest import solution_record

    node.ensure_index()
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(solution_record(title="Imported geothermal greenhouse")), encoding="utf-8")
    call_command("import_solutions", str(path))
    assert indexed_titles(node, "geothermal greenhouse") == ["Imported geothermal greenhouse"]


pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.django_db(transaction=True)
def test_an_index_built_with_an_older_mapping_is_reported_and_rebuilt(node, make_solution, monkeypatch):
    make_solution(title="Indexed under an older mapping")
    monkeypatch.setattr(mapping, "MAPPING_VERSION", mapping.MAPPING_VERSION - 1)
    reindex(node)
    monkeypatch.undo()
    drift = check(node)
    assert drift.old_mapping and not drift.clean and not drift.missing
    with pytest.raises(Exception, match="drifted"):
        call_command("search_check")
    call_command("search_check", "--repair")
    assert check(node).clean
