"""Admin forms for knowledge base snippets."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from apps.knowledge.choices import Language


class ContactForm(WagtailAdminModelForm):
    """Shows the spoken languages as checkboxes instead of raw JSON."""

    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Language.choices,
    )
