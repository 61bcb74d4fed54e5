"""Moderation on the site: reporting, the review queue, thread tools, sanctions, contact forms,
and the public transparency page."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from community import decisions, sanctions, solution_review
from community.audit import record
from community.conf import setting
from community.flags import flag
from community.models import ActionKind, Category, ContactMessage, ModerationAction, Post, Profile, Sanction, Thread
from community.moderation_forms import ContactForm, DecisionForm, FlagForm, SanctionForm
from community.permissions import can_take_part, is_moderator
from community.ratelimits import too_many
from community.review_queue import held_kinds, queue
from community.targets import load, load_for
from core.params import id_or_404


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report(request, kind: str, target_id: int):
    target = load_for(request.user, kind, target_id)
    if not can_take_part(request.user):
        raise PermissionDenied
    form = FlagForm(request.POST or None)
    if request.method == "POST":
        if limited := too_many(request, group="flags", rate=setting("COMMUNITY_FLAG_RATE")):
            return limited
        if form.is_valid():
            try:
                flag(request.user, target, form.cleaned_data["reason"], form.cleaned_data["text"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, _("Thank you: the moderators will look at it. We will tell you what they decide.")
                )
                return redirect(target.url or "/")
    return render(
        request,
        "community/moderation/report.html",
        {"form": form, "target": target},
        status=400 if form.errors else 200,
    )


def require_moderator(request) -> None:
    if not is_moderator(request.user):
        raise PermissionDenied(_("Only moderators can see the review queue."))


@login_required
@require_safe
def review_queue(request):
    require_moderator(request)
    order = request.GET.get("order", "newest")
    items = queue(order)
    return render(
        request,
        "community/moderation/queue.html",
        {"items": items, "order": order, "categories": Category.objects.all()},
    )


def apply_decision(moderator, key: str, action: str, reason: str) -> None:
    kind, _sep, ident = key.partition(":")
    if kind == "held":
        post = get_object_or_404(Post, pk=id_or_404(ident))
        if action == "approve":
            decisions.approve_held(moderator, post)
        elif action in {"reject", "delete", "hide"}:
            decisions.reject_held(moderator, post, reason or _("Not approved by the moderators"))
        return
    if held := held_kinds.get(kind):
        if action == "approve":
            held.approve(moderator, ident)
        elif action in {"reject", "delete", "hide"}:
            held.reject(moderator, ident, reason)
        return
    if kind == "solution-review":
        from solutions.models import SolutionPage

        page = get_object_or_404(SolutionPage, pk=id_or_404(ident))
        if action == "approve":
            solution_review.approve(moderator, page, reason)
        elif action in {"request-changes", "reject"}:
            solution_review.request_changes(moderator, page, reason)
        return
    if kind == "message":
        message = get_object_or_404(ContactMessage, pk=id_or_404(ident))
        if not is_moderator(moderator):
            raise PermissionDenied
        message.handled_at = timezone.now()
        message.save(update_fields=["handled_at"])
        record(
            moderator,
            ActionKind.CONTACT_HANDLED,
            kind="message",
            target_id=message.pk,
            label=message.get_topic_display(),
            reason=reason,
        )
        return
    target = load(kind, ident)
    if action == "hide":
        decisions.hide(moderator, target, reason or _("Against the Code of Conduct"))
    elif action == "delete":
        decisions.delete(moderator, target, reason)
    elif action in {"approve", "handled"}:
        decisions.restore(moderator, target, reason)


@login_required
@require_POST
def decide(request):
    require_moderator(request)
    keys = request.POST.getlist("items")
    form = DecisionForm(request.POST, keys=keys)
    if not form.is_valid():
        messages.error(request, _("Choose at least one item and an action."))
        return redirect("moderation_queue")
    done = 0
    for key in form.cleaned_data["items"]:
        try:
            apply_decision(request.user, key, form.cleaned_data["action"], form.cleaned_data["reason"])
            done += 1
        except (ValidationError, Http404) as exc:
            messages.error(request, f"{key}: {' '.join(getattr(exc, 'messages', [str(exc)]))}")
    messages.success(request, _("%(count)d item(s) decided.") % {"count": done})
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(next_url)
    return redirect("moderation_queue")


@login_required
@require_POST
def thread_tools(request, pk: int):
    thread = get_object_or_404(Thread, pk=pk)
    action = request.POST.get("action")
    try:
        if action in {"lock", "unlock"}:
            decisions.lock(request.user, thread, action == "lock", request.POST.get("reason", ""))
        elif action in {"pin", "unpin"}:
            decisions.pin(request.user, thread, action == "pin")
        elif action == "move":
            decisions.move(
                request.user, thread, get_object_or_404(Category, pk=id_or_404(request.POST.get("category")))
            )
        elif action == "merge":
            into = get_object_or_404(Thread, pk=id_or_404(request.POST.get("into")))
            decisions.merge(request.user, thread, into)
            return redirect(into.get_absolute_url())
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(thread.get_absolute_url())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_sanctions(request, slug: str):
    require_moderator(request)
    profile = get_object_or_404(Profile, slug=slug)
    form = SanctionForm(request.POST or None)
    if request.method == "POST" and request.POST.get("revoke"):
        sanction = get_object_or_404(Sanction, pk=id_or_404(request.POST["revoke"]), user=profile.user)
        sanctions.revoke(request.user, sanction, request.POST.get("reason", ""))
        return redirect("moderation_member", slug=slug)
    if request.method == "POST" and form.is_valid():
        try:
            sanctions.give(
                request.user,
                profile.user,
                form.cleaned_data["kind"],
                form.cleaned_data["reason"],
                form.cleaned_data["ends_at"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The sanction was recorded and the member told."))
            return redirect("moderation_member", slug=slug)
    return render(
        request,
        "community/moderation/member.html",
        {
            "profile": profile,
            "form": form,
            "sanctions": Sanction.objects.filter(user=profile.user),
            "now": timezone.now(),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    initial = {
        "topic": request.GET.get("topic", ContactMessage.Topic.CONTACT),
        "page_url": request.GET.get("page", "")[:300],
    }
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if limited := too_many(request, group="contact", rate=setting("COMMUNITY_CONTACT_RATE")):
            return limited
        if form.is_valid():
            if form.cleaned_data.get("website"):  # the honeypot: people leave it empty
                return redirect("contact_thanks")
            message = form.save(commit=False)
            message.sender = request.user if request.user.is_authenticated else None
            message.save()
            return redirect("contact_thanks")
    return render(request, "community/moderation/contact.html", {"form": form}, status=400 if form.errors else 200)


@require_safe
def contact_thanks(request):
    return render(request, "community/moderation/contact_thanks.html")


@require_safe
def transparency(request):
    """Monthly counts of moderation actions by kind. No names, no items."""
    rows = (
        ModerationAction.objects.annotate(month=TruncMonth("created_at"))
        .values("month", "action")
        .annotate(n=Count("pk"))
        .order_by("-month", "action")
    )
    months: dict = defaultdict(dict)
    for row in rows:
        months[row["month"]][row["action"]] = row["n"]
    kinds = [(value, label) for value, label in ActionKind.choices if any(value in m for m in months.values())]
    table = [(month, [counts.get(value, 0) for value, _label in kinds]) for month, counts in months.items()]
    return render(request, "community/moderation/transparency.html", {"kinds": kinds, "table": table})
