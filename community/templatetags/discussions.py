from functools import cache

from django import template
from django.utils.safestring import SafeString

from community.comments import COMMENTS_SHOWN, comment_thread, latest_comments, reader_key
from community.discussion_forms import ReplyForm
from community.permissions import can_edit_post, can_post, can_see_post
from community.read_state import with_new_posts

register = template.Library()


class NewPostsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context) -> SafeString:
        return SafeString(with_new_posts(self.nodelist.render(context), context["request"].user))


@register.tag
def new_posts(parser, token):
    """``{% new_posts %}…{% endnew_posts %}``: a list of thread rows (shared between readers or
    not) with what is new to this reader put in (``read_state.with_new_posts``)."""
    nodelist = parser.parse(("endnew_posts",))
    parser.delete_first_token()
    return NewPostsNode(nodelist)


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
