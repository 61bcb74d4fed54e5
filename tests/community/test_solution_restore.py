"""A solution hidden by reports or by a moderator comes back as the moderators reviewed it: the
owner's later draft is neither published with it nor lost."""

from __future__ import annotations

import pytest

from community import decisions, solution_review
from community.flags import flag
from community.targets import load
from solutions.models import SolutionPage
from tests.conftest import clean, solution_record


@pytest.fixture
def reviewed(member, moderator, catalogue):
    """A member's solution, approved by a moderator, then edited by its owner (not reviewed)."""
    record = solution_record(title="Seed banks run by villages", summary="Reviewed summary of seed banks.")
    page = solution_review.save_submission(member, clean(record))
    solution_review.submit(member, page)
    solution_review.approve(moderator, page)
    edited = clean({**record, "title": "Seed banks cure hunger", "summary": "Unreviewed miracle claims."})
    solution_review.save_submission(member, edited, page=SolutionPage.objects.get(pk=page.pk))
    page = SolutionPage.objects.get(pk=page.pk)
    assert page.live and page.title == "Seed banks run by villages"
    return page


def report_until_hidden(page, make_member) -> None:
    for n in range(3):
        flag(make_member(email=f"r{n}@example.org", name=f"Reporter {n}"), load("solution", page.pk), "spam")
    assert not SolutionPage.objects.get(pk=page.pk).live


def test_keeping_a_reported_solution_republishes_the_reviewed_version(reviewed, moderator, make_member, client):
    report_until_hidden(reviewed, make_member)
    client.force_login(moderator)
    client.post("/en/moderation/decide/", {"action": "approve", "items": [f"solution:{reviewed.pk}"]})
    page = SolutionPage.objects.get(pk=reviewed.pk)
    assert page.live and page.title == "Seed banks run by villages"
    assert page.summary == "Reviewed summary of seed banks."
    client.logout()
    shown = client.get(page.url).content.decode()
    assert "Reviewed summary of seed banks." in shown and "miracle" not in shown
    # The owner's draft is still theirs to send for review.
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().summary == "Unreviewed miracle claims."


def test_a_solution_hidden_by_a_moderator_comes_back_as_reviewed(reviewed, moderator):
    decisions.hide(moderator, load("solution", reviewed.pk), "Unverifiable claims")
    decisions.restore(moderator, load("solution", reviewed.pk), "Checked")
    page = SolutionPage.objects.get(pk=reviewed.pk)
    assert page.live and page.summary == "Reviewed summary of seed banks."
    assert page.get_latest_revision_as_object().summary == "Unreviewed miracle claims."


def test_a_review_the_owner_asked_for_meanwhile_stays_in_the_queue(reviewed, member, moderator, make_member):
    solution_review.submit(member, reviewed)
    report_until_hidden(reviewed, make_member)
    decisions.restore(moderator, load("solution", reviewed.pk), "Checked")
    page = SolutionPage.objects.get(pk=reviewed.pk)
    assert page.live and page.summary == "Reviewed summary of seed banks."
    assert [state.solution.pk for state in solution_review.submissions_in_review()] == [page.pk]
    solution_review.approve(moderator, page)  # and approving it publishes the owner's edit
    assert SolutionPage.objects.get(pk=page.pk).summary == "Unreviewed miracle claims."


def test_a_solution_published_again_after_an_edit_comes_back_as_last_published(make_solution, moderator):
    page = make_solution(title="Mobile clinics", summary="First published summary.")
    corrected = SolutionPage.objects.get(pk=page.pk)
    corrected.summary = "Corrected summary."
    corrected.save_revision().publish()  # an editor publishes a correction in the admin
    draft = SolutionPage.objects.get(pk=page.pk)
    draft.summary = "A later draft."
    draft.save_revision()
    decisions.hide(moderator, load("solution", page.pk), "Check")
    decisions.restore(moderator, load("solution", page.pk), "Fine")
    assert SolutionPage.objects.get(pk=page.pk).summary == "Corrected summary."


def test_a_solution_made_in_bulk_without_revisions_comes_back(catalogue, moderator, client):
    from website.scale.pages import bulk_add_children

    page = SolutionPage(
        title="Bulk seeded solution",
        slug="bulk-seeded",
        external_id="bulk-1",
        language="en",
        summary="From a seed.",
        cooperation_type="south-south",
    )
    bulk_add_children(catalogue, [page])
    assert not SolutionPage.objects.get(pk=page.pk).revisions.exists()
    decisions.hide(moderator, load("solution", page.pk), "Check")
    decisions.restore(moderator, load("solution", page.pk), "Fine")
    page = SolutionPage.objects.get(pk=page.pk)
    assert page.live and page.summary == "From a seed."
    assert client.get(page.url).status_code == 200
