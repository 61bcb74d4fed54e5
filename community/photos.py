"""Profile photos: checked and re-encoded with Pillow, so only real images of a sane size get in,
and nothing the camera wrote (EXIF, GPS) comes out."""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from community.image_metadata import without_metadata

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
SIZES = {"photo": 512, "photo_small": 96}


def _open(upload) -> Image.Image:
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The photo is too large: at most 5 MB."), code="too_large")
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload)
            image.verify()
            upload.seek(0)
            image = Image.open(upload)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(
                _("This file is not an image we can read (use JPEG, PNG, WebP or GIF)."), code="invalid"
            ) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(_("The image has too many pixels."), code="bomb") from None
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(_("Use a JPEG, PNG, WebP or GIF image."), code="format")
    if image.width * image.height > MAX_PIXELS:
        raise ValidationError(_("The image has too many pixels (at most 25 megapixels)."), code="bomb")
    return image


def process_photo(upload) -> dict[str, ContentFile]:
    """Validates the upload and returns re-encoded square versions keyed by field name."""
    image = _open(upload)
    try:
        image.load()
    except (OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("This image is damaged: %(error)s") % {"error": exc}, code="invalid") from None
    image = without_metadata(ImageOps.exif_transpose(image)).convert("RGB")
    files = {}
    for field, size in SIZES.items():
        square = ImageOps.fit(image, (size, size), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        square.save(buffer, format="JPEG", quality=85, optimize=True)
        files[field] = ContentFile(buffer.getvalue(), name=f"{field}.jpg")
    return files
