""" "Cite this" for a solution: APA-style text, BibTeX and CSL-JSON, from the same authors,
date and address the JSON-LD gives search engines."""

from __future__ import annotations

import json
import re

from solutions.records import licence_of
from solutions.structured_data import SITE_NAME, solution_authors


def _names(page) -> list[str]:
    return [author["name"] for author in solution_authors(page)]


def _issued(page):
    return page.first_published_at or page.last_published_at


def apa(page, url: str) -> str:
    names = _names(page)
    authors = ", ".join(names[:-1]) + ", & " + names[-1] if len(names) > 1 else (names or [SITE_NAME])[0]
    issued = _issued(page)
    year = str(issued.year) if issued else "n.d."
    title = page.title.rstrip(".")
    return f"{authors}. ({year}). {title}. {SITE_NAME}. {url}"


BIBTEX_SPECIALS = re.compile(r"([\\{}&%$#_^~])")


def _bibtex_text(text: str) -> str:
    """Braces around the value keep its case; TeX's special characters are escaped."""
    escaped = BIBTEX_SPECIALS.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "\\^~" else " ", text)
    return " ".join(escaped.split())


def bibtex(page, url: str) -> str:
    issued = _issued(page)
    authors = " and ".join("{" + _bibtex_text(name) + "}" for name in _names(page)) or "{" + SITE_NAME + "}"
    fields = [
        ("title", "{" + _bibtex_text(page.title) + "}"),
        ("author", authors),
        ("year", str(issued.year) if issued else None),
        ("publisher", SITE_NAME),
        ("url", url),
        ("language", page.language),
        ("note", "Licence: " + licence_of(page)["name"]),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{minga-{page.pk},\n{body}\n}}"


def csl_json(page, url: str) -> dict:
    issued = _issued(page)
    data = {
        "id": f"minga-{page.pk}",
        "type": "report",
        "title": page.title,
        "abstract": page.summary,
        "author": [{"literal": name} for name in _names(page)],
        "publisher": SITE_NAME,
        "URL": url,
        "language": page.language,
        "license": licence_of(page)["url"],
    }
    if issued:
        data["issued"] = {"date-parts": [[issued.year, issued.month, issued.day]]}
    return data


def citations(page, url: str) -> dict:
    return {
        "apa": apa(page, url),
        "bibtex": bibtex(page, url),
        "csl_json": json.dumps(csl_json(page, url), ensure_ascii=False, indent=2),
    }
