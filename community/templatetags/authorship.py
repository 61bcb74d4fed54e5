"""``{% if user|is_author:post %}``: templates ask who made something the way the views do."""

from django import template

from community import permissions

register = template.Library()


@register.filter
def is_author(user, content) -> bool:
    return permissions.is_author(user, content)
