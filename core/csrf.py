"""One placeholder for the CSRF token in whatever is shared between readers (pages, fragments).

A token belongs to one reader, so a shared copy holds this placeholder in its place and each
response puts the reader's own token back; asking for the token only when the placeholder is
there keeps a page without a form free of the CSRF cookie.
"""

from __future__ import annotations

import re

PLACEHOLDER = "csrf-token-of-the-reader-5c2d91"
PLACEHOLDER_BYTES = PLACEHOLDER.encode()
_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')


def hide_tokens(content: bytes) -> bytes:
    """``content`` with the value of every CSRF input replaced by the placeholder."""
    return _INPUT.sub(rb"\1" + PLACEHOLDER_BYTES + rb"\2", content)


def put_token(content: str, token) -> str:
    """``content`` with the reader's token (a string, or a callable asked only when needed)."""
    if PLACEHOLDER not in content:
        return content
    return content.replace(PLACEHOLDER, str(token() if callable(token) else token))
