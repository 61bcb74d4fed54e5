"""What an image carries besides its pixels, taken off before it is stored: EXIF (camera, GPS,
dates), XMP, JPEG COM and GIF comment blocks, PNG text chunks, ICC profiles. Re-encoding alone
keeps some of it (Pillow writes a JPEG's or GIF's comment back), so everything but what the
pixels need is dropped; colours described by an ICC profile are converted to sRGB first, so they
look the same without it."""

from __future__ import annotations

import io

from PIL import Image, ImageCms

# What the pixels need to look right: transparent colour, GIF frame timing and background.
KEPT = {"transparency", "duration", "loop", "background"}
SRGB = ImageCms.createProfile("sRGB")


def without_metadata(image: Image.Image) -> Image.Image:
    icc = image.info.get("icc_profile")
    if icc and image.mode in {"RGB", "RGBA"}:
        image = _to_srgb(image, icc)
    image.info = {key: value for key, value in image.info.items() if key in KEPT}
    return image


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    try:
        converted = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a profile we cannot read: the pixels are taken as sRGB, as browsers would
    return converted or image
