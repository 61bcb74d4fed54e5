"""allauth's session tracking (the list of a member's active sessions, with where and when each
was last seen), written at most once per ``USERSESSIONS_SEEN_EVERY`` seconds for the same
session, address and browser. allauth's own middleware writes on every request: a transaction of
four queries that cost a signed-in page more than the rest of its permission checks. A new address
or browser for a session is still written, and signalled, at once."""

from __future__ import annotations

import hashlib
import time

from allauth.account.adapter import get_adapter
from allauth.usersessions import app_settings
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.cache import cache

DEFAULT_SEEN_EVERY = 300
# Sessions this process checked, until when their next requests skip even the shared check (a
# round trip to the cache on every signed-in request otherwise).
_seen_here: dict[str, float] = {}
SEEN_HERE_KEPT = 10_000


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
            now = time.monotonic()
            if _seen_here.get(key, 0) <= now:
                written = cache.add(key, True, timeout=every)
                if written:
                    UserSession.objects.create_from_request(request)
                if len(_seen_here) >= SEEN_HERE_KEPT:
                    _seen_here.clear()
                # Written by another process: when is not known here, so ask again sooner.
                _seen_here[key] = now + (every if written else every / 10)
        return self.get_response(request)
