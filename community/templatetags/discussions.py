from functools import cache

from django import template

from community.comments import COMMENTS_SHOWN, comment_thread, latest_comments, reader_key
from community.discussion_forms import ReplyForm
from community.permissions import can_edit_post, can_post, can_see_post

register = template.Library()


@register.inclusion_tag("community/includes/comments.html", takes_context=True)
def page_comments(context, page):
    """The discussion under a solution or news post: the latest comments, rendered once per
    generation for every reader with the same ``reader_key``, and the comment form."""
    request = context["request"]
    user = request.user
    thread = comment_thread(page)
    posts = cache(lambda: latest_comments(thread) if thread else [])

    def rows() -> list[dict]:
        return [{"post": p, "visible": can_see_post(user, p), "can_edit": can_edit_post(user, p)} for p in posts()]

    count = thread.post_count if thread else 0
    return {
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "page": page,
        "comment_thread": thread,
        "comment_count": count,
        "more_comments": count > COMMENTS_SHOWN,
        "comment_posts": rows,
        "reader": reader_key(user),
        "can_comment": can_post(user, thread),
        "comment_form": ReplyForm(auto_id="comment_%s"),
    }
