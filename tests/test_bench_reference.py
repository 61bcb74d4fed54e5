"""The reference query reads neither the facts nor the typo-tolerant title, so it finds nothing for
many searches of the mix: the benchmark says how many, and compares the two queries' took over the
searches both found something for."""

from bench.report import found_lines
from bench.search_load import found_by_both


def test_the_queries_are_also_compared_where_both_found_something():
    took = {"site": [5, 4, 9, 1, 6], "reference": [0, 0, 3, 0, 2]}
    found = {"site": [120, 30, 800, 0, 15], "reference": [0, 0, 650, 0, 4]}

    figures = found_by_both(took, found)

    assert figures["found_nothing"] == {"site": 1, "reference": 3}
    assert figures["found_by_both"] == 2
    assert figures["site_where_both_found"]["mean_ms"] == 7.5
    assert figures["reference_where_both_found"]["mean_ms"] == 2.5
    nothing, both = found_lines({"searches": 5, **figures})
    assert "site 1, reference 3 of 5 searches" in nothing
    assert "(2)" in both and "3.0×" in both


def test_a_search_only_the_reference_found_something_for_is_not_compared():
    figures = found_by_both({"site": [1, 2], "reference": [3, 4]}, {"site": [0, 0], "reference": [5, 6]})

    assert figures == {"found_nothing": {"site": 2, "reference": 0}, "found_by_both": 0}
    assert len(found_lines({"searches": 2, **figures})) == 1


def test_results_recorded_before_the_count_print_as_they_did():
    assert found_lines({"searches": 600, "site": {}, "reference": {}}) == []
