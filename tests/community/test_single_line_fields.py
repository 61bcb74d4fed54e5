"""Titles, names and other one-line fields are stored on one line, whichever way they come in: a
line break in one made Django refuse every email whose subject carries it (BadHeaderError)."""

import pytest
from django.core import mail
from django.core.cache import cache

from community.forms import ProfileForm, SignupForm
from community.models import Notification, Profile, Thread
from community.moderation_forms import ContactForm, DecisionForm, SubmissionForm
from community.notifications import send_notification_email
from community.posting import clean_tags, reply, start_thread
from community.profiles import create_profile
from tests.conftest import clean, solution_record

from .test_profiles import profile_post
from .test_solution_review import submission

BROKEN = "Clean\r\nwater\tfor\x0bschools\u2028now\n"
ONE_LINE = "Clean water for schools now"


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


def test_a_thread_title_with_line_breaks_is_one_line_and_its_emails_go_out(
    member_client, member, other, category, django_capture_on_commit_callbacks
):
    handle = Profile.objects.get(user=other).slug
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            "/en/discussions/new/", {"category": category.pk, "title": BROKEN, "body": f"Ask @{handle}"}
        )
    assert response.status_code == 302
    assert Thread.objects.get().title == ONE_LINE
    assert mail.outbox[-1].subject == f"[Minga] Ana Pereira mentioned you in “{ONE_LINE}”"


def test_the_start_thread_action_and_tags_make_one_line_without_a_form(member, category):
    thread = start_thread(member, title=BROKEN, body="Body", category=category, tags=["rain\r\nwater"])
    assert thread.title == ONE_LINE
    assert list(thread.tags.names()) == ["rain water"] and clean_tags(["a\nb"]) == ["a b"]


def test_display_names_organisations_and_roles_are_one_line(member_client, member):
    post = profile_post(display_name="Ana\r\nBcc: x@example.org", organisation="Inst\nNac", role="Officer\r\n")
    assert member_client.post("/en/account/profile/", post).status_code == 302
    profile = Profile.objects.get(user=member)
    assert (profile.display_name, profile.organisation, profile.role) == (
        "Ana Bcc: x@example.org",
        "Inst Nac",
        "Officer",
    )
    form = ProfileForm(data=profile_post(display_name="\r\n\t"), instance=profile)
    assert not form.is_valid() and "display_name" in form.errors  # only whitespace: required


def test_profile_link_titles_are_one_line(member_client, member):
    post = profile_post(links_text="Our\t\twork | https://example.org/work")
    assert member_client.post("/en/account/profile/", post).status_code == 302
    assert Profile.objects.get(user=member).links[0]["title"] == "Our work"


def test_sign_up_names_are_one_line_in_the_form_and_the_action(make_member):
    form = SignupForm(data={"name": BROKEN, "organisation": "A\nB", "accept_terms": "on", "accept_conduct": "on"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["name"], form.cleaned_data["organisation"]) == (ONE_LINE, "A B")
    user = make_member(email="cy@example.org", name="Cy")
    assert create_profile(user, display_name=BROKEN, organisation="A\r\nB").display_name == ONE_LINE


def test_contact_names_and_moderation_reasons_are_one_line(site_tree):
    form = ContactForm(
        data={"topic": "contact", "name": BROKEN, "email": "a@example.org", "page_url": "/en/\r\nx/", "message": "Hi"}
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["name"], form.cleaned_data["page_url"]) == (ONE_LINE, "/en/ x/")
    decision = DecisionForm(data={"action": "hide", "items": ["post:1"], "reason": "Spam\r\nlinks"}, keys=["post:1"])
    assert decision.is_valid() and decision.cleaned_data["reason"] == "Spam links"


def test_submitted_and_imported_solution_titles_are_one_line(site_tree):
    form = SubmissionForm(data=submission(title=BROKEN, tags="rain\nwater, soil", partners="Radio\tGhana | provider"))
    assert form.is_valid(), form.errors
    record = form.to_record()
    assert record["title"] == ONE_LINE and record["tags"] == ["rain water", "soil"]
    assert record["partners"] == [{"name": "Radio Ghana", "role": "provider"}]
    imported = clean(solution_record(title=BROKEN, links=[{"title": "A\r\nB", "url": "https://example.org"}]))
    assert imported["title"] == ONE_LINE and imported["links"] == [("A B", "https://example.org")]


def test_a_notification_stored_with_a_line_break_is_still_emailed(member, other, thread):
    post = reply(other, thread, "Answer")
    notification = Notification.objects.create(recipient=member, kind="mention", post=post, text="Old\r\ntitle")
    send_notification_email.call(notification.pk)
    assert mail.outbox[-1].subject == "[Minga] Old title"
