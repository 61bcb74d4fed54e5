"""Python-Markdown with its superlinear paths taken out, so a member's text renders in time linear
in its length whatever it holds.

Python-Markdown scans to the end of the text from every ``[`` for the closing bracket (20,000
``[`` took 100 s), from every ``](`` for the closing parenthesis, parses raw HTML blocks with
``html.parser`` (quadratic on unclosed tags such as ``<a <a <a``) and nests one list or quote per
marker of ``1. 1. 1. …`` until Python's recursion limit. Here the bracket and parenthesis scans
jump from one bracket to the next with a regular expression and give up past a nesting depth no
real link reaches, raw HTML is left to the inline HTML pattern (nh3 cleans it either way), and a
line's chain of quote and list markers is cut at a depth no real text reaches. What remains is
linear, at 10 to 40 µs an element: text with more markup than real text ever has is not parsed at
all (``TooMuchMarkup``; the caller shows it as plain paragraphs). ``bench/markdown_render.py``
times all this on adversarial input.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.inlinepatterns import (
    IMAGE_LINK_RE,
    IMAGE_REFERENCE_RE,
    LINK_RE,
    REFERENCE_RE,
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
    dequote,
)
from markdown.preprocessors import Preprocessor

# ``[a [b [c [d]]]]`` is as deep as link text goes; deeper brackets are text. Stopping there is what
# keeps the scans linear: a character is scanned from at most this many opening brackets.
MAX_BRACKET_DEPTH = 4
# A link's destination and title: at most this many characters and this many parentheses and quotes.
MAX_LINK_TAIL = 2048
MAX_LINK_MARKS = 32
# Quotes and lists nested deeper than this on one line are text (``> > > …``, ``1. 1. 1. …``).
MAX_NESTING = 8
# Each element costs Python-Markdown some 10 to 40 µs whatever its size, a line twice that (block
# processors search the rest of a block), and each level of indentation a line once more: text
# with more marks, twice its lines and its levels than this (outside fenced code) is shown as plain
# paragraphs. The demo's densest texts count at most 470 per 20,000 characters; 1,500 of the
# costliest (table cells, links) take 50 ms.
MAX_MARKS = 1500

BRACKETS = re.compile(r"[\[\]]")
LINK_MARKS = re.compile(r"""[()'"]""")
MARKS = re.compile(r"[\[\]<>`*_\\&|]")
INDENTS = re.compile(r"^[ \t]+", re.MULTILINE)
CONTAINER_MARKERS = re.compile(r"(?:[ ]{0,3}(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]|$))[ \t]*)")


class BoundedLinkMixin:
    """The scans of ``LinkInlineProcessor``, jumping between the characters that matter."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        depth = 1
        for match in BRACKETS.finditer(data, index):
            depth += 1 if match.group() == "[" else -1
            if depth == 0:
                return data[index : match.start()], match.end(), True
            if depth > MAX_BRACKET_DEPTH:
                break
        return "", index, False

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        match = self.RE_LINK.match(data, pos=index)
        if not match or match.group(1):  # not a link, or ``(<href> "title")``: one regular expression
            return super().getLink(data, index)
        found = _link_tail(data, match.end())
        if found is None:
            return "", None, index, False
        href, title, index = found
        if title is not None:
            title = self.RE_TITLE_CLEAN.sub(" ", dequote(self.unescape(title.strip())))
        return self.unescape(href).strip(), title, index, True


def _last_mark(data: str, start: int, pos: int) -> str:
    """The last character before ``pos`` that is not a space, as Python-Markdown tracks it."""
    kept = data[start:pos].rstrip(" ")
    return kept[-1] if kept else ""


def _link_tail(data: str, start: int) -> tuple[str, str | None, int] | None:
    """``LinkInlineProcessor.getLink``'s loop, visiting only parentheses and quotes (the other
    characters only move the position). Gives up, leaving the text as it is, past
    ``MAX_LINK_TAIL`` characters or ``MAX_LINK_MARKS`` marks."""
    bracket_count = backtrack_count = 1
    last_bracket = -1
    quote = alt_quote = None
    start_quote = exit_quote = start_alt_quote = exit_alt_quote = -1
    ignore_matches = False
    stop = min(len(data), start + MAX_LINK_TAIL)
    for number, match in enumerate(LINK_MARKS.finditer(data, start, stop)):
        if number >= MAX_LINK_MARKS:
            return None
        index, c = match.start(), match.group()
        last = _last_mark(data, start, index) if c == ")" else ""
        if c == "(":
            if not ignore_matches:
                bracket_count += 1
            elif backtrack_count > 0:
                backtrack_count -= 1
        elif c == ")":
            if (exit_quote != -1 and quote == last) or (exit_alt_quote != -1 and alt_quote == last):
                bracket_count = 0
            elif not ignore_matches:
                bracket_count -= 1
            elif backtrack_count > 0:
                backtrack_count -= 1
                if backtrack_count == 0:
                    last_bracket = index + 1
        elif not quote:
            ignore_matches = True
            backtrack_count, bracket_count = bracket_count, 1
            start_quote, quote = index + 1, c
        elif c != quote and not alt_quote:
            start_alt_quote, alt_quote = index + 1, c
        elif c == quote:
            exit_quote = index + 1
        elif alt_quote and c == alt_quote:
            exit_alt_quote = index + 1
        if bracket_count == 0:
            if exit_quote >= 0 and quote == last:
                return data[start : start_quote - 1], data[start_quote : exit_quote - 1], index + 1
            if exit_alt_quote >= 0 and alt_quote == last:
                return data[start : start_alt_quote - 1], data[start_alt_quote : exit_alt_quote - 1], index + 1
            return data[start:index], None, index + 1
    if stop < len(data):
        return None  # the link may close past the limit: left as text
    if backtrack_count == 0:  # ``[test](link"notitle)``
        return data[start : last_bracket - 1], None, last_bracket
    return None


class BoundedLink(BoundedLinkMixin, LinkInlineProcessor):
    pass


class BoundedImage(BoundedLinkMixin, ImageInlineProcessor):
    pass


class BoundedReference(BoundedLinkMixin, ReferenceInlineProcessor):
    pass


class BoundedShortReference(BoundedLinkMixin, ShortReferenceInlineProcessor):
    pass


class BoundedImageReference(BoundedLinkMixin, ImageReferenceInlineProcessor):
    pass


class BoundedShortImageReference(BoundedLinkMixin, ShortImageReferenceInlineProcessor):
    pass


class NestingLimit(Preprocessor):
    """Escapes the container marker past ``MAX_NESTING`` on a line, so the rest of the line is text."""

    def run(self, lines: list[str]) -> list[str]:
        return [self.limit(line) for line in lines]

    @staticmethod
    def limit(line: str) -> str:
        end = 0
        for depth, match in enumerate(CONTAINER_MARKERS.finditer(line)):
            if match.start() != end:
                return line
            if depth == MAX_NESTING:
                marker = match.group().lstrip(" ")
                cut = match.start() + len(match.group()) - len(marker)
                if marker[0].isdigit():  # ``12.`` → ``12\.``
                    cut += len(marker) - len(marker.lstrip("0123456789"))
                return f"{line[:cut]}\\{line[cut:]}"
            end = match.end()
        return line


class TooMuchMarkup(Exception):
    """Raised before parsing, for text whose rendering would take too long to be worth it."""


class MarkupBudget(Preprocessor):
    """Counts the marks that make elements, once fenced code is set aside (it costs nothing)."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        levels = sum(len(indent.replace("\t", "    ")) for indent in INDENTS.findall(text)) // 4
        if 2 * len(lines) + levels + len(MARKS.findall(text)) > MAX_MARKS:
            raise TooMuchMarkup
        return lines


class BoundedMarkdown(Extension):
    """Swaps Python-Markdown's scanning link patterns for bounded ones, leaves raw HTML blocks to the
    inline HTML pattern and limits nesting per line."""

    def extendMarkdown(self, md: Markdown) -> None:
        patterns = md.inlinePatterns
        patterns.register(BoundedReference(REFERENCE_RE, md), "reference", 170)
        patterns.register(BoundedLink(LINK_RE, md), "link", 160)
        patterns.register(BoundedImage(IMAGE_LINK_RE, md), "image_link", 150)
        patterns.register(BoundedImageReference(IMAGE_REFERENCE_RE, md), "image_reference", 140)
        patterns.register(BoundedShortReference(REFERENCE_RE, md), "short_reference", 130)
        patterns.register(BoundedShortImageReference(IMAGE_REFERENCE_RE, md), "short_image_ref", 125)
        md.preprocessors.deregister("html_block")
        md.preprocessors.register(MarkupBudget(md), "markup_budget", 11)
        md.preprocessors.register(NestingLimit(md), "nesting_limit", 10)
