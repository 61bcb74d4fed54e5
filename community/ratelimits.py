"""Posting limits: answered with 429 and Retry-After."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

POST_RATE = "10/m"


def too_many(
    request, group: str = "posting", rate: str = POST_RATE, method: str | None = "POST"
) -> HttpResponse | None:
    if is_ratelimited(request, group=group, key="user_or_ip", rate=rate, method=method, increment=True):
        body = render_to_string(
            "429.html", {"message": _("You are posting too fast. Wait a minute and try again.")}, request
        )
        response = HttpResponse(body, status=429)
        response["Retry-After"] = "60"
        return response
    return None
