import pytest
from django.contrib.auth.models import Group

from community.models import Category, Notification, Post
from community.posting import start_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:", exact=True).fill("correct-horse-battery-42")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/account/")


def test_held_reply_approved_then_flagged_post_hidden_and_author_notified(live_server, browser, make_member, settings):
    category = Category.objects.create(name="Energy", slug="energy")
    starter = make_member(email="s@example.org", name="Sara Starter")
    thread = start_thread(starter, title="Mini-grid tariffs", body="How do you set tariffs?", category=category)
    settings.COMMUNITY_NEW_MEMBER_DAYS, settings.COMMUNITY_NEW_MEMBER_POSTS = 3, 3
    make_member(email="new@example.org", name="Nico Newcomer")
    make_member(email="r@example.org", name="Rita Reporter")
    moderator = make_member(email="m@example.org", name="Mona Moderator")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    newcomer = browser.new_context(locale="en-GB").new_page()
    sign_in(newcomer, live_server, "new@example.org")
    newcomer.goto(f"{live_server.url}{thread.get_absolute_url()}")
    newcomer.get_by_label("Message").fill("Compare https://a.example/tariffs and https://b.example/tariffs")
    newcomer.get_by_role("button", name="Post reply").click()
    assert newcomer.get_by_text("Waiting for a moderator").is_visible()
    held = Post.objects.get(author__email="new@example.org")
    assert held.status == "held"

    mod = browser.new_context(locale="en-GB").new_page()
    sign_in(mod, live_server, "m@example.org")
    mod.goto(f"{live_server.url}/en/moderation/")
    mod.locator(f"input[value='held:{held.pk}']").check()
    mod.get_by_label("Decision").select_option("approve")
    mod.get_by_role("button", name="Apply to selected").click()
    assert mod.get_by_text("1 item(s) decided.").is_visible()

    reporter = browser.new_context(locale="en-GB").new_page()
    sign_in(reporter, live_server, "r@example.org")
    reporter.goto(f"{live_server.url}{thread.get_absolute_url()}")
    reporter.locator(f"#post-{held.pk}").get_by_role("link", name="Report").click()
    reporter.get_by_label("Spam").check()
    reporter.get_by_role("button", name="Send report").click()
    assert reporter.get_by_text("Thank you: the moderators will look at it").is_visible()

    mod.goto(f"{live_server.url}/en/moderation/")
    mod.locator(f"input[value='post:{held.pk}']").check()
    mod.get_by_label("Decision").select_option("hide")
    mod.get_by_label("Reason or comment").fill("Link spam")
    mod.get_by_role("button", name="Apply to selected").click()

    newcomer.goto(f"{live_server.url}/en/notifications/")
    assert newcomer.get_by_text("The moderators hid").is_visible()
    assert Notification.objects.filter(recipient__email="r@example.org", text__contains="was reviewed").exists()
    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(f"{live_server.url}{thread.get_absolute_url()}")
    assert visitor.get_by_text("a.example/tariffs").count() == 0
