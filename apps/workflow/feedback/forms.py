"""The portal's feedback form, with the partner forms' honeypot."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.knowledge.public_url import public_base_url
from apps.workflow.models import FeedbackReport
from apps.workflow.partners.spam import HoneypotMixin


def portal_path(address: str) -> str:
    """``address`` as a path of this portal (``/de/...``), or "" if it is none:
    the form must not become a way to make the agency's mail link elsewhere."""
    address = (address or "").strip()
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        base = urlsplit(public_base_url())
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            return ""
    path = parts.path
    if not path.startswith("/") or path.startswith("//"):
        return ""
    return path + (f"?{parts.query}" if parts.query else "")


class FeedbackForm(HoneypotMixin, forms.ModelForm):
    """What a visitor reports: kind, message, the page, and optionally who they are."""

    kind = forms.ChoiceField(
        label=_("What would you like to report?"),
        choices=FeedbackReport.Kind.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = FeedbackReport
        fields = ["kind", "message", "page_url", "name", "email"]
        labels = {
            "message": _("Your message"),
            "page_url": _("Address of the page"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail address (optional)"),
        }
        help_texts = {
            "message": _(
                "Describe what does not work or what is wrong, and what you were "
                "trying to do."
            ),
            "page_url": _("Filled in for you: the page you came from."),
            "email": _("Only if you would like an answer. We use it for nothing else."),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "page_url": forms.TextInput(attrs={"autocomplete": "off"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    field_order = ["kind", "message", "page_url", "name", "email", "website"]

    def clean_page_url(self) -> str:
        address = self.cleaned_data.get("page_url", "")
        path = portal_path(address)
        if address.strip() and not path:
            raise forms.ValidationError(
                _("Enter the address of a page of this portal, or leave it empty."),
                code="invalid",
            )
        return path
