"""Actions on one post: edit, delete, history, reactions, accepted answer, attachments, follows."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from community import attachments, posting, reactions
from community.discussion_forms import DeleteForm, EditForm
from community.follows import follow, unfollow
from community.models import Attachment, Category, FollowKind, Post, Thread
from community.permissions import can_read_post, check_can_edit_post, check_can_see_history, check_can_take_part
from community.ratelimits import too_many
from core.params import id_or_404, positive_int


def load_post(request, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__category", "author__profile"), pk=pk)
    if not can_read_post(request.user, post):
        raise Http404
    return post


@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, pk: int):
    post = load_post(request, pk)
    check_can_edit_post(request.user, post)
    if request.method == "POST" and (limited := too_many(request, group="editing")):
        return limited  # edits are limited like posts: each may mention, link and notify
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        posting.edit_post(request.user, post, form.cleaned_data["body"])
        return redirect(post.get_absolute_url())
    return render(
        request,
        "community/discussions/edit_post.html",
        {"post": post, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, pk: int):
    post = load_post(request, pk)
    check_can_edit_post(request.user, post)
    form = DeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        posting.delete_post(request.user, post, form.cleaned_data["reason"])
        messages.success(request, _("The post was deleted."))
        return redirect(post.get_absolute_url())
    return render(
        request,
        "community/discussions/delete_post.html",
        {"post": post, "form": form},
        status=400 if form.errors else 200,
    )


@require_safe
def history(request, pk: int):
    post = load_post(request, pk)
    check_can_see_history(request.user, post)
    return render(
        request,
        "community/discussions/history.html",
        {"post": post, "revisions": post.revisions.select_related("edited_by__profile")},
    )


@require_POST
def react(request, pk: int):
    post = load_post(request, pk)
    kind = request.POST.get("kind", "")
    try:
        if request.POST.get("undo"):
            reactions.unreact(request.user, post, kind)
        else:
            reactions.react(request.user, post, kind)
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    return redirect(post.get_absolute_url())


@require_POST
def accept(request, pk: int):
    post = load_post(request, pk)
    try:
        reactions.accept_answer(request.user, post.thread, post)
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    return redirect(post.thread.get_absolute_url())


@require_safe
def attachment(request, pk: int):
    item = get_object_or_404(Attachment.objects.select_related("post__thread__category"), pk=pk)
    if item.post.is_deleted or not can_read_post(request.user, item.post):
        raise Http404
    return attachments.download(item, request)


FOLLOW_TARGETS = {
    FollowKind.THREAD: lambda key: get_object_or_404(Thread, pk=id_or_404(key)).pk,
    FollowKind.CATEGORY: lambda key: get_object_or_404(Category, pk=id_or_404(key)).pk,
    FollowKind.TAG: lambda key: key.strip().lower()[:40],
    FollowKind.PAGE: id_or_404,
}


@require_POST
def toggle_follow(request):
    check_can_take_part(request.user)
    kind, key = request.POST.get("kind", ""), request.POST.get("target", "")
    if kind not in FOLLOW_TARGETS or not key or (kind != FollowKind.TAG and positive_int(key) is None):
        return HttpResponseBadRequest(_("Unknown thing to follow."))
    target = FOLLOW_TARGETS[kind](key)
    if request.POST.get("action") == "unfollow":
        unfollow(request.user, kind, target)
    else:
        follow(request.user, kind, target)
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        raise PermissionDenied
    return HttpResponseRedirect(next_url)
