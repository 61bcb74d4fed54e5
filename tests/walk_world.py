"""A small site with one of everything a URL can point at, made through the domain actions
members and moderators use, for the tests that walk every URL. ``text(label)`` gives the words
each text field gets: plain words, or the payloads of the XSS walk."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import Page

from community import attachments, flags, sanctions, solution_review
from community.models import Category, ContactMessage, Notification
from community.notifications import unsubscribe_token
from community.posting import comment_on_page, edit_post, reply, start_thread
from community.targets import load as load_target
from exchange import lifecycle
from solutions.models import NewsIndexPage, SolutionIndexPage
from solutions.news_actions import publish_news_post
from solutions.resource_actions import Version, attach_resource, create_resource
from tests.conftest import clean, solution_record


def plain(label: str) -> str:
    return f"Plain words for the {label}"


@dataclass
class World:
    member: object  # writes the thread, the request, the draft solution
    other: object  # replies, offers, is sanctioned
    moderator: object
    values: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    """Path values that find something, by route name; routes not named get generic values."""
    objects: dict[str, object] = field(default_factory=dict)


def build_world(make_member, make_solution, text: Callable[[str], str] = plain) -> World:
    member = make_member(
        email="ana@example.org",
        name=text("display name")[:120],
        organisation=text("organisation")[:200],
        role=text("role")[:200],
        bio=text("bio"),
        links=[{"title": text("link title")[:100], "url": "https://example.org/?" + text("link address")[:200]}],
    )
    member.profile.expertise_tags.add(text("expertise tag")[:100])
    other = make_member(email="bo@example.org", name="Bo Banda")
    moderator = make_member(email="mod@example.org", name="Mo Derator")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    category = Category.objects.create(name="Water", slug="water", description="Water and sanitation")
    solution = make_solution(title=text("solution title")[:200], summary=text("solution summary")[:600])
    thread = start_thread(
        member,
        title=text("thread title")[:200],
        body=text("thread body"),
        category=category,
        kind="question",
        tags=["wells", text("thread tag")[:40]],
        solutions=[solution],
    )
    upload = SimpleUploadedFile("notes.txt", b"Notes on the wells.\n", content_type="text/plain")
    answer = reply(other, thread, f"@{member.profile.slug} {text('reply body')}", files=[attachments.prepare(upload)])
    comment = comment_on_page(other, solution, text("comment body"))
    news = publish_news_post(
        NewsIndexPage.objects.get(),
        slug="wells",
        title=text("news title")[:200],
        date=datetime.date(2026, 1, 5),
        authors="Minga",
        intro=text("news intro"),
        body=text("news body"),
    )
    resource = create_resource(
        slug="well-guide",
        title="Well guide",
        description="How to keep wells clean.",
        versions=[Version(language="en", title="Well guide", filename="well-guide.pdf", content=b"%PDF-1.4\n%%EOF")],
    )
    attach_resource(solution, resource)

    knowledge_request = lifecycle.create(
        member,
        publish=True,
        title=text("request title")[:200],
        challenge=text("request challenge"),
        tried=text("request tried"),
        learn=text("request learn"),
        endorsed_by=text("request endorsement")[:200],
    )
    offer = lifecycle.make_offer(
        other, knowledge_request, summary=text("offer summary"), availability=text("offer availability")[:200]
    )
    standing = lifecycle.make_standing_offer(
        other, summary=text("standing offer summary"), availability=text("standing availability")[:200]
    )
    answered = lifecycle.create(member, publish=True, title="Pumps", challenge="Pumps break.", learn="Repairs.")
    lifecycle.publish_reply(member, answered, "Sums up: " + text("consolidated reply"))
    closed = lifecycle.create(member, publish=True, title="Tanks", challenge="Tanks leak.", learn="Repairs.")
    lifecycle.close(member, closed, text("closing note")[:500])
    draft = solution_review.save_submission(
        member,
        clean(
            solution_record(
                title=text("submission title")[:200],
                summary=text("submission summary")[:600],
                challenge=text("submission challenge"),
                lessons=text("submission lessons"),
                partners=[{"name": text("partner name")[:200], "role": "provider"}],
                tags=[text("submission tag")[:40]],
            )
        ),
    )
    solution_review.submit(member, draft)
    solution_review.request_changes(moderator, draft, text("review comment"))
    edit_post(member, thread.posts.first(), text("edited thread body"))
    flags.flag(other, load_target("post", thread.posts.first().pk), "other", text("flag text")[:500])
    sanction = sanctions.give(moderator, other, "warning", text("sanction reason"))
    ContactMessage.objects.create(
        topic="contact",
        name=text("contact name")[:120],
        email="v@example.org",
        message=text("contact message"),
        page_url=text("contact page")[:300],
    )
    Notification.objects.filter(recipient=member).update(created_at=timezone.now())
    notification = Notification.objects.filter(recipient=member).first()

    from community.affiliations import state_affiliation
    from solutions.models import Organisation

    organisation = Organisation.objects.create(
        name=text("organisation name")[:255], short_name=text("acronym")[:60], description=text("organisation about")
    )
    organisation.slug = "wells-org"
    organisation.save()
    organisation.editors.add(member)
    organisation.countries.add("BR")
    affiliation = state_affiliation(other, organisation, text("affiliation role")[:200])
    solution.partners.update(organisation=organisation)

    document = resource.versions.first()
    world = World(member=member, other=other, moderator=moderator)
    world.values = {
        "member_profile": [{"slug": member.profile.slug}],
        "moderation_member": [{"slug": other.profile.slug}],
        "submission_edit": [{"pk": str(draft.pk)}],
        "moderation_thread": [{"pk": str(thread.pk)}],
        "report": [
            {"kind": "post", "target_id": str(answer.pk)},
            {"kind": "thread", "target_id": str(thread.pk)},
            {"kind": "solution", "target_id": str(solution.pk)},
            {"kind": "profile", "target_id": str(other.profile.pk)},
        ],
        "discussion_category": [{"slug": category.slug}],
        "discussion_category_feed": [{"slug": category.slug}],
        "discussion_thread_short": [{"pk": str(thread.pk)}, {"pk": str(comment.thread_id)}],
        "discussion_thread": [{"pk": str(thread.pk), "slug": "wells"}],
        "discussion_post_edit": [{"pk": str(answer.pk)}, {"pk": str(thread.posts.first().pk)}],
        "discussion_post_delete": [{"pk": str(thread.posts.first().pk)}],
        "discussion_post_history": [{"pk": str(answer.pk)}, {"pk": str(thread.posts.first().pk)}],
        "discussion_post_react": [{"pk": str(answer.pk)}],
        "discussion_post_accept": [{"pk": str(answer.pk)}],
        "discussion_attachment": [{"pk": str(answer.attachments.first().pk)}],
        "discussion_comment": [{"page_id": str(solution.pk)}, {"page_id": str(news.pk)}],
        "notification_open": [{"pk": str(notification.pk)}] if notification else [],
        "notifications_unsubscribe": [{"token": unsubscribe_token(member.pk, "mention")}],
        "request_offer_withdraw": [{"offer_id": str(standing.pk)}],
        "request_detail_short": [{"pk": str(shown.pk)} for shown in (knowledge_request, answered, closed)],
        "request_detail": [{"pk": str(knowledge_request.pk), "slug": "wells"}],
        "request_edit": [{"pk": str(knowledge_request.pk)}],
        "request_status": [{"pk": str(knowledge_request.pk)}],
        "request_offer": [{"pk": str(knowledge_request.pk)}],
        "request_offer_decide": [{"pk": str(knowledge_request.pk), "offer_id": str(offer.pk)}],
        "request_reply": [{"pk": str(knowledge_request.pk)}],
        "organisation": [{"slug": organisation.slug}],
        "organisation_affiliation": [{"slug": organisation.slug}],
        "organisation_edit": [{"slug": organisation.slug}],
        "affiliation_confirm": [{"slug": organisation.slug, "pk": str(affiliation.pk)}],
        "wagtaildocs_serve": [{"document_id": str(document.pk), "document_filename": document.filename}],
        # One live page of each kind (home, catalogue, solution, news, resources, ...).
        "wagtail_serve": [{"_0": path} for path in page_paths()],
    }
    world.objects = {"thread": thread, "answer": answer, "sanction": sanction, "request": knowledge_request}
    return world


def page_paths() -> list[str]:
    """The path below the language prefix of one live page of each type."""
    home = SolutionIndexPage.objects.get().get_parent()
    by_type = {}
    for page in Page.objects.live().descendant_of(home, inclusive=True).specific().order_by("path"):
        by_type.setdefault(type(page), page)
    return [page.url_path.removeprefix(home.url_path) for page in by_type.values()]
