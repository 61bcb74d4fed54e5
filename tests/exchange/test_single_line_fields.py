"""A knowledge request's one-line fields are stored on one line: a line break in the title made
Django refuse every email about the request (BadHeaderError)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from exchange import lifecycle
from exchange.forms import CloseForm, OfferForm
from exchange.models import KnowledgeRequest, RequestEvent

BROKEN = "How do we reach\r\nrural\thouseholds?\nBcc: x@example.org"
ONE_LINE = "How do we reach rural households? Bcc: x@example.org"


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


def test_a_request_title_with_line_breaks_is_one_line_and_its_emails_go_out(
    member_client, member, client, other, django_capture_on_commit_callbacks
):
    response = member_client.post(
        "/en/requests/new/",
        {
            "title": BROKEN,
            "challenge": "Our cash transfer programme misses remote villages.",
            "learn": "How others paid where there are no banks.",
            "languages": ["en"],
            "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "endorsed_by": "Ministry\r\nof Finance",
            "open": "1",
        },
    )
    assert response.status_code == 302
    request = KnowledgeRequest.objects.get()
    assert (request.title, request.endorsed_by) == (ONE_LINE, "Ministry of Finance")
    client.force_login(other)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/requests/{request.pk}/offer/",
            {"summary": "We paid through mobile money agents in every district.", "availability": "May\r\nJune"},
        )
    assert response.status_code == 302
    assert request.offers.get().availability == "May June"
    assert mail.outbox[-1].subject == f"[Minga] Bo Banda offered help on “{ONE_LINE}”"


def test_the_lifecycle_makes_one_line_without_a_form(make_request, member, other):
    request = make_request(member, title=BROKEN, endorsed_by="A\nB")
    assert (request.title, request.endorsed_by) == (ONE_LINE, "A B")
    lifecycle.update(member, request, title="Paying\r\nremote villages")
    assert KnowledgeRequest.objects.get(pk=request.pk).title == "Paying remote villages"
    offer = lifecycle.make_offer(other, request, summary="Mobile money agents in every district.", availability="a\nb")
    assert offer.availability == "a b"
    lifecycle.close(member, request, "Found\r\nhelp")
    assert RequestEvent.objects.filter(request=request).latest("pk").note == "Found help"


def test_offer_and_close_forms_make_one_line(site_tree):
    offer = OfferForm(data={"summary": "Mobile money agents.", "availability": "Two days\r\nin March"})
    assert offer.is_valid(), offer.errors
    assert offer.cleaned_data["availability"] == "Two days in March"
    close = CloseForm(data={"note": "Found\nhelp"})
    assert close.is_valid() and close.cleaned_data["note"] == "Found help"
