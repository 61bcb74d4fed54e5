from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Visibility
from solutions.models import Theme


def test_directory_filters_and_counts_only_what_members_made_visible(client, make_member):
    make_member(email="a@example.org", name="Amara", country="KE", organisation="Agency A")
    make_member(email="b@example.org", name="Bruno", country="BR", languages=",pt,")
    make_member(email="c@example.org", name="Chen", country="KE", country_visibility=Visibility.MEMBERS)
    html = client.get("/en/members/").content.decode()
    assert "Amara" in html and "Bruno" in html and "Chen" in html

    kenya = client.get("/en/members/", {"country": "KE"})
    names = [row["profile"].display_name for row in kenya.context["rows"]]
    assert names == ["Amara"]  # Chen's country is for members only
    assert ("KE", "Kenya", 1) in kenya.context["facets"]["country"]
    africa = client.get("/en/members/", {"region": "002"})
    assert [row["profile"].display_name for row in africa.context["rows"]] == ["Amara"]
    assert [r["profile"].display_name for r in client.get("/en/members/", {"language": "pt"}).context["rows"]] == [
        "Bruno"
    ]
    assert [r["profile"].display_name for r in client.get("/en/members/", {"q": "chen"}).context["rows"]] == ["Chen"]

    client.force_login(make_member(email="m@example.org", name="Member"))
    assert len(client.get("/en/members/", {"country": "KE"}).context["rows"]) == 2


def test_directory_query_count_is_constant(client, make_member):
    education = Theme.objects.get(slug="education")
    for n in range(5):
        make_member(
            email=f"p{n}@example.org", name=f"Person {n}", country="PE", organisation=f"Org {n}"
        ).profile.expertise_themes.add(education)
    client.get("/en/members/")
    with CaptureQueriesContext(connection) as small:
        client.get("/en/members/")
    for n in range(5, 40):
        make_member(
            email=f"p{n}@example.org", name=f"Person {n}", country="PE", organisation=f"Org {n}"
        ).profile.expertise_themes.add(education)
    with CaptureQueriesContext(connection) as large:
        response = client.get("/en/members/")
    assert len(response.context["rows"]) == 24
    assert len(large) == len(small) <= 20, (len(small), len(large))


def test_directory_drops_filter_values_that_name_nothing(client, make_member):
    """A made-up country, region or theme is no filter and gets no chip; a real one filters."""
    make_member(email="a@example.org", name="Amara", country="KE")
    made_up = client.get("/en/members/", {"country": "ZZ", "region": "999", "theme": "no-such-theme"})
    assert [row["profile"].display_name for row in made_up.context["rows"]] == ["Amara"]
    assert "Remove filter" not in made_up.content.decode()
    real = client.get("/en/members/", {"country": "ke", "region": "2"})
    assert [row["profile"].display_name for row in real.context["rows"]] == ["Amara"]
    assert real.content.decode().count("Remove filter") == 2
    assert client.get("/en/members/", {"theme": "education"}).context["rows"] == []
