"""allauth's session tracking (the list of a member's active sessions, with where and when each
was last seen), written at most once per ``USERSESSIONS_SEEN_EVERY`` seconds for the same
session, address and browser. allauth's own middleware writes on every request: a transaction of
four queries that cost a signed-in page more than the rest of its permission checks. A new address
or browser for a session is still written, and signalled, at once."""

from __future__ import annotations

import hashlib

from allauth.account.adapter import get_adapter
from allauth.usersessions import app_settings
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.cache import cache

DEFAULT_SEEN_EVERY = 300


class ThrottledUserSessionsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if app_settings.TRACK_ACTIVITY and request.session.session_key and request.user.is_authenticated:
            client = "\n".join(
                [
                    request.session.session_key,
                    get_adapter().get_client_ip(request),
                    request.META.get("HTTP_USER_AGENT", ""),
                ]
            )
            key = "usersession-seen:" + hashlib.sha256(client.encode()).hexdigest()
            every = getattr(settings, "USERSESSIONS_SEEN_EVERY", DEFAULT_SEEN_EVERY)
            if cache.add(key, True, timeout=every):
                UserSession.objects.create_from_request(request)
        return self.get_response(request)
