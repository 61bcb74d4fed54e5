import pytest

from community import solution_review
from community.models import ActionKind, ModerationAction, Notification
from solutions.models import SolutionPage


def submission(**overrides):
    data = {
        "title": "Community radio for farmers",
        "summary": "Radio shows with farmers' questions.",
        "language": "en",
        "challenge": "Extension agents cannot reach remote villages.",
        "solution": "",
        "results": "",
        "lessons": "",
        "sustainability": "",
        "provider_countries": ["GH"],
        "recipient_countries": ["SL"],
        "cooperation_type": "south-south",
        "partners": "Ghana Broadcasting | provider",
        "sdgs": ["2"],
        "themes": ["food-security"],
        "modalities": ["training"],
        "status": "completed",
        "start_year": "2015",
        "end_year": "2017",
        "tags": "radio, extension",
    }
    data.update(overrides)
    return data


def test_member_submits_and_moderator_approves_which_publishes(member_client, member, moderator, client):
    assert member_client.post("/en/account/solutions/new/", {**submission(), "submit": "1"}).status_code == 302
    page = SolutionPage.objects.get(title="Community radio for farmers")
    assert not page.live and page.owner == member  # never published by the member
    assert "Waiting for review" in member_client.get("/en/account/solutions/").content.decode()
    client.force_login(moderator)
    keys = [item.key for item in client.get("/en/moderation/").context["items"]]
    assert f"solution-review:{page.pk}" in keys
    client.post("/en/moderation/decide/", {"action": "approve", "items": [f"solution-review:{page.pk}"]})
    page.refresh_from_db()
    assert page.live
    assert ModerationAction.objects.filter(action=ActionKind.PUBLISH_SOLUTION, target_id=page.pk).exists()
    assert Notification.objects.filter(recipient=member, text__contains="is published").exists()


def test_request_changes_shows_the_comment_and_the_author_resubmits(member_client, member, moderator):
    member_client.post("/en/account/solutions/new/", {**submission(), "submit": "1"})
    page = SolutionPage.objects.get()
    with pytest.raises(Exception, match="what to change"):
        solution_review.request_changes(moderator, page, "")
    solution_review.request_changes(moderator, page, "Add the results in numbers")
    mine = member_client.get("/en/account/solutions/").content.decode()
    assert "Changes requested" in mine and "Add the results in numbers" in mine
    response = member_client.post(
        f"/en/account/solutions/{page.pk}/edit/", {**submission(results="1,200 farmers reached"), "submit": "1"}
    )
    assert response.status_code == 302
    assert solution_review.state_of(page).status == "in_progress"
    solution_review.approve(moderator, page)
    page.refresh_from_db()
    assert page.live and page.results == "1,200 farmers reached"


def test_drafts_are_saved_and_bad_input_is_explained(member_client):
    bad = member_client.post(
        "/en/account/solutions/new/", {**submission(sdgs=["1", "2", "3", "4", "5", "6"]), "draft": "1"}
    )
    assert bad.status_code == 400 and "at most 5" in bad.content.decode()
    assert not SolutionPage.objects.exists()
    member_client.post("/en/account/solutions/new/", {**submission(), "draft": "1"})
    page = SolutionPage.objects.get()
    assert not page.live and solution_review.state_of(page) is None


def test_members_cannot_edit_or_approve_others_submissions(client, member_client, member, other):
    member_client.post("/en/account/solutions/new/", {**submission(), "submit": "1"})
    page = SolutionPage.objects.get()
    client.force_login(other)
    assert client.get(f"/en/account/solutions/{page.pk}/edit/").status_code == 404
    assert (
        client.post(
            "/en/moderation/decide/", {"action": "approve", "items": [f"solution-review:{page.pk}"]}
        ).status_code
        == 403
    )
    page.refresh_from_db()
    assert not page.live
