from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.html import escape
from wagtail.rich_text import RichText

from solutions.models import NewsIndexPage, NewsPage, NewsUpdate


def paragraphs_to_body(text: str) -> list[tuple[str, object]]:
    """Plain text (blank-line paragraphs, "## " headings) as StreamField blocks."""
    blocks: list[tuple[str, object]] = []
    for chunk in (c.strip() for c in text.replace("\r\n", "\n").split("\n\n")):
        if not chunk:
            continue
        if chunk.startswith("## "):
            blocks.append(("heading", {"text": chunk[3:].strip()[:120], "level": "h2"}))
        else:
            blocks.append(("paragraph", RichText(f"<p>{escape(chunk)}</p>")))
    return blocks


@transaction.atomic
def publish_news_post(
    index: NewsIndexPage,
    *,
    slug: str,
    title: str,
    date: datetime.date,
    authors: str,
    intro: str,
    body: str,
    updates: list[tuple[datetime.date, str]] = (),
) -> NewsPage:
    """Idempotent by slug."""
    post = NewsPage.objects.child_of(index).filter(slug=slug).first()
    if post:
        return post
    post = NewsPage(slug=slug, title=title, date=date, authors=authors, intro=intro, body=paragraphs_to_body(body))
    post.updates = [NewsUpdate(date=d, text=t) for d, t in updates]
    index.add_child(instance=post)
    post.save_revision().publish()
    return post
