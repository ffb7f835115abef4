"""Admin forms for knowledge base pages and snippets."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from apps.knowledge.choices import Language, Owner
from apps.knowledge.ownership import user_owners


class OwnedSnippetForm(WagtailAdminModelForm):
    """Offers as owner only the authorities the editor works for.

    An editor of one authority does not choose: a new record becomes their
    authority's. The Digitalagentur (and superusers) may give a record to anyone;
    translators and reviewers, who own nothing, see the owner but cannot change it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("owner")
        user = self.for_user
        if field is None or user is None or user.is_superuser:
            return
        owners = user_owners(user)
        if Owner.DIGITALAGENTUR in owners:
            return
        if not owners:
            field.disabled = True
            return
        field.choices = [
            (value, label) for value, label in Owner.choices if value in owners
        ]
        if self.instance.pk is None:
            self.initial["owner"] = min(owners)
        if len(owners) == 1:
            field.required = False

    def clean_owner(self) -> str:
        owner = self.cleaned_data.get("owner")
        if owner or self.fields["owner"].disabled:
            return owner
        # Left out of the form by a single-authority editor: their authority.
        return self.initial.get("owner") or self.instance.owner


class ContactForm(OwnedSnippetForm):
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


def _tag_name_fields() -> dict[str, forms.CharField]:
    from django.conf import settings
    from django.utils.text import format_lazy

    return {
        f"name_{code}": forms.CharField(
            label=format_lazy(_("Name in {language}"), language=language),
            required=False,
            max_length=100,
            help_text=_("Leave empty to show the tag's own name."),
        )
        for code, language in settings.LANGUAGES
    }


class BaseTagForm(WagtailAdminModelForm):
    """A tag with its name in each portal language (``TagTranslation`` rows)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for language, name in self.instance.translations.values_list(
                "language", "name"
            ):
                field = f"name_{language}"
                if field in self.fields:
                    self.initial.setdefault(field, name)

    def save(self, commit: bool = True):
        tag = super().save(commit=commit)
        if commit:
            self.save_translations(tag)
        return tag

    def save_translations(self, tag) -> None:
        stored = dict(tag.translations.values_list("language", "name"))
        for code, _language in settings.LANGUAGES:
            name = (self.cleaned_data.get(f"name_{code}") or "").strip()
            if name == stored.get(code, ""):
                continue  # unchanged: no write, no re-indexing
            if name:
                tag.translations.update_or_create(
                    language=code, defaults={"name": name}
                )
            else:
                tag.translations.filter(language=code).delete()


# The fields are declared on the class so that the admin's panels can name them.
TagForm = type("TagForm", (BaseTagForm,), _tag_name_fields())
