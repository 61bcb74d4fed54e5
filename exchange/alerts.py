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


def register_settings() -> None:
    """The opt-in, on the notification settings page."""
    from community.notification_settings import SettingsSection, settings_sections

    settings_sections.register(
        "request-alerts",
        SettingsSection(
            template="exchange/notification_settings.html",
            read=lambda user: {"request_alerts": wants_request_alerts(user)},
            save=lambda user, data: set_request_alerts(user, data.get("request_alerts") == "on"),
        ),
    )
