from django import template

from community.discussion_forms import ReplyForm
from community.models import Post, Thread
from community.permissions import can_edit_post, can_post, can_see_post

register = template.Library()
COMMENTS_SHOWN = 50


@register.inclusion_tag("community/includes/comments.html", takes_context=True)
def page_comments(context, page):
    """The discussion under a solution or news post: the latest comments and the comment form."""
    request = context["request"]
    user = request.user
    thread = Thread.objects.filter(page_id=page.pk).first()
    posts, count = [], 0
    if thread:
        count = thread.post_count
        first = max(0, count - COMMENTS_SHOWN)
        posts = list(
            Post.objects.filter(thread=thread, position__gt=first)
            .select_related("author__profile", "thread__category", "quote_of")
            .prefetch_related("attachments")
            .order_by("position")
        )
    return {
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "page": page,
        "comment_thread": thread,
        "comment_count": count,
        "more_comments": count > COMMENTS_SHOWN,
        "comment_posts": [
            {"post": p, "visible": can_see_post(user, p), "can_edit": can_edit_post(user, p)} for p in posts
        ],
        "can_comment": can_post(user, thread) if thread else can_post(user),
        "comment_form": ReplyForm(auto_id="comment_%s"),
    }
