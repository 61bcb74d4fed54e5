"""The inbox, one conversation, starting one, adding people and leaving. Each member sees only
their own: a conversation, message or attachment of anyone else is not found (404). Never cached."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from community import attachments, conversations
from community.conversation_forms import AddMembersForm, ConversationForm, MessageForm
from community.conversation_moderation import check_can_review, context_of
from community.conversation_rules import check_can_start, seat_of
from community.models import ConversationMember, Message, MessageAttachment, Profile
from community.permissions import can_take_part
from community.posting import render_body
from community.ratelimits import too_many
from core.page_cache import uncached

CONVERSATIONS_PER_PAGE = 25
MESSAGES_PER_PAGE = 30


@uncached
@login_required
@require_safe
def inbox(request):
    # The rows as values, not seat and conversation objects: fifty model instances were a tenth
    # of the page's time.
    seats = (
        ConversationMember.objects.filter(user=request.user, left_at__isnull=True)
        .order_by("-conversation__last_message_at", "-pk")
        .values(
            "conversation_id",
            subject=F("conversation__subject"),
            last_message_at=F("conversation__last_message_at"),
            unread=F("conversation__last_position") - F("last_read_position"),
        )
    )
    page = Paginator(seats, CONVERSATIONS_PER_PAGE).get_page(request.GET.get("page"))
    # Who else is in each conversation, by name only: one query of names, not a member, user and
    # profile object for every participant of every conversation listed.
    others: dict[int, list[str | None]] = {seat["conversation_id"]: [] for seat in page}
    names = (
        ConversationMember.objects.filter(conversation_id__in=others, left_at__isnull=True)
        .exclude(user=request.user)
        .order_by("pk")
        .values_list("conversation_id", "user__profile__display_name")
    )
    for conversation_id, name in names:
        others[conversation_id].append(name)
    for seat in page:
        seat["others"] = others[seat["conversation_id"]]
    return render(request, "community/conversation_list.html", {"seats": page})


def reason(exc: ValidationError | PermissionDenied) -> str:
    """What a refused action says, for the form or a message."""
    return " ".join(getattr(exc, "messages", [str(exc)]))


def load_seat(request, pk: int) -> ConversationMember:
    seat = seat_of(request.user, pk)
    if seat is None:
        raise Http404
    return seat


def conversation_context(request, seat: ConversationMember, form=None, preview=None) -> dict:
    conversation = seat.conversation
    shown = conversations.visible_messages(conversation, request.user)
    page = Paginator(
        shown.select_related("author__profile").prefetch_related("attachments").order_by("position"),
        MESSAGES_PER_PAGE,
    ).get_page(request.GET.get("page") or first_unread_page(seat, shown))
    return {
        "conversation": conversation,
        "seat": seat,
        "messages_page": page,
        "members": conversation.members.filter(left_at__isnull=True).select_related("user__profile").order_by("pk"),
        "form": form or MessageForm(),
        "add_form": AddMembersForm() if conversation.starter_id == request.user.pk else None,
        "preview": preview,
        "can_write": can_take_part(request.user),
    }


def first_unread_page(seat: ConversationMember, shown) -> int:
    """The page with the member's first unread message, or the last page."""
    before = shown.filter(position__lte=seat.last_read_position).count()
    total = shown.count()
    index = before if before < total else max(total - 1, 0)
    return index // MESSAGES_PER_PAGE + 1


@uncached
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def conversation(request, pk: int):
    seat = load_seat(request, pk)
    if request.method == "POST":
        return post_message(request, seat)
    context = conversation_context(request, seat)
    shown = context["messages_page"].object_list
    if shown:
        conversations.mark_read(request.user, seat, max(m.position for m in shown))
    return render(request, "community/conversation.html", context)


def post_message(request, seat: ConversationMember):
    if limited := too_many(request):
        return limited
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid() and "preview" in request.POST:
        preview, _mentions = render_body(form.cleaned_data["body"])
        return render(request, "community/conversation.html", conversation_context(request, seat, form, preview))
    if form.is_valid():
        try:
            message = conversations.send(
                request.user, seat.conversation, form.cleaned_data["body"], files=form.cleaned_data["files"]
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, reason(exc))
        else:  # its author has read it: the conversation opens on its last page
            return redirect(f"{seat.conversation.get_absolute_url()}#message-{message.pk}")
    return render(request, "community/conversation.html", conversation_context(request, seat, form), status=400)


@uncached
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_conversation(request):
    check_can_start(request.user)
    initial = {"to": " ".join(request.GET.getlist("to"))[:1000]}
    form = ConversationForm(request.POST or None, request.FILES or None, initial=initial)
    preview = None
    if request.method == "POST":
        if limited := too_many(request):
            return limited
        if form.is_valid() and "preview" in request.POST:
            preview, _mentions = render_body(form.cleaned_data["body"])
        elif form.is_valid():
            try:
                started = conversations.start_conversation(
                    request.user,
                    form.cleaned_data["to"],
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, reason(exc))
            else:
                return redirect(started.get_absolute_url())
    recipients = Profile.objects.filter(slug__in=request.GET.getlist("to"), user__is_active=True)[:10]
    return render(
        request,
        "community/conversation_form.html",
        {"form": form, "preview": preview, "recipients": recipients},
        status=400 if form.errors else 200,
    )


@uncached
@login_required
@require_POST
def add_members(request, pk: int):
    seat = load_seat(request, pk)
    form = AddMembersForm(request.POST)
    if form.is_valid():
        try:
            conversations.add_members(request.user, seat.conversation, form.cleaned_data["to"])
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, reason(exc))
        else:
            messages.success(request, _("They were added to the conversation."))
    else:
        messages.error(request, " ".join(form.errors.get("to", [])))
    return redirect(seat.conversation.get_absolute_url())


@uncached
@login_required
@require_POST
def leave(request, pk: int):
    seat = load_seat(request, pk)
    conversations.leave(request.user, seat.conversation)
    messages.success(request, _("You left the conversation."))
    return redirect("conversations")


@uncached
@login_required
@require_safe
def attachment(request, pk: int):
    item = get_object_or_404(MessageAttachment.objects.select_related("message"), pk=pk)
    message = item.message
    seat = seat_of(request.user, message.conversation_id)
    mine = message.author_id == request.user.pk
    if seat is None or not (message.status == "visible" or mine):
        raise Http404
    return attachments.download(item, request)


@uncached
@login_required
@require_safe
def review_message(request, pk: int):
    """For moderators: a reported (or held) message and the ones before it, nothing after."""
    message = get_object_or_404(Message.objects.select_related("conversation", "author__profile"), pk=pk)
    check_can_review(request.user, message)
    return render(
        request,
        "community/moderation/message_review.html",
        {"message": message, "earlier": context_of(message)},
    )
