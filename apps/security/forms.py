"""Forms: the admin's two-factor codes, and its document and image upload checks."""

from __future__ import annotations

import math
import os

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp import devices_for_user
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from apps.security.images import SafeImageField, admin_max_pixels
from apps.security.uploads import (
    MAGIC_BYTES,
    has_signature,
    leading_bytes,
    looks_like_markup,
)

# -- two-factor codes ------------------------------------------------------------


class CodeField(forms.CharField):
    """A one-time code as authenticator apps show it; spaces are ignored."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Code"))
        kwargs.setdefault("max_length", 32)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        )

    def to_python(self, value):
        return "".join(super().to_python(value).split())


def _throttled_message(device) -> str | None:
    """The wait a device imposes after wrong codes, as a sentence, or None."""
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return None
    seconds = max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))
    return ngettext(
        "Too many wrong codes. Please wait %(seconds)d second and try again.",
        "Too many wrong codes. Please wait %(seconds)d seconds and try again.",
        seconds,
    ) % {"seconds": seconds}


class VerifyCodeForm(forms.Form):
    """The code from the authenticator app, or a recovery code, after the password."""

    otp_token = CodeField(
        help_text=_(
            "The six-digit code your authenticator app shows, or one of your "
            "recovery codes."
        )
    )

    def __init__(self, user, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_otp_token(self) -> str:
        token = self.cleaned_data["otp_token"]
        throttled = None
        for device in devices_for_user(self.user, confirmed=True):
            # Asked before trying: a wrong code starts the device's wait.
            throttled = throttled or _throttled_message(device)
            if device.verify_token(token):
                self.device = device
                return token
        if throttled:
            raise forms.ValidationError(throttled, code="throttled")
        raise forms.ValidationError(
            _("This code is not valid. Please enter the current code."),
            code="invalid",
        )


class SetupCodeForm(forms.Form):
    """The account's password again and the first code of a new authenticator,
    which proves it was set up right; a link by e-mail then switches it on."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    otp_token = CodeField(
        help_text=_("The six-digit code your authenticator app shows now.")
    )

    field_order = ["password", "otp_token"]

    def __init__(self, device, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.device = device
        # The password comes first on the page.
        self.fields["otp_token"].widget.attrs.pop("autofocus", None)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.device.user.check_password(password):
            raise forms.ValidationError(
                _("This password is not correct."), code="wrong_password"
            )
        if not self.device.user.email:
            raise forms.ValidationError(
                _(
                    "Your account has no e-mail address for the confirmation link. "
                    "Please ask an administrator to add one."
                ),
                code="no_email",
            )
        return password

    def clean_otp_token(self) -> str:
        token = self.cleaned_data["otp_token"]
        if "password" not in self.cleaned_data:
            # Without the right password the code is not even tried (nor used up).
            return token
        throttled = _throttled_message(self.device)
        if self.device.verify_token(token):
            return token
        message = throttled or _(
            "This code is not valid. Check that the time on your phone is right and "
            "enter the current code."
        )
        raise forms.ValidationError(message, code="invalid")


# -- document uploads ------------------------------------------------------------


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content is not what they claim.

    Wagtail checks the extension (WAGTAILDOCS_EXTENSIONS) and size; this adds the
    content: a PDF must start like one, office files like ZIP containers, and no
    file may carry HTML or SVG markup, which a browser could run from our domain
    (the checks are in apps/security/uploads.py, shared with the partner portal).
    """

    def _post_clean(self) -> None:
        # A refused file never reaches the model, whose clean() then complains
        # about the extension of an empty file name: keep only the real reason.
        refused = list(self._errors.get("file", []))
        super()._post_clean()
        if refused:
            self._errors["file"] = self.error_class(refused)

    def clean_file(self):
        f = self.cleaned_data.get("file")
        if not f or "file" not in self.changed_data:
            return f
        extension = os.path.splitext(f.name)[1].lower().lstrip(".")
        if extension not in getattr(settings, "WAGTAILDOCS_EXTENSIONS", [extension]):
            return f  # the model refuses the extension with Wagtail's own message
        head = leading_bytes(f)
        if not has_signature(head, extension):
            raise forms.ValidationError(
                _(
                    "This file is not a real .%(extension)s file; its content is of "
                    "another type."
                )
                % {"extension": extension},
                code="content_mismatch",
            )
        if extension not in MAGIC_BYTES and looks_like_markup(head):
            raise forms.ValidationError(
                _("Files with HTML or SVG content are not accepted."),
                code="markup",
            )
        return f


# -- image uploads ---------------------------------------------------------------


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form, storing images upright, without metadata, within limits.

    Used for the single and the multiple upload and the chooser's upload
    (``WAGTAILIMAGES_IMAGE_FORM_BASE``); the checks are in apps/security/images.py,
    shared with the partner portal.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Built per form, as Wagtail does: the field puts its messages together
        # when it is made, in the editor's language.
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = SafeImageField(
                label=field.label,
                required=field.required,
                widget=field.widget,
                max_pixels=admin_max_pixels,
            )
