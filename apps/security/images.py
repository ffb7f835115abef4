"""Uploaded images made safe to store and to publish, in the admin and the portal.

A phone photo carries its GPS position, the camera and often the author's name in
EXIF, XMP or IPTC metadata, and Willow copies EXIF into every rendition Wagtail
makes. A PNG of a hundred kilobytes can declare a hundred million pixels, which cost
gigabytes to decode. And Wagtail's image field ends in a server error for a file
that only starts like an image (``GIF89a`` and junk). So every uploaded image goes
through :class:`SafeImageField`, used by the admin's image form
(``WAGTAILIMAGES_IMAGE_FORM_BASE``) and by the partner portal:

- its pixels (width × height × frames) are read from the header, before anything
  is decoded, and must stay within a limit (``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` in
  the admin, ``PARTNER_IMAGE_MAX_PIXELS`` in the portal);
- it is decoded in full, its EXIF orientation applied to the pixels (a photo taken
  on its side stays upright) and stored re-encoded without any metadata; only the
  colour profile and what animation and transparency need are kept;
- a file Pillow cannot read is refused with a message, never a server error.

Renditions: :func:`auto_orient_without_metadata` replaces Willow's ``auto_orient``,
which Wagtail runs first for every rendition, so even an original stored before
these checks gives renditions without metadata.
"""

from __future__ import annotations

import io
import math
import warnings
from typing import IO

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps
from wagtail.images.fields import WagtailImageField
from willow.plugins.pillow import PillowImage

#: Image.info entries a re-saved image keeps: colour, animation, transparency,
#: resolution. Everything else (exif, xmp, comment, photoshop/IPTC, PNG text) goes.
KEPT_INFO = frozenset(
    {
        "icc_profile",
        "transparency",
        "duration",
        "loop",
        "background",
        "disposal",
        "dpi",
        "gamma",
    }
)
#: Pillow format -> options for re-saving it; JPEG and lossy WebP are re-encoded
#: at a quality that shows no difference at the sizes the portal uses.
SAVE_OPTIONS = {
    "JPEG": {"quality": 92, "optimize": True},
    "PNG": {"optimize": False},
    "GIF": {},
    "WEBP": {"quality": 90},
}
#: What Pillow raises for a file it cannot read: its own errors and plain ones.
READ_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError)

NOT_READABLE = _("This file is not a readable image.")


def admin_max_pixels() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)


def partner_max_pixels() -> int:
    return getattr(settings, "PARTNER_IMAGE_MAX_PIXELS", 25_000_000)


def _megapixels(pixels: int) -> int:
    return max(1, math.ceil(pixels / 1_000_000))


def too_many_pixels(width: int, height: int, pixels: int, limit: int):
    return forms.ValidationError(
        _(
            "This image is too large: %(width)d × %(height)d pixels, "
            "%(megapixels)d megapixels in all. At most %(max)d megapixels are "
            "accepted; please scale it down."
        )
        % {
            "width": width,
            "height": height,
            "megapixels": _megapixels(pixels),
            "max": _megapixels(limit),
        },
        code="too_many_pixels",
    )


def _not_readable() -> forms.ValidationError:
    return forms.ValidationError(NOT_READABLE, code="invalid_image")


def _open(f: IO[bytes]) -> PILImage.Image:
    """Open without decoding; the caller checks the size before anything else."""
    f.seek(0)
    with warnings.catch_warnings():
        # Pillow warns above its own limit; ours is lower and checked next.
        warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
        return PILImage.open(f)


def check_pixels(f: IO[bytes], max_pixels: int) -> None:
    """Refuse a file that is no image, or has more pixels than ``max_pixels``.

    Only the header (and, for animations, the frame headers) is read.
    """
    try:
        with _open(f) as image:
            width, height = image.size
            pixels = width * height * getattr(image, "n_frames", 1)
    except PILImage.DecompressionBombError:
        raise forms.ValidationError(
            _(
                "This image is too large: it has more than %(max)d megapixels. "
                "Please scale it down."
            )
            % {"max": _megapixels(max_pixels)},
            code="too_many_pixels",
        ) from None
    except READ_ERRORS:
        raise _not_readable() from None
    finally:
        f.seek(0)
    if pixels > max_pixels:
        raise too_many_pixels(width, height, pixels, max_pixels)


def cleaned_bytes(f: IO[bytes]) -> bytes:
    """The image upright and without metadata, re-encoded in its own format.

    Call :func:`check_pixels` first: this decodes every pixel.
    """
    try:
        with _open(f) as image:
            image_format = image.format
            if image_format not in SAVE_OPTIONS:
                raise _not_readable()
            options = dict(SAVE_OPTIONS[image_format])
            if getattr(image, "is_animated", False):
                # Every frame is saved; animations carry no EXIF orientation.
                image.load()
                clean = image
                options["save_all"] = True
            else:
                clean = ImageOps.exif_transpose(image)
                clean.load()
            clean.info = {
                key: value for key, value in image.info.items() if key in KEPT_INFO
            }
            if image_format == "JPEG" and clean.mode not in ("RGB", "L", "CMYK"):
                clean = clean.convert("RGB")
            output = io.BytesIO()
            clean.save(output, image_format, **options)
    except forms.ValidationError:
        raise
    except (*READ_ERRORS, PILImage.DecompressionBombError):
        raise _not_readable() from None
    finally:
        f.seek(0)
    return output.getvalue()


def replace_content(upload: UploadedFile, content: bytes) -> None:
    """Put ``content`` into an upload, in memory or in its temporary file."""
    upload.file.seek(0)
    upload.file.truncate()
    upload.file.write(content)
    upload.file.flush()
    upload.file.seek(0)
    upload.size = len(content)


class SafeImageField(WagtailImageField):
    """Wagtail's image field, refusing unreadable and huge images, storing clean ones.

    Wagtail's checks (extension, format matching the extension, file size) come
    first; its pixel check, which ends in a server error for a damaged file, is
    replaced by :func:`check_pixels`. The upload's content is then replaced in
    place by the cleaned image, so whoever reads the upload afterwards (the model
    form, the portal's stash of ``request.FILES``) stores only the clean one.
    """

    def __init__(self, *args, max_pixels=admin_max_pixels, **kwargs) -> None:
        # A callable, read at each upload, so a changed setting applies at once.
        self.get_max_pixels = max_pixels
        super().__init__(*args, **kwargs)

    def check_image_pixel_size(self, f) -> None:
        check_pixels(f, self.get_max_pixels())

    def to_python(self, data):
        f = super().to_python(data)
        if f is None or f.image.format_name == "svg":
            return f
        replace_content(f, cleaned_bytes(f))
        return f


def auto_orient_without_metadata(image: PillowImage) -> PillowImage:
    """Willow's ``auto_orient``, also dropping the metadata a rendition would copy."""
    upright = ImageOps.exif_transpose(image.image)  # always a copy
    upright.info = {
        key: value for key, value in upright.info.items() if key in KEPT_INFO
    }
    return PillowImage(upright)
