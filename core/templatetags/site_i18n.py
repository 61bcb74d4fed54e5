"""Django's ``i18n`` library, with ``{% translate %}`` of a literal written once per language.

The site's templates load it (``{% load site_i18n %}``) instead of ``i18n``: the same tags and
filters, which ``makemessages`` reads as before. (Mapping the name ``i18n`` here instead would
shadow Django's library, which ``check --deploy`` warns of: templates.W003.)

A page has dozens of ``{% translate "…" %}`` tags, and each one, rendered, looks the language up
and asks the catalogue again: about 20 µs a tag. A literal's translation depends only on the
language (a template's literal is safe text, never escaped), so the node keeps what it wrote for
each. Tags with a variable, filters, a message context or ``noop`` render as Django's do.
"""

from __future__ import annotations

from django.template import Library
from django.templatetags import i18n
from django.utils.translation import get_language

register = Library()
register.tags.update(i18n.register.tags)
register.filters.update(i18n.register.filters)


class MemoTranslateNode(i18n.TranslateNode):
    def __init__(self, filter_expression, noop, asvar=None, message_context=None):
        super().__init__(filter_expression, noop, asvar, message_context)
        expression = self.filter_expression
        self.literal = (
            not noop and message_context is None and not expression.filters and expression.var.lookups is None
        )
        self.written: dict[str | None, str] = {}  # by language

    def render(self, context):
        if not self.literal:
            return super().render(context)
        language = get_language()
        value = self.written.get(language)
        if value is None:
            if self.asvar:  # Django's node puts the text in the context: read it back from a scratch one
                scratch = context.new()
                super().render(scratch)
                value = scratch[self.asvar]
            else:
                value = super().render(context)
            self.written[language] = value
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = i18n.do_translate(parser, token)
    return MemoTranslateNode(node.filter_expression, node.noop, node.asvar, node.message_context)
