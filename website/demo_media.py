"""Files for the demo content, made locally: small PDFs (fpdf2) and banner images (Pillow)."""

from __future__ import annotations

import hashlib
import io

from fpdf import FPDF
from PIL import Image, ImageDraw

PALETTE = ["#0b5d4b", "#19486a", "#8f1838", "#a35a00", "#2e7d1f", "#00689d", "#b8135f", "#3f7e44"]


def _latin1(text: str) -> str:
    """The PDF core fonts are Latin-1: keep accents, replace typographic quotes and dashes."""
    replacements = {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "•": "-"}
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text.encode("latin-1", "replace").decode("latin-1")


def make_pdf(title: str, text: str, language: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(title))
    pdf.set_lang(language)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, _latin1(title))
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for paragraph in text.split("\n\n"):
        pdf.multi_cell(0, 6, _latin1(paragraph.strip()))
        pdf.ln(3)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(0, 5, "Minga demo resource - generated locally, CC BY 4.0")
    return bytes(pdf.output())


def make_banner(seed: str, size: tuple[int, int] = (1200, 630)) -> bytes:
    """A calm abstract banner whose colours and shapes follow the seed text."""
    digest = hashlib.sha256(seed.encode()).digest()
    base = PALETTE[digest[0] % len(PALETTE)]
    image = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(image)
    width, height = size
    for i in range(6):
        x, y, r = digest[i + 1] * width // 255, digest[i + 7] * height // 255, 60 + digest[i + 13] % 220
        shade = PALETTE[digest[i + 19] % len(PALETTE)]
        draw.ellipse((x - r, y - r, x + r, y + r), fill=shade)
    draw.rectangle((0, height - 24, width, height), fill="#f4c542")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
