from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from community.models import Notification
from exchange.models import Exchange, KnowledgeRequest, OfferStatus, RequestStatus, default_deadline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# No word of it, nor its stem (PostgreSQL stems "cooperatives" like "cooperation"), is in the catalogue.
QUERY = "zzqx seaweed drying racks"


def sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:", exact=True).fill("correct-horse-battery-42")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/account/")


def test_failed_search_becomes_a_request_whose_offer_is_accepted(live_server, browser, make_member, make_solution):
    make_solution(title="School gardens in Malawi", themes=["food-security"])
    make_member(email="a@example.org", name="Awa Diop")
    make_member(email="b@example.org", name="Bilal Khan")
    starts_on = timezone.localdate() + timedelta(days=7)

    a_context = browser.new_context(locale="en-GB")
    a = a_context.new_page()
    sign_in(a, live_server, "a@example.org")
    a.goto(f"{live_server.url}/en/search/?{urlencode({'q': QUERY, 'theme': 'food-security'})}")
    expect(a.get_by_role("heading", name=f"Nothing found for “{QUERY}”")).to_be_visible()
    a.get_by_role("link", name="Ask the community", exact=True).click()
    a.wait_for_url("**/en/requests/new/?**")

    title = a.get_by_label("What do you need to know?")
    expect(title).to_have_value(QUERY)
    expect(title).to_have_accessible_description("One sentence, as a question if you can.")
    themes = a.get_by_role("group", name="Themes")
    expect(themes.get_by_label("Agriculture and food security")).to_be_checked()
    expect(themes.get_by_role("checkbox", checked=True)).to_have_count(1)
    expect(a.get_by_label("Deadline")).to_have_value(default_deadline().isoformat())
    a.get_by_label("The challenge").fill("Our coastal villages farm seaweed alone and sell it below cost.")
    a.get_by_label("What you want to learn").fill("How other countries organised seaweed farmers into cooperatives.")
    a.get_by_role("button", name="Post request").click()

    a.wait_for_url("**/en/requests/*/*/")
    expect(a.get_by_role("heading", level=1)).to_have_text(QUERY)
    expect(a.locator(".request-status")).to_have_text("Open")
    knowledge_request = KnowledgeRequest.objects.get(title=QUERY)
    assert (knowledge_request.status, knowledge_request.is_held) == (RequestStatus.OPEN, False)
    assert list(knowledge_request.themes.values_list("slug", flat=True)) == ["food-security"]
    assert knowledge_request.deadline == default_deadline()

    b_context = browser.new_context(locale="en-GB")
    b = b_context.new_page()
    sign_in(b, live_server, "b@example.org")
    b.goto(a.url)
    summary = b.get_by_label("What you can share")
    expect(summary).to_have_accessible_description(
        "Your experience with this, and what you could share: documents, a call, a visit…"
    )
    summary.fill("We set up 40 seaweed cooperatives in Zanzibar and can share the by-laws.")
    b.get_by_label("Availability").fill("Two video calls in May")
    b.get_by_role("button", name="Send offer").click()
    expect(b.get_by_text("Thank you. Your offer has been sent.")).to_be_visible()
    assert Notification.objects.filter(recipient__email="a@example.org", kind="offer").count() == 1

    a.reload()
    offer = a.locator(".offer", has_text="Bilal Khan")
    expect(offer.get_by_text("Two video calls in May")).to_be_visible()
    expect(offer.get_by_text("40 seaweed cooperatives")).to_be_visible()
    offer.get_by_label("Starts on").fill(starts_on.isoformat())
    offer.get_by_role("button", name="Accept offer").click()

    expect(a.get_by_text("Offer accepted. The exchange is recorded on the request.")).to_be_visible()
    expect(a.locator(".request-status")).to_have_text("In dialogue")
    exchanges = a.get_by_role("region", name="Exchanges")
    expect(exchanges.get_by_text("Bilal Khan shares with Awa Diop")).to_be_visible()
    expect(exchanges.locator(f"time[datetime='{starts_on.isoformat()}']")).to_have_count(1)
    exchange = Exchange.objects.select_related("provider", "offer").get(request=knowledge_request)
    assert (exchange.provider.email, exchange.starts_on, exchange.offer.status) == (
        "b@example.org",
        starts_on,
        OfferStatus.ACCEPTED,
    )
    accepted = f"Awa Diop accepted your offer on “{QUERY}”"
    assert Notification.objects.filter(recipient__email="b@example.org", kind="offer", text=accepted).count() == 1

    b.goto(f"{live_server.url}/en/notifications/")
    expect(b.get_by_text(accepted)).to_be_visible()
    a_context.close()
    b_context.close()
