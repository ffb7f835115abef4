"""Checked uploads for partner submissions, and a stash that keeps them between steps.

Images are checked by the image field the admin uses too (apps/security/images.py:
extension, format read from the content, size, pixels, a full decode) and stored
upright without metadata such as a photo's GPS position; SVG is refused because it
can carry scripts. Documents must be real PDFs: the ``%PDF-`` magic bytes and a
successful parse by pypdf (the checks of apps/security/uploads.py, shared with the
admin). A file that passed is kept in the stash, so it survives the preview step
and a form that is shown again for errors in other fields; the browser cannot
refill a file input.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from apps.security.images import SafeImageField, partner_max_pixels
from apps.security.uploads import has_signature, is_readable_pdf, leading_bytes

STASH_SESSION_KEY = "partner_uploads"
STASH_FOLDER = "partner-uploads"
CHOOSE_AGAIN = _("Please choose the file again.")


def image_max_size() -> int:
    return getattr(settings, "PARTNER_IMAGE_MAX_SIZE", 5 * 1024 * 1024)


def document_max_size() -> int:
    return getattr(settings, "PARTNER_DOCUMENT_MAX_SIZE", 10 * 1024 * 1024)


def _size_help(message: str, size: int) -> str:
    return message % {"size": filesizeformat(size)}


# Form fields are built once, at import; the help text must be put together when it
# is shown, in the visitor's language and number format.
size_help = lazy(_size_help, str)


class PartnerImageField(SafeImageField):
    """The admin's image checks with the portal's limits, and no SVG."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_pixels", partner_max_pixels)
        super().__init__(*args, **kwargs)
        self.max_upload_size = image_max_size()
        self.max_upload_size_text = filesizeformat(self.max_upload_size)
        self.help_text = size_help(
            _("JPEG, PNG, GIF or WebP, at most %(size)s."), self.max_upload_size
        )

    def to_python(self, data):
        try:
            f = super().to_python(data)
        except forms.ValidationError as error:
            raise forms.ValidationError([*error.messages, CHOOSE_AGAIN]) from None
        if f is None:
            return None
        if f.image.format_name == "svg":
            raise forms.ValidationError(
                [_("SVG images are not accepted."), CHOOSE_AGAIN], code="svg"
            )
        return f


class PdfDocumentField(forms.FileField):
    """A PDF document: checked by size, magic bytes and a parse."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault(
            "help_text",
            size_help(_("A PDF file, at most %(size)s."), document_max_size()),
        )
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": "application/pdf"})
        )
        super().__init__(*args, **kwargs)

    def to_python(self, data):
        f = super().to_python(data)
        if f is None:
            return None
        self.check_pdf(f)
        return f

    def check_pdf(self, f) -> None:
        if os.path.splitext(f.name)[1].lower() != ".pdf":
            raise forms.ValidationError(
                [_("Only PDF documents are accepted."), CHOOSE_AGAIN], code="extension"
            )
        if f.size > document_max_size():
            raise forms.ValidationError(
                [
                    _("This file is too big (%(size)s); at most %(max)s.")
                    % {
                        "size": filesizeformat(f.size),
                        "max": filesizeformat(document_max_size()),
                    },
                    CHOOSE_AGAIN,
                ],
                code="file_too_large",
            )
        if not has_signature(leading_bytes(f), "pdf"):
            raise forms.ValidationError(
                [_("This file is not a PDF document."), CHOOSE_AGAIN], code="not_pdf"
            )
        if not is_readable_pdf(f):
            raise forms.ValidationError(
                [_("This PDF document cannot be read."), CHOOSE_AGAIN],
                code="invalid_pdf",
            )


@dataclass(frozen=True)
class StashedUpload:
    key: str
    kind: str
    name: str
    path: str

    def open(self) -> File:
        return File(default_storage.open(self.path, "rb"), name=self.name)


class UploadStash:
    """Checked uploads of one visitor's session, kept until the submission is made."""

    def __init__(self, request: HttpRequest) -> None:
        self.session = request.session

    def _entries(self) -> dict[str, dict]:
        return self.session.get(STASH_SESSION_KEY, {})

    def put(self, kind: str, uploaded) -> StashedUpload:
        key = secrets.token_urlsafe(16)
        name = get_valid_filename(os.path.basename(uploaded.name)) or kind
        uploaded.seek(0)
        path = default_storage.save(f"{STASH_FOLDER}/{key}/{name}", uploaded)
        entries = self._entries()
        entries[key] = {"kind": kind, "name": name, "path": path}
        self.session[STASH_SESSION_KEY] = entries
        return StashedUpload(key, kind, name, path)

    def get(self, key: str, kind: str) -> StashedUpload | None:
        entry = self._entries().get(key or "")
        if not entry or entry["kind"] != kind:
            return None
        if not default_storage.exists(entry["path"]):
            return None
        return StashedUpload(key, kind, entry["name"], entry["path"])

    def discard(self, key: str) -> None:
        entries = self._entries()
        entry = entries.pop(key, None)
        if entry:
            default_storage.delete(entry["path"])
            self.session[STASH_SESSION_KEY] = entries
