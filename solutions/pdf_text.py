"""Text of uploaded PDFs, for search. pypdf is pure Python and copes with most real-world files."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PdfReadError

logger = logging.getLogger(__name__)
MAX_PAGES = 200
MAX_CHARS = 200_000


def extract_pdf_text(content: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(content))
        text = "\n".join((page.extract_text() or "") for page in reader.pages[:MAX_PAGES])
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        logger.warning("could not read PDF text: %s", exc)
        return ""
    return " ".join(text.split())[:MAX_CHARS]
