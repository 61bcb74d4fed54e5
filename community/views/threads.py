"""Discussion pages: categories, threads, new threads, replies and comments on content."""

from __future__ import annotations

from functools import cache

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community import posting, read_state
from community.comments import commentable_pages
from community.discussion_forms import ReplyForm, ThreadForm
from community.follows import is_following
from community.ignoring import ignored_ids
from community.models import Category, FollowKind, Post, PostStatus, Thread, ThreadKind, ThreadViewCount
from community.permissions import (
    can_accept,
    can_edit_post,
    can_post,
    can_see_post,
    can_see_thread,
    check_can_take_part,
    is_moderator,
)
from community.posting import render_body
from community.ratelimits import too_many
from community.thread_pages import page_of, thread_page
from core.page_cache import count_view, count_view_on_hits, uncached
from core.params import id_or_404, positive_int
from core.prepared import Prepared
from core.shared_pages import serve_shared

THREADS_PER_PAGE = 25
LATEST_SHOWN = 15  # threads on the discussions page, by latest activity


def listed_threads():
    return (
        Thread.objects.filter(is_hidden=False)
        .exclude(kind=ThreadKind.COMMENTS)
        .select_related("author__profile", "category")
    )


def index(request):
    categories = Category.objects.annotate(
        thread_count=Count("threads", filter=Q(threads__is_hidden=False), distinct=True)
    )
    threads = listed_threads().order_by("-last_activity_at", "-pk")
    unread_only = request.GET.get("filter") == "unread" and request.user.is_authenticated
    context = {"categories": categories, "unread_only": unread_only}
    if unread_only:
        context["latest"] = unread_page(request, threads)
    else:
        context["latest"], context["share_key"] = threads[:LATEST_SHOWN], "latest"
    return render(request, "community/discussions/index.html", context)


def category(request, slug: str):
    category = get_object_or_404(Category, slug=slug)
    threads = listed_threads().filter(category=category).order_by("-is_pinned", "-last_activity_at", "-pk")
    unread_only = request.GET.get("filter") == "unread" and request.user.is_authenticated
    if unread_only:
        page, share_key = unread_page(request, threads), ""
    else:
        page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
        share_key = f"category:{category.pk}:{page.number}"
    return render(
        request,
        "community/discussions/category.html",
        {
            "category": category,
            "threads": page,
            "share_key": share_key,  # the rows are the same for every reader, but what is new to each
            "unread_only": unread_only,
            "following": is_following(request.user, FollowKind.CATEGORY, category.pk),
        },
    )


def unread_page(request, threads: QuerySet):
    """One page of the threads with posts new to the member (the ``Unread`` filter), in a
    constant number of queries."""
    marks = read_state.marks_of(request.user)
    threads = read_state.with_read_positions(threads, request.user).filter(read_state.unread_q(marks))
    return Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))


@uncached
@require_POST
def mark_read(request):
    """ "Mark all read": in one category, or everywhere."""
    check_can_take_part(request.user)
    category = None
    if request.POST.get("category"):
        category = get_object_or_404(Category, pk=id_or_404(request.POST["category"]))
    read_state.mark_all_read(request.user, category)
    messages.success(request, _("Everything is marked read."))
    return redirect(category.get_absolute_url() if category else "discussions")


def shown_threads():
    return Thread.objects.select_related("category", "author__profile", "page", "view_count")


# The thread with what its page shows of it, with the member's position for a member, compiled
# once per process: building the query cost the page more than a millisecond a view.
SOME_THREAD, SOME_MEMBER = -918_273_645, -918_273_646
THREAD = Prepared(lambda pk: shown_threads().filter(pk=pk), pk=SOME_THREAD)
THREAD_WITH_POSITION = Prepared(
    lambda pk, member: read_state.with_position(shown_threads(), member).filter(pk=pk),
    pk=SOME_THREAD,
    member=SOME_MEMBER,
)


def load_thread(request, pk: int) -> Thread:
    if request.user.is_authenticated:
        thread = THREAD_WITH_POSITION.first(Thread.objects.db, pk=pk, member=request.user.pk)
    else:
        thread = THREAD.first(Thread.objects.db, pk=pk)
    if thread is None:
        raise Http404
    if thread.merged_into_id:
        if not can_see_thread(request.user, thread.merged_into):
            raise Http404  # the redirect would tell the title
        raise MergedThread(thread.merged_into)
    if not can_see_thread(request.user, thread):
        raise Http404
    return thread


class MergedThread(Exception):
    def __init__(self, into):
        self.into = into


