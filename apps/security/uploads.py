"""Upload content checks shared by the admin and the partner portal.

A file's extension says nothing about its content: these checks read the content.
A known format must start with its signature (magic bytes), a PDF must also parse,
and no file may carry HTML or SVG markup, which a browser could run from our
domain. The admin's document form (``forms.py``) and the partner portal's document
field (``apps/workflow/partners/uploads.py``) word their own messages; the image
checks are in ``images.py``.
"""

from __future__ import annotations

from pypdf import PdfReader
from pypdf.errors import PyPdfError

#: Bytes a file starts with, per extension; the office formats are ZIP containers.
ZIP_MAGIC = (b"PK\x03\x04",)
MAGIC_BYTES = {
    "pdf": (b"%PDF-",),
    "docx": ZIP_MAGIC,
    "xlsx": ZIP_MAGIC,
    "pptx": ZIP_MAGIC,
    "odt": ZIP_MAGIC,
    "ods": ZIP_MAGIC,
    "odp": ZIP_MAGIC,
}
#: Markup a browser would run as a page or an image with scripts, whatever the
#: extension says: such a file is refused even as .txt or .csv.
ACTIVE_MARKUP = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<?xml-stylesheet",
)
SNIFF_BYTES = 4096


def leading_bytes(f) -> bytes:
    """The first bytes of an uploaded file, which is left at its start."""
    f.seek(0)
    head = f.read(SNIFF_BYTES)
    f.seek(0)
    return head


def has_signature(head: bytes, extension: str) -> bool:
    """True if ``head`` starts as a file of ``extension`` must (or none is known)."""
    expected = MAGIC_BYTES.get(extension)
    return not expected or head.startswith(expected)


def looks_like_markup(head: bytes) -> bool:
    """True for content a browser may sniff as HTML or SVG (case and NULs ignored)."""
    text = head.replace(b"\x00", b"").lower()
    return any(marker in text for marker in ACTIVE_MARKUP)


def is_readable_pdf(f) -> bool:
    """True if pypdf reads at least one page; the file is left at its start."""
    f.seek(0)
    try:
        reader = PdfReader(f, strict=False)
        return len(reader.pages) > 0
    # pypdf raises its own errors for most damage, plain ones for the rest.
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AssertionError):
        return False
    finally:
        f.seek(0)
