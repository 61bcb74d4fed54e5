"""A member's bookmarks. Each member sees only their own: another member's bookmark is not found
(404). Never cached."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from community import bookmarks
from community.conversation_forms import BookmarkNoteForm
from community.models import Bookmark
from core.page_cache import uncached

BOOKMARKS_PER_PAGE = 30


@uncached
@login_required
@require_safe
def bookmark_list(request):
    page = Paginator(Bookmark.objects.filter(user=request.user), BOOKMARKS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/bookmarks.html",
        {"bookmarks_page": page, "rows": bookmarks.listed(request.user, list(page.object_list))},
    )


@uncached
@login_required
@require_POST
def add_bookmark(request):
    bookmark = bookmarks.add(request.user, request.POST.get("kind", ""), request.POST.get("target", ""))
    messages.success(request, _("Bookmarked. Add a note to it below if you like."))
    return redirect(f"{redirect('bookmarks').url}#bookmark-{bookmark.pk}")


@uncached
@login_required
@require_POST
def edit_bookmark(request, pk: int):
    bookmark = get_object_or_404(Bookmark, pk=pk, user=request.user)
    if request.POST.get("action") == "delete":
        bookmark.delete()
        messages.success(request, _("The bookmark was removed."))
        return redirect("bookmarks")
    form = BookmarkNoteForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["note"])
        bookmarks.set_note(bookmark, form.cleaned_data["note"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The note was saved."))
    return redirect("bookmarks")
