import pytest
from django.core import mail
from playwright.sync_api import expect

from community.models import Category, Profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:", exact=True).fill("correct-horse-battery-42")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/account/")


def test_a_starts_a_thread_b_replies_mentioning_a_who_sees_the_notification_and_email(
    live_server, browser, make_member
):
    Category.objects.create(name="Water", slug="water")
    make_member(email="a@example.org", name="Awa Diop")
    make_member(email="b@example.org", name="Bilal Khan")
    handle = Profile.objects.get(user__email="a@example.org").slug
    mail.outbox.clear()

    a = browser.new_context(locale="en-GB").new_page()
    sign_in(a, live_server, "a@example.org")
    a.goto(f"{live_server.url}/en/discussions/new/")
    a.get_by_label("Category:").select_option(label="Water")
    a.get_by_label("Title:").fill("Chlorine dosing for small networks")
    a.get_by_label("Message").fill("What dose do you use for **village** networks?")
    a.get_by_role("button", name="Start thread").click()
    thread_url = a.url
    assert a.get_by_role("heading", level=1).inner_text() == "Chlorine dosing for small networks"

    b = browser.new_context(locale="en-GB").new_page()
    sign_in(b, live_server, "b@example.org")
    b.goto(thread_url)
    # Typing "@" and part of Awa's name offers her; the keyboard picks her and her address goes in.
    message = b.get_by_label("Message")
    message.click()
    message.press_sequentially("@Aw")
    suggestion = b.get_by_role("option", name=f"Awa Diop (@{handle})")
    expect(suggestion).to_be_visible()
    expect(suggestion).to_have_attribute("aria-selected", "true")
    message.press("Enter")
    expect(suggestion).to_be_hidden()
    expect(message).to_have_value(f"@{handle} ")
    message.press_sequentially("we use 0.5 mg/l at the tank outlet.")
    b.get_by_role("button", name="Post reply").click()
    assert b.get_by_text("we use 0.5 mg/l").is_visible()
    assert b.get_by_role("link", name="@Awa Diop").is_visible()

    a.goto(f"{live_server.url}/en/discussions/")
    bell = a.get_by_role("link", name="Notifications: 1 unread")
    bell.click()
    a.get_by_role("link", name="Bilal Khan mentioned you in “Chlorine dosing for small networks”").click()
    assert a.get_by_text("we use 0.5 mg/l").is_visible()

    assert any(m.to == ["a@example.org"] and "mentioned you" in m.subject for m in mail.outbox)