def thread_context(request, thread: Thread, form=None, preview=None) -> dict:
    # Not "page": the base template reads that name as the Wagtail page it shows (og:url, og:title).
    page = thread_page(thread, positive_int(request.GET.get("page")) or 1)
    user = request.user
    moderator = is_moderator(user, thread.category)
    replying, accepting = can_post(user, thread), can_accept(user, thread)

    # The posts are rendered once per generation for every reader with the same key (see
    # core/templatetags/fragments.py); what each reader may do to a post depends on the three
    # flags and on whether they wrote any post on the page.
    def posts() -> list[dict]:
        return [
            {"post": post, "visible": can_see_post(user, post), "can_edit": can_edit_post(user, post)}
            for post in page.posts
        ]

    @cache
    def accepted():
        if not thread.accepted_post_id or page.number != 1:
            return None
        return (
            Post.objects.select_related("author__profile")
            .filter(pk=thread.accepted_post_id, is_deleted=False, status=PostStatus.VISIBLE)
            .first()
        )

    own = user.pk if user.is_authenticated and user.pk in page.author_ids else 0
    # Posts by members this reader ignores are collapsed: only those on the page name the copy.
    ignored = sorted(ignored_ids(user) & set(page.author_ids)) if user.is_authenticated else []
    return {
        "thread": thread,
        "posts_page": page,
        "posts": posts,
        "accepted": accepted,
        "ignored": ignored,
        "reader": f"{int(moderator)}{int(replying)}{int(accepting)}:{own}:{','.join(map(str, ignored))}",
        "form": form or ReplyForm(initial=quote_initial(request, thread)),
        "preview": preview,
        "can_reply": replying,
        "can_accept": accepting,
        "following": is_following(user, FollowKind.THREAD, thread.pk),
        "is_moderator": moderator,
        "categories": Category.objects.all() if moderator else [],
        "views": views_before(thread) + (request.method == "GET"),  # this view is counted too
    }


def views_before(thread: Thread) -> int:
    try:
        return thread.view_count.count
    except ThreadViewCount.DoesNotExist:
        return 0


def quote_initial(request, thread) -> dict:
    quoted = positive_int(request.GET.get("quote"))
    if quoted is None:
        return {}
    post = Post.objects.filter(pk=quoted, thread=thread, is_deleted=False).first()
    if post is None or not can_see_post(request.user, post):
        return {}
    quoted_text = "\n".join(f"> {line}" for line in post.body.splitlines())
    return {"quote": post.pk, "body": f"{quoted_text}\n\n"}


@require_http_methods(["GET", "HEAD", "POST"])
def thread(request, pk: int, slug: str = ""):
    try:
        thread = load_thread(request, pk)
    except MergedThread as merged:
        return redirect(merged.into.get_absolute_url(), permanent=True)
    if thread.kind == ThreadKind.COMMENTS and thread.page_id and request.method != "POST" and "page" not in request.GET:
        return redirect(thread.page.specific.url + "#comments")
    if request.method == "POST":
        return post_reply(request, thread)
    member = request.user.is_authenticated
    position = thread.read_position if member else None
    opening = "page" not in request.GET and "quote" not in request.GET
    if member and opening and (unread := read_state.first_unread(request.user, thread, position)):
        # A redirect to the first unread post: the shared page itself is the same for every reader.
        return redirect(f"{thread.get_absolute_url()}?page={page_of(unread.position)}#post-{unread.pk}")
    count_view(ThreadViewCount, thread_id=thread.pk)
    context = thread_context(request, thread)
    if request.user.is_authenticated:
        page = context["posts_page"]
        seen = min(page.number * page.size, thread.post_count)
        read_state.record(request.user, thread, seen, position)
    # A quoted post is shown in the reply form only to those who may see it, wherever it is.
    parts = None if "quote" in request.GET else (context["reader"], context["following"])
    response = serve_shared(request, parts, lambda: render(request, "community/discussions/thread.html", context))
    count_view_on_hits(response, ThreadViewCount, thread_id=thread.pk)
    return response


def post_reply(request, thread: Thread):
    if limited := too_many(request):
        return limited
    if not can_post(request.user, thread):
        raise PermissionDenied
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid() and "preview" in request.POST:
        preview, _mentions = render_body(form.cleaned_data["body"])
        return render(request, "community/discussions/thread.html", thread_context(request, thread, form, preview))
    if form.is_valid():
        quote = (
            Post.objects.filter(pk=form.cleaned_data["quote"], thread=thread).first()
            if form.cleaned_data["quote"]
            else None
        )
        try:
            post = posting.reply(
                request.user,
                thread,
                form.cleaned_data["body"],
                quote_of=quote,
                files=form.cleaned_data["files"],
                follow_thread=form.cleaned_data["follow"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(f"{thread.get_absolute_url()}?page={page_of(post.position)}#post-{post.pk}")
    return render(request, "community/discussions/thread.html", thread_context(request, thread, form), status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def new_thread(request):
    if not can_post(request.user):
        if not request.user.is_authenticated:
            return redirect(f"/{request.LANGUAGE_CODE}/accounts/login/?next={request.path}")
        raise PermissionDenied
    initial = {"category": request.GET.get("category")} if request.GET.get("category") else {}
    form = ThreadForm(request.POST or None, request.FILES or None, initial=initial)
    preview = None
    if request.method == "POST":
        if limited := too_many(request):
            return limited
        if form.is_valid() and "preview" in request.POST:
            preview, _mentions = render_body(form.cleaned_data["body"])
        elif form.is_valid():
            try:
                thread = posting.start_thread(
                    request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    category=form.cleaned_data["category"],
                    kind=form.kind,
                    tags=form.cleaned_data["tags"],
                    solutions=form.cleaned_data["solutions"],
                    files=form.cleaned_data["files"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect(thread.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "community/discussions/new_thread.html", {"form": form, "preview": preview}, status=status)


@require_POST
def comment(request, page_id: int):
    page = get_object_or_404(commentable_pages(), pk=page_id).specific
    if limited := too_many(request):
        return limited
    if not can_post(request.user):
        raise PermissionDenied
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "community/discussions/comment_error.html", {"form": form, "page": page}, status=400)
    post = posting.comment_on_page(request.user, page, form.cleaned_data["body"], files=form.cleaned_data["files"])
    return redirect(f"{page.url}#post-{post.pk}")
