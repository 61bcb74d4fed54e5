"""Posting limits, stricter for new members: answered with 429 and Retry-After."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited


def too_many(
    request, group: str = "posting", rate: str | None = None, method: str | tuple = "POST"
) -> HttpResponse | None:
    """Posting limits follow the member's trust level unless a rate is given. `method` counts only
    requests of that method; django-ratelimit's `ALL` (not None, which it cannot read) counts every
    request."""
    if rate is None:
        from community.trust import post_rate

        rate = post_rate(request.user)
    if is_ratelimited(request, group=group, key="user_or_ip", rate=rate, method=method, increment=True):
        body = render_to_string(
            "429.html", {"message": _("You are posting too fast. Wait a minute and try again.")}, request
        )
        response = HttpResponse(body, status=429)
        response["Retry-After"] = "60"
        return response
    return None
