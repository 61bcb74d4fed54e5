"""Two members talk in private: A writes to B from B's profile, B sees the unread badge and
replies, A reads the reply; A reports a message and a moderator hides it from the review queue.
The member pages of the journey pass axe (WCAG 2.1 A/AA, serious and critical)."""

import pytest
from django.contrib.auth.models import Group

from community.models import Message, Notification, PostStatus
from tests.browser.test_accessibility import AXE_PATH, BLOCKING_IMPACTS, WCAG_TAGS, describe
from tests.browser.test_moderation_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def member_page(browser):
    """A member's tab; its CSP lets the injected axe script run, as in the accessibility tests."""
    page = browser.new_context(locale="en-GB", bypass_csp=True).new_page()
    page.set_default_timeout(15_000)
    return page


def assert_accessible(page) -> None:
    if not AXE_PATH.is_file():
        pytest.fail(f"axe-core not found at {AXE_PATH}: run scripts/axe.sh or set AXE_PATH")
    page.add_script_tag(path=str(AXE_PATH))
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found serious/critical violations on {page.url}:\n{describe(blocking)}"


def test_a_messages_b_who_replies_then_a_reports_and_a_moderator_hides_it(live_server, browser, make_member):
    make_member(email="a@example.org", name="Ada Alves")
    b = make_member(email="b@example.org", name="Bea Bello")
    moderator = make_member(email="m@example.org", name="Mona Moderator")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    ada = member_page(browser)
    sign_in(ada, live_server, "a@example.org")
    ada.goto(f"{live_server.url}{b.profile.get_absolute_url()}")
    ada.get_by_role("link", name="Send a message").click()
    assert_accessible(ada)
    ada.get_by_label("Subject").fill("Visiting your project")
    ada.get_by_label("Message", exact=True).fill("Could we **visit** your school gardens in May?")
    ada.get_by_role("button", name="Send", exact=True).click()
    ada.wait_for_url("**/conversations/*/")
    assert ada.get_by_text("Could we visit your school gardens in May?").is_visible()

    bea = member_page(browser)
    sign_in(bea, live_server, "b@example.org")
    badge = bea.get_by_role("link", name="Messages (1 unread)")
    assert badge.is_visible() and badge.locator(".unread-count").inner_text() == "1"
    badge.click()
    assert_accessible(bea)
    bea.get_by_role("link", name="Visiting your project").click()
    assert bea.get_by_text("Could we visit your school gardens in May?").is_visible()
    assert bea.locator(".messages-link").inner_text() == "Messages"  # read: no count left
    assert_accessible(bea)
    bea.get_by_label("Message", exact=True).fill("Yes, the second week of May suits us.")
    bea.get_by_role("button", name="Send", exact=True).click()
    assert bea.get_by_text("Yes, the second week of May suits us.").is_visible()

    ada.goto(f"{live_server.url}/en/discussions/")
    ada.get_by_role("link", name="Messages (1 unread)").click()
    assert ada.get_by_text("1 new").is_visible()
    ada.get_by_role("link", name="Visiting your project").click()
    reply = Message.objects.get(author=b)
    assert ada.locator(f"#message-{reply.pk}").get_by_text("second week of May").is_visible()

    ada.locator(f"#message-{reply.pk}").get_by_role("link", name="Report").click()
    ada.get_by_label("Abuse or harassment").check()
    ada.get_by_role("button", name="Send report").click()
    assert ada.get_by_text("Thank you: the moderators will look at it").is_visible()

    mona = member_page(browser)
    sign_in(mona, live_server, "m@example.org")
    mona.goto(f"{live_server.url}/en/moderation/")
    mona.get_by_role("link", name="Visiting your project #2").click()
    assert mona.get_by_text("Could we visit your school gardens in May?").is_visible()
    assert mona.get_by_text("second week of May").is_visible()
    assert_accessible(mona)
    mona.get_by_label("Decision").select_option("hide")
    mona.get_by_label("Reason or comment").fill("Testing the review")
    mona.get_by_role("button", name="Decide").click()
    assert mona.get_by_text("1 item(s) decided.").is_visible()
    reply.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN
    assert Notification.objects.filter(recipient=b, kind="moderation").exists()
    bea.reload()
    assert bea.get_by_text("This message is not shown.").is_visible()
