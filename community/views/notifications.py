from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit import ALL

from community import notifications
from community.models import Channel, Notification, NotificationKind, Profile
from community.notification_settings import save_sections, sections_for
from community.ratelimits import too_many
from core.params import positive_int


@login_required
@require_safe
def inbox(request):
    items = Notification.objects.filter(recipient=request.user).select_related("actor__profile")
    return render(
        request,
        "community/notifications.html",
        {"notifications": Paginator(items, 30).get_page(request.GET.get("page"))},
    )


@login_required
@require_POST
def mark_read(request):
    sent = request.POST.getlist("id")
    ids = [number for number in map(positive_int, sent) if number]
    if ids or not sent:  # no id marks everything read; ids that are no numbers mark nothing
        notifications.mark_read(request.user, ids or None)
    return redirect("notifications")


@login_required
@require_safe
def open_notification(request, pk: int):
    item = Notification.objects.filter(pk=pk, recipient=request.user).first()
    if item is None:
        return redirect("notifications")
    notifications.mark_read(request.user, [item.pk])
    return redirect(item.url or "notifications")


def is_one_click(request) -> bool:
    """An RFC 8058 one-click unsubscribe: the body a mail client POSTs to the List-Unsubscribe URL."""
    return request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click"


# Mail clients send the RFC 8058 one-click POST without a CSRF token or session; the signed token
# is the proof. Only that POST skips the CSRF check: the confirmation form keeps it.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    if is_one_click(request):
        return _unsubscribe(request, token)
    return _confirm_unsubscribe(request, token)


@csrf_protect
def _confirm_unsubscribe(request, token: str):
    """Following the link only asks: mail scanners follow every link in an email."""
    return _unsubscribe(request, token)


def _unsubscribe(request, token: str):
    try:
        user, kind = notifications.read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "community/unsubscribed.html", {"invalid": True}, status=400)
    label = dict(NotificationKind.choices).get(kind, _("daily digest"))
    if request.method != "POST":  # a HEAD (link checkers, mail scanners) only asks too
        return render(request, "community/unsubscribe.html", {"label": label})
    notifications.stop_emails(user, kind)
    return render(request, "community/unsubscribed.html", {"label": label})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    current = notifications.preferences(request.user)
    if request.method == "POST":
        for kind in NotificationKind.values:
            channel = request.POST.get(kind)
            if channel in Channel.values:
                notifications.set_channel(request.user, kind, channel)
        save_sections(request.user, request.POST)
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notification_preferences")
    rows = [(kind, label, current[kind]) for kind, label in NotificationKind.choices]
    return render(
        request,
        "community/notification_preferences.html",
        {"rows": rows, "channels": Channel.choices, "sections": sections_for(request.user)},
    )


@require_safe
def mention_suggestions(request):
    if limited := too_many(request, group="mentions", rate="60/m", method=ALL):
        return limited
    text = request.GET.get("q", "").strip().lstrip("@")[:50]
    if len(text) < 2 or not request.user.is_authenticated:
        return JsonResponse({"members": []})
    matching = Q(display_name__icontains=text) | Q(slug__icontains=text)
    profiles = Profile.objects.filter(matching, user__is_active=True).order_by("display_name")[:8]
    return JsonResponse({"members": [{"handle": p.slug, "name": p.display_name} for p in profiles]})
