"""What the node adds over the database engine: accent folding, stemming, typo tolerance and
"did you mean" (Wagtail's database backend is known to miss these)."""

from .conftest import ask, titles


def test_accentless_stemmed_and_misspelt_queries(node, make_solution):
    make_solution(title="Educación de adultos", summary="Alfabetización por radio", language="es")
    make_solution(title="Women's dairy cooperatives", summary="Cooperatives of farmers sell milk")
    make_solution(title="Mangrove restoration", summary="Replanting mangroves")
    from search.reindex import reindex

    reindex(node)
    assert titles(ask(node, q="educacion")) == ["Educación de adultos"]
    assert titles(ask(node, q="alfabetizacion"))[0] == "Educación de adultos"
    assert titles(ask(node, q="cooperative farmer"))[0] == "Women's dairy cooperatives"
    misspelt = ask(node, q="mangrve")
    assert titles(misspelt)[0] == "Mangrove restoration"
    assert misspelt.suggestion == "mangrove"


def test_place_names_in_any_language_find_the_record(node, make_solution):
    make_solution(title="Seed banks", recipient_countries=["MZ"], provider_countries=["ET"])
    from search.reindex import reindex

    reindex(node)
    for query in ("Mozambique", "Moçambique", "Mozambique seed", "Eastern Africa", "África oriental"):
        assert titles(ask(node, q=query)) == ["Seed banks"], query
