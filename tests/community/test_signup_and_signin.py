import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from community.models import Profile
from community.permissions import can_take_part

from .conftest import PASSWORD

User = get_user_model()


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


def signup_data(**overrides):
    data = {
        "email": "joao@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "name": "João Silva",
        "country": "BR",
        "organisation": "Agência de Cooperação",
        "accept_terms": "on",
        "accept_conduct": "on",
    }
    data.update(overrides)
    return data


def verification_link(message) -> str:
    return re.search(r"https?://[^/]+(/\S+/confirm-email/\S+/)", message.body).group(1)


def test_sign_up_records_consent_and_needs_verification(client, site_tree):
    from website.models import StandardPage

    StandardPage.objects.filter(slug="terms").update(version="2.1")
    response = client.post("/en/accounts/signup/", signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="joao@example.org")
    profile = Profile.objects.get(user=user)
    assert profile.display_name == "João Silva" and profile.country_id == "BR"
    assert profile.terms_accepted_at and profile.conduct_accepted_at
    assert not can_take_part(user)  # unverified members cannot post
    assert len(mail.outbox) == 1

    client.get(verification_link(mail.outbox[0]))
    client.post(verification_link(mail.outbox[0]))
    assert EmailAddress.objects.get(user=user).verified
    user.refresh_from_db()
    assert can_take_part(User.objects.get(pk=user.pk))


def test_terms_must_be_accepted(client, site_tree):
    response = client.post("/en/accounts/signup/", signup_data(accept_terms=""))
    assert response.status_code == 200
    assert not User.objects.filter(email="joao@example.org").exists()


def test_honeypot_stops_bots(client, site_tree):
    client.post("/en/accounts/signup/", signup_data(website="http://spam.example"))
    assert not User.objects.filter(email="joao@example.org").exists()


def test_unverified_member_cannot_sign_in_until_verified(client, make_member):
    make_member(email="new@example.org", verified=False)
    response = client.post("/en/accounts/login/", {"login": "new@example.org", "password": PASSWORD})
    assert response.status_code == 302 and "confirm-email" in response.url
    assert "_auth_user_id" not in client.session


def test_sign_in_by_email_with_remember_me(client, member):
    response = client.post("/en/accounts/login/", {"login": "ana@example.org", "password": PASSWORD, "remember": "on"})
    assert response.status_code == 302 and response.url == "/en/account/"
    assert client.session.get_expire_at_browser_close() is False
    client.post("/en/accounts/logout/")
    client.post("/en/accounts/login/", {"login": "ana@example.org", "password": PASSWORD})
    assert client.session.get_expire_at_browser_close() is True


def test_answers_do_not_reveal_whether_an_email_is_registered(client, member):
    known = client.post("/en/accounts/password/reset/", {"email": "ana@example.org"})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302 and known.url == unknown.url

    cache.clear()
    taken = client.post("/en/accounts/signup/", signup_data(email="ana@example.org"))
    assert taken.status_code == 302  # same answer as a fresh sign-up; the owner gets an email instead
    assert User.objects.filter(email="ana@example.org").count() == 1


def test_repeated_failed_sign_ins_are_stopped(client, member):
    answers = [client.post("/en/accounts/login/", {"login": "ana@example.org", "password": "wrong"}) for _ in range(6)]
    assert "Too many failed login attempts" in answers[-1].content.decode()
    right = client.post("/en/accounts/login/", {"login": "ana@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # even the right password waits until the limit lifts
    assert right.status_code == 200


def test_sign_in_requests_are_rate_limited_with_429(client, site_tree):
    codes = [
        client.post("/en/accounts/login/", {"login": f"x{n}@example.org", "password": "x"}).status_code
        for n in range(31)
    ]
    assert codes[:30] == [200] * 30
    assert codes[30] == 429


def test_sign_out_everywhere_ends_other_sessions(client, member, django_user_model):
    from allauth.usersessions.models import UserSession

    other = type(client)()
    for c in (client, other):
        c.post("/en/accounts/login/", {"login": "ana@example.org", "password": PASSWORD})
        c.get("/en/account/")
    assert UserSession.objects.filter(user=member).count() == 2
    client.post("/en/accounts/sessions/", {"action": "sign_out_others"})
    assert other.get("/en/account/").status_code == 302  # signed out
    assert client.get("/en/account/").status_code == 200


def test_session_activity_is_written_at_most_every_few_minutes_or_when_the_client_changes(client, member):
    from allauth.usersessions.models import UserSession
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.post("/en/accounts/login/", {"login": "ana@example.org", "password": PASSWORD})
    client.get("/en/account/")
    session = UserSession.objects.get(user=member)
    UserSession.objects.filter(pk=session.pk).update(last_seen_at=session.created_at)
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/account/")
    assert not any("usersessions_usersession" in query["sql"] for query in queries)  # seen a moment ago
    client.get("/en/account/", headers={"user-agent": "Another browser/2.0"})
    session.refresh_from_db()
    assert session.user_agent == "Another browser/2.0" and session.last_seen_at > session.created_at
