import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from django.core.cache import cache

from .conftest import PASSWORD


@pytest.fixture
def totp_member(member):
    secret = generate_totp_secret()
    TOTP.activate(member, secret)
    codes = RecoveryCodes.activate(member)
    return member, secret, codes.get_unused_codes()


def current_code(secret: str) -> str:
    import time

    from django.conf import settings

    return f"{hotp_value(secret, int(time.time()) // getattr(settings, 'MFA_TOTP_PERIOD', 30)):06d}"


def test_sign_in_asks_for_the_second_factor(client, totp_member):
    cache.clear()
    member, secret, _codes = totp_member
    response = client.post("/en/accounts/login/", {"login": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 302 and "/2fa/authenticate/" in response.url
    assert "_auth_user_id" not in client.session
    response = client.post(response.url, {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_sign_in_with_a_recovery_code(client, totp_member):
    cache.clear()
    member, _secret, codes = totp_member
    response = client.post("/en/accounts/login/", {"login": "ana@example.org", "password": PASSWORD})
    client.post(response.url, {"code": codes[0]})
    assert client.session["_auth_user_id"] == str(member.pk)
    recovery = Authenticator.objects.get(user=member, type=Authenticator.Type.RECOVERY_CODES)
    assert codes[0] not in recovery.wrap().get_unused_codes()


def test_wrong_code_is_refused(client, totp_member):
    cache.clear()
    response = client.post("/en/accounts/login/", {"login": "ana@example.org", "password": PASSWORD})
    answer = client.post(response.url, {"code": "000000"})
    assert answer.status_code == 200
    assert "_auth_user_id" not in client.session
