import json

import pytest
from django.core.management import CommandError, call_command

from solutions.importing import import_solutions
from solutions.models import SolutionPage

from .conftest import solution_record


def jsonl(*records) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records)


@pytest.fixture
def import_file(tmp_path):
    def write(*records):
        path = tmp_path / "solutions.jsonl"
        path.write_text(jsonl(*records), encoding="utf-8")
        return str(path)

    return write


def test_good_file_imports_published_searchable_solutions(catalogue, import_file, capsys):
    path = import_file(solution_record(title="Seed banks for drought"), solution_record(language="es", title="Bancos"))
    call_command("import_solutions", path)
    assert "2 created, 0 updated, 0 problem(s)" in capsys.readouterr().out
    page = SolutionPage.objects.get(title="Seed banks for drought")
    assert page.live and page.get_parent().pk == catalogue.pk
    assert [c.code for c in page.recipient_countries.all()] == ["MZ"]
    assert {r.code for r in page.regions.all()} == {"014", "202", "002", "005", "419", "019"}
    assert SolutionPage.objects.get(title="Bancos").locale.language_code == "es"
    assert SolutionPage.objects.live().search("seed banks").count() == 1


def test_bad_lines_are_reported_and_good_lines_still_imported(catalogue, import_file, capsys):
    path = import_file(
        solution_record(title="Good one"),
        "{not json",
        solution_record(themes=["food-security", "space-travel"]),
        solution_record(recipient_countries=["XX"]),
        solution_record(sdgs=[1, 2, 3, 4, 5, 6]),
        solution_record(start_year=2015, end_year=2010),
        {"external_id": "x", "title": "No narrative", "summary": "s", "language": "en"},
        solution_record(language="de"),
    )
    with pytest.raises(CommandError):
        call_command("import_solutions", path)
    err = capsys.readouterr().err
    assert "line 2: json: malformed line" in err
    assert "line 3: themes: unknown value 'space-travel' (allowed: food-security, social-protection" in err
    assert "line 4: recipient_countries: unknown country code 'XX'" in err
    assert "line 5: sdgs: 6 SDGs given, at most 5" in err
    assert "line 6: end_year: before start_year" in err
    assert "line 7: narrative: at least one narrative field is required" in err
    assert "line 8: language: unknown value 'de' (allowed: en, es, fr, pt)" in err
    assert list(SolutionPage.objects.values_list("title", flat=True)) == ["Good one"]


def test_namibia_code_is_not_read_as_missing(catalogue):
    report = import_solutions([json.dumps(solution_record(recipient_countries=["NA"], title="Namibia"))])
    assert report.ok, report.errors
    page = SolutionPage.objects.get(title="Namibia")
    assert [c.code for c in page.recipient_countries.all()] == ["NA"]
    assert "018" in {r.code for r in page.regions.all()}  # Southern Africa


def test_strict_mode_imports_nothing_when_any_line_is_bad(catalogue, import_file):
    path = import_file(solution_record(), solution_record(status="finished"))
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_solutions", path, "--strict")
    assert SolutionPage.objects.count() == 0


def test_reimport_updates_the_same_page_with_a_new_revision(catalogue, import_file):
    record = solution_record(title="First title")
    call_command("import_solutions", import_file(record))
    page = SolutionPage.objects.get(external_id=record["external_id"])
    revisions = page.revisions.count()

    record.update(title="Second title", sdgs=[6, 13], recipient_countries=["KE"])
    call_command("import_solutions", import_file(record))

    assert SolutionPage.objects.filter(external_id=record["external_id"]).count() == 1
    page.refresh_from_db()
    assert page.title == "Second title"
    assert page.revisions.count() == revisions + 1
    assert sorted(s.number for s in page.sdgs.all()) == [6, 13]
    assert "014" in {r.code for r in page.regions.all()}


def test_draft_import_is_not_published(catalogue, import_file, client):
    call_command("import_solutions", import_file(solution_record(title="Hidden draft")), "--draft")
    page = SolutionPage.objects.get(title="Hidden draft")
    assert not page.live
    assert "Hidden draft" not in client.get("/en/solutions/").content.decode()


def test_optional_fields_may_be_null(catalogue):
    record = solution_record(end_year=None, partners=None, links=None, tags=None, status="ongoing")
    report = import_solutions([json.dumps(record)])
    assert report.ok, [str(e) for e in report.errors]
    assert SolutionPage.objects.get().end_year is None


def test_overlong_summary_and_bad_link_are_rejected(catalogue):
    record = solution_record(summary="x" * 601, links=[{"title": "Bad", "url": "javascript:alert(1)"}])
    report = import_solutions([json.dumps(record)])
    messages = [str(e) for e in report.errors]
    assert "line 1: summary: too long: 601 characters, at most 600" in messages
    assert any("links: not a web address" in m for m in messages)
    assert SolutionPage.objects.count() == 0


def test_failure_while_saving_leaves_nothing_half_written(catalogue, monkeypatch):
    from wagtail.models import Revision

    def explode(self, *args, **kwargs):
        raise ValueError("disk full")

    monkeypatch.setattr(Revision, "publish", explode)
    report = import_solutions([json.dumps(solution_record(title="Doomed"))])
    assert [str(e) for e in report.errors] == ["line 1: record: could not be saved: disk full"]
    assert not SolutionPage.objects.filter(title="Doomed").exists()
