"""Admin forms for knowledge base pages and snippets."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from apps.knowledge.choices import Language


class ContactForm(WagtailAdminModelForm):
    """Shows the spoken languages as checkboxes instead of raw JSON."""

    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Language.choices,
    )

    def clean_languages(self) -> list[str]:
        # Store the codes in the order of the choices, once each, so the JSON value
        # is the same whichever order the boxes were ticked in.
        chosen = set(self.cleaned_data.get("languages") or [])
        return [code for code in Language.values if code in chosen]


class SolutionPageForm(WagtailAdminPageForm):
    """Checks the cross-links an editor sets in the "Related solutions" panel.

    The checks live on the page form because the inline forms of a new relation do
    not know their page yet (modelcluster sets it only when the page is saved), so
    ``SolutionRelation.clean`` cannot see a link from a solution to itself there.
    """

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("related_links")
        if formset is None or not formset.is_valid():
            return cleaned_data
        own_key = self.instance.translation_key
        seen: set = set()
        for form in formset.forms:
            if formset.can_delete and formset._should_delete_form(form):
                continue
            target = form.cleaned_data.get("target")
            if target is None:
                continue
            if target.translation_key == own_key:
                form.add_error("target", _("A solution cannot be related to itself."))
            elif target.translation_key in seen:
                form.add_error(
                    "target", _("This solution is already related to this one.")
                )
            seen.add(target.translation_key)
        return cleaned_data
