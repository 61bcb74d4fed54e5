"""Attachments on posts: images are checked with Pillow and re-encoded, files are limited to a few
document types; every name is made safe. They are served as downloads, never rendered inline as
anything that could run."""

from __future__ import annotations

import io
import os
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from community.image_metadata import without_metadata
from community.models import Attachment, AttachmentKind

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
# One image decoded at a time holds some 5 bytes a pixel: 25 megapixels stay well under 200 MB.
MAX_PIXELS = 25_000_000
# Decoding and re-encoding time per pixel, relative to JPEG (measured: JPEG 10 ns, GIF 17 ns, PNG
# up to 65 ns and WebP 56 ns a pixel). A few kilobytes of PNG can hold 40 megapixels, so the
# pixels of all the images of one request are weighed from their headers before any is decoded:
# at most about 1.5 s of work, five 25-megapixel JPEGs or 25 megapixels of PNG or WebP.
PIXEL_COST = {"JPEG": 1, "GIF": 2, "PNG": 6, "WEBP": 6}
MAX_REQUEST_COST = 150_000_000
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
FILE_TYPES = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", b"PK"),
    ".odt": ("application/vnd.oasis.opendocument.text", b"PK"),
    ".csv": ("text/csv", None),
    ".txt": ("text/plain", None),
}


def safe_name(name: str) -> str:
    base = os.path.basename(name or "file").replace("\x00", "")
    cleaned = get_valid_filename(base)[:120] or "file"
    return cleaned


def decoding_cost(upload) -> int:
    """What decoding the upload would cost, from the image's header alone (``Image.open`` reads no
    pixels); 0 for what ``prepare`` refuses without decoding (not an image we can read, or too
    many pixels for one image) and says why."""
    if os.path.splitext(safe_name(upload.name))[1].lower() not in IMAGE_EXTENSIONS:
        return 0
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)
            pixels = image.width * image.height
            cost = pixels * PIXEL_COST.get(image.format, 0) if pixels <= MAX_PIXELS else 0
    except (Image.DecompressionBombError, UnidentifiedImageError, OSError, SyntaxError, ValueError):
        cost = 0
    upload.seek(0)
    return cost


def prepare_all(uploads: list) -> list[dict]:
    """Validates the uploads of one request, refusing them together before decoding any if their
    images would take too long to process."""
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("At most %(max)d files.") % {"max": MAX_FILES})
    if sum(decoding_cost(upload) for upload in uploads) > MAX_REQUEST_COST:
        raise ValidationError(_("These images are too large to process together: attach fewer or smaller images."))
    return [prepare(upload) for upload in uploads]


def prepare(upload) -> dict:
    """Validates one upload; returns what to store. Raises ValidationError with a clear reason."""
    name = safe_name(upload.name)
    if upload.size > MAX_BYTES:
        raise ValidationError(_("“%(name)s” is too large: at most 10 MB.") % {"name": name})
    extension = os.path.splitext(name)[1].lower()
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension in IMAGE_EXTENSIONS:
        return prepare_image(upload, name)
    if extension not in FILE_TYPES:
        raise ValidationError(
            _("“%(name)s”: this type of file is not accepted (images, PDF, office documents, CSV or text).")
            % {"name": name}
        )
    content_type, magic = FILE_TYPES[extension]
    if magic and not head.startswith(magic):
        raise ValidationError(_("“%(name)s” is not what its name says.") % {"name": name})
    if magic is None and b"\x00" in upload.read(4096):
        raise ValidationError(_("“%(name)s” is not a text file.") % {"name": name})
    upload.seek(0)
    return {"kind": AttachmentKind.FILE, "name": name, "content_type": content_type, "content": upload.read()}


def prepare_image(upload, name: str) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload)
            if image.format not in IMAGE_FORMATS:
                raise ValidationError(_("“%(name)s”: use a JPEG, PNG, WebP or GIF image.") % {"name": name})
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("“%(name)s” has too many pixels.") % {"name": name})
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(_("“%(name)s” has too many pixels.") % {"name": name}) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(_("“%(name)s” is not an image we can read.") % {"name": name}) from None
    fmt = image.format
    ImageOps.exif_transpose(image, in_place=True)
    image = without_metadata(image)
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buffer, format="JPEG", quality=88)
    elif fmt == "PNG":
        image.save(buffer, format=fmt, compress_level=1)
    elif fmt == "WEBP":
        image.save(buffer, format=fmt, method=0)
    else:
        image.save(buffer, format=fmt)
    return {
        "kind": AttachmentKind.IMAGE,
        "name": name,
        "content_type": IMAGE_FORMATS[fmt],
        "content": buffer.getvalue(),
    }


def store(owner, prepared: list[dict], model=Attachment, field: str = "post") -> list:
    """Saves prepared files on ``owner``: a post's (``Attachment``) or a private message's
    (``model=MessageAttachment, field="message"``), checked alike."""
    stored = []
    for item in prepared:
        attachment = model(
            **{field: owner},
            kind=item["kind"],
            name=item["name"],
            content_type=item["content_type"],
            size=len(item["content"]),
        )
        attachment.file.save(item["name"], ContentFile(item["content"]), save=False)
        attachment.save()
        stored.append(attachment)
    return stored


def download(item, request) -> FileResponse:
    """A stored file as a download (an image inline on request), never run by the browser."""
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    inline = item.kind == AttachmentKind.IMAGE and request.GET.get("inline") == "1"
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{item.name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
