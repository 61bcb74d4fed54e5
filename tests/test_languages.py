def test_root_redirects_to_a_language_prefix(client, site_tree):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es").url == "/es/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").url == "/en/"


def test_switching_language_keeps_the_page(client, make_solution):
    page = make_solution(title="Water kiosks")
    response = client.get("/i18n/setlang/", {"language": "es", "next": f"/en/solutions/{page.slug}/"})
    assert response.status_code == 302
    assert response.url == f"/es/solutions/{page.slug}/"
    html = client.get(response.url).content.decode()
    assert '<html lang="es">' in html
    assert "El desafío" in html  # the section heading, translated
    assert 'href="/es/solutions/?sdg=2"' in html  # links stay in the reader's language


def test_interface_strings_and_vocabularies_are_translated(client, make_solution):
    make_solution(recipient_countries=["DE"], sdgs=[2])
    html = client.get("/es/solutions/").content.decode()
    assert "Filtrar soluciones" in html
    assert "Hambre cero" in html  # SDG name in Spanish, from the controlled vocabulary
    assert "Alemania" in html  # country name in Spanish, from pycountry
    french = client.get("/fr/solutions/").content.decode()
    assert "Faim « zéro »" in french and "Allemagne" in french


def test_every_language_prefix_serves_the_same_pages(client, make_solution):
    page = make_solution(title="Cold chain")
    for code in ("en", "es", "fr", "pt"):
        response = client.get(f"/{code}/solutions/{page.slug}/")
        assert response.status_code == 200
        assert f'<html lang="{code}">' in response.content.decode()


def test_labels_kept_in_module_constants_follow_the_readers_language(client, site_tree):
    """Labels a module holds in a constant are translated when shown, not once at import in
    whatever language was active then: the request list's heading and choices in Spanish."""
    html = client.get("/es/requests/").content.decode()
    assert "Solicitudes abiertas" in html and "Solicitudes atendidas" in html and "Open requests" not in html
    assert "Open requests" in client.get("/en/requests/").content.decode()


def test_the_footer_link_to_the_about_page_reads_as_a_whole_phrase(client, site_tree):
    """ "About" alone is a heading on a profile ("Acerca de" there), but a footer link to the
    page about the site needs its own words."""
    from website.site_tree import ensure_site_page, link_footer

    about = ensure_site_page(site_tree, "about", "About Minga", [])
    link_footer(site_tree, about, about, about, "moderators@example.org")
    assert ">Quiénes somos</a>" in client.get("/es/").content.decode()
    assert ">About</a>" in client.get("/en/").content.decode()


def test_portuguese_dates_write_month_names_in_lower_case():
    import datetime

    from django.utils import formats, translation

    day = datetime.date(2026, 3, 5)
    expected = {"pt": "5 de março de 2026", "es": "5 de marzo de 2026", "fr": "5 mars 2026", "en": "March 5, 2026"}
    for language, written in expected.items():
        with translation.override(language):
            assert formats.date_format(day) == written
