"""Members opt in to hear about knowledge requests that match them; nobody is told otherwise."""

from __future__ import annotations

from exchange.models import RequestAlerts


def wants_request_alerts(user) -> bool:
    return RequestAlerts.objects.filter(user=user).exists()


def set_request_alerts(user, on: bool) -> None:
    if on:
        RequestAlerts.objects.get_or_create(user=user)
    else:
        RequestAlerts.objects.filter(user=user).delete()
