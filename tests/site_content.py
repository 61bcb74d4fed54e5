"""One page of each kind the site shows, with the content it needs: the markup, phone layout and
HEAD tests walk them all (the every_page fixture in tests/conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PageSet:
    """Every kind of page the site shows, with the content it needs, as English paths (the other
    languages are the same paths under their own prefix)."""

    public: dict[str, str]
    signed_in: dict[str, str]
    moderating: dict[str, str]
    member: object
    moderator: object


def in_language(path: str, language: str) -> str:
    return f"/{language}/{path.removeprefix('/en/')}" if path.startswith("/en/") else path


def every_page(site_tree, make_solution, make_member) -> PageSet:
    """One page of each type, filled with long names and every optional part (key figures, an
    accepted answer, news updates, documents), so layout and markup are tested at their hardest."""
    import datetime

    from django.contrib.auth.models import Group

    from community.models import Category, ThreadKind
    from community.posting import reply, start_thread
    from community.reactions import accept_answer
    from exchange import lifecycle
    from solutions.models import NewsIndexPage, SolutionPage, Theme
    from solutions.news_actions import publish_news_post
    from solutions.resource_actions import Version, attach_resource, create_resource
    from website.site_tree import ensure_site_page

    water = make_solution(
        title="Rainwater harvesting for schools in the dry corridor of Central America",
        summary="Schools collect rainwater to keep clean water through the dry season.",
        results="Every school kept water through the dry season.",
        lessons="Tanks need cleaning twice a year.",
        recipient_countries=["HN", "GT", "SV", "NI"],
        sdgs=[4, 6, 13],
        themes=["water-sanitation", "education"],
        key_figures=[
            {"label": "schools with water all year", "value": "120"},
            {"label": "fewer sick days", "value": "35%"},
        ],
        links=[{"title": "Evaluation report", "url": "https://example.org/report"}],
    )
    make_solution(title="School gardens in Malawi", recipient_countries=["MW"], sdgs=[2, 4])
    resource = create_resource(
        slug="tank-cleaning-guide",
        title="Tank cleaning guide",
        description="How schools clean their tanks.",
        versions=[
            Version("en", "Tank cleaning guide", "guide.txt", b"guide"),
            Version("es", "Guia", "guia.txt", b"guia"),
        ],
    )
    attach_resource(SolutionPage.objects.get(pk=water.pk), resource)
    water = SolutionPage.objects.get(pk=water.pk)
    news = publish_news_post(
        NewsIndexPage.objects.get(),
        slug="community-launch",
        title="The community opens its catalogue to every practitioner",
        date=datetime.date(2026, 3, 1),
        authors="A. Writer",
        intro="Hello to every member.",
        body="Body text.\n\nA second paragraph.",
        updates=[(datetime.date(2026, 3, 5), "An update.")],
    )
    about = ensure_site_page(site_tree, "about", "About Minga", [("paragraph", "<p>Who we are.</p>")])

    author = make_member(
        email="awa@example.org",
        name="Awa Diop",
        country="SN",
        organisation="Ministère de l'Hydraulique",
        role="Engineer",
    )
    answerer = make_member(email="bilal@example.org", name="Bilal Khan", country="PK")
    moderator = make_member(email="mod@example.org", name="Mo Derator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    category = Category.objects.create(name="Water and sanitation", slug="water")
    thread = start_thread(
        author,
        title="Chlorine dosing for small village networks",
        body="What dose do you use for **village** networks?",
        category=category,
        kind=ThreadKind.QUESTION,
    )
    answer = reply(answerer, thread, "We dose 0.5 mg/l and test every week.")
    reply(author, thread, "Thank you, that works for us.")
    accept_answer(author, thread, answer)

    request = lifecycle.create(
        author,
        publish=True,
        title="How do schools keep their tanks clean through the dry season?",
        challenge="Our school tanks turn green after two months.",
        learn="Cleaning routines and cheap filters others used.",
        themes=list(Theme.objects.all()[:2]),
    )
    lifecycle.make_offer(answerer, request, summary="We filter with sand and charcoal.")
    profile = author.profile
    from community.bookmarks import add as bookmark
    from community.conversations import send, start_conversation
    from community.flags import flag
    from community.targets import load

    conversation = start_conversation(
        author, [answerer], subject="Visiting the village network", body="Could we **visit** in May?"
    )
    reported = send(answerer, conversation, "Yes, come in the second week.")
    flag(author, load("private", reported.pk), "other", "Testing the report")
    bookmark(author, "thread", thread.pk)
    from community.affiliations import state_affiliation
    from solutions.models import Organisation

    organisation = Organisation.objects.create(
        name="Secretaría de Estado de Agua y Saneamiento de la República", short_name="SEAS", kind="government"
    )
    organisation.countries.add("HN", "GT")
    organisation.editors.add(author)
    water.partners.update(organisation=organisation)
    state_affiliation(author, organisation, "Engineer")

    public = {
        "home": "/en/",
        "catalogue": "/en/solutions/",
        "catalogue-filtered": "/en/solutions/?sdg=6&region=013&sort=title",
        "solution": water.url,
        "news-index": "/en/news/",
        "news": news.url,
        "resources": "/en/resources/",
        "about": about.url,
        "search": "/en/search/?q=water",
        "search-empty": "/en/search/?q=zzqqxx",
        "discussions": "/en/discussions/",
        "category": category.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "members": "/en/members/",
        "members-filtered": "/en/members/?region=202&country=SN",
        "profile": profile.get_absolute_url(),
        "organisations": "/en/organisations/",
        "organisations-filtered": "/en/organisations/?kind=government&region=013",
        "organisation": organisation.get_absolute_url(),
        "api-docs": "/en/open-data/api/",
        "requests": "/en/requests/",
        "request": request.get_absolute_url(),
        "offers": "/en/requests/offers/",
        "demand": "/en/requests/demand/",
        "signup": "/en/accounts/signup/",
        "login": "/en/accounts/login/",
        "password-reset": "/en/accounts/password/reset/",
        "contact": "/en/contact/",
        "transparency": "/en/transparency/",
    }
    signed_in = {
        "home": "/en/",
        "thread": thread.get_absolute_url(),
        "solution": water.url,
        "request": request.get_absolute_url(),
        "account": "/en/account/",
        "edit-profile": "/en/account/profile/",
        "notifications": "/en/notifications/",
        "notification-settings": "/en/account/notifications/",
        "new-thread": "/en/discussions/new/",
        "new-request": "/en/requests/new/",
        "my-solutions": "/en/account/solutions/",
        "submit-solution": "/en/account/solutions/new/",
        "password-change": "/en/accounts/password/change/",
        "email": "/en/accounts/email/",
        "report": f"/en/report/post/{answer.pk}/",
        "organisation": organisation.get_absolute_url(),
        "edit-organisation": f"/en/organisations/{organisation.slug}/edit/",
        "discussions": "/en/discussions/",
        "discussions-unread": "/en/discussions/?filter=unread",
        "category": category.get_absolute_url(),
        "other-profile": answerer.profile.get_absolute_url(),
        "conversations": "/en/conversations/",
        "conversation": conversation.get_absolute_url(),
        "new-conversation": f"/en/conversations/new/?to={answerer.profile.slug}",
        "report-message": f"/en/report/private/{reported.pk}/",
        "bookmarks": "/en/account/bookmarks/",
        "ignored": "/en/account/ignored/",
    }
    moderating = {
        "queue": "/en/moderation/",
        "thread": thread.get_absolute_url(),
        "reported-message": f"/en/moderation/private/{reported.pk}/",
    }
    return PageSet(public, signed_in, moderating, author, moderator)
