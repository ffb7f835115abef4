"""Snippet admin views that ask the permission policy about the record itself.

Wagtail's snippet edit, lock and unlock views check only the model permission when
they show the form (its actions check the record when saving), and the listing
links every row to its edit view. ``OwnedSnippetViewSet`` makes all of them ask the
model's registered policy (``apps.knowledge.ownership``) about the record.

Apps above this one add listing columns through ``LIST_COLUMNS`` (the workflow app
adds who signed off each translation, in ``WorkflowConfig.ready``), so this app
never imports them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from apps.knowledge.ownership import chooser_contacts

# Column factories appended to every owned snippet listing, filled in by the apps
# that build on this one before the admin's URLs are built.
LIST_COLUMNS: list[Callable[[], Column]] = []


class _InstancePermissionMixin:
    """Refuses the view unless the policy allows ``instance_action`` on the record.

    Wagtail's snippet edit, lock and unlock views check only the model permission
    when showing the form; its actions check the record when saving.
    """

    instance_action = "change"

    def dispatch(self, request, *args, **kwargs):
        instance = get_object_or_404(self.model, pk=unquote(str(kwargs["pk"])))
        if not self.user_has_permission_for_instance(self.instance_action, instance):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class _OwnedIndexMixin:
    """The listing links to the edit and delete views of the user's records only."""

    def get_edit_url(self, instance):
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)
        return None


# (view class attribute of SnippetViewSet, action checked on the record). Wagtail
# builds the revert view from the edit view, so it is checked too.
_CHECKED_VIEWS = [
    ("edit_view_class", "change"),
    ("delete_view_class", "delete"),
    ("unpublish_view_class", "publish"),
    ("revisions_unschedule_view_class", "publish"),
    ("lock_view_class", "lock"),
    ("unlock_view_class", "unlock"),
]


class LocalisedSnippetChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser whose button and heading follow the editor's language.

    Wagtail's ChooserViewSet translates "Choose" when it is imported (``gettext``,
    not ``gettext_lazy``), i.e. in the site's default language: English editors
    saw "Auswählen organisation". The same texts, translated per request.
    """

    choose_one_text = gettext_lazy("Choose")
    page_title = gettext_lazy("Choose")
    choose_another_text = gettext_lazy("Choose another")


class LocalisedBreadcrumbsMixin:
    """Breadcrumbs of a snippet viewset in the editor's language.

    Wagtail's ``SnippetViewSet`` names its first breadcrumbs ("Home", "Snippets")
    with ``gettext`` when the viewset is registered, i.e. in the language active at
    start-up: a Danish editor read the German "Home". The same items, translated
    per request.
    """

    @property
    def breadcrumbs_items(self) -> list[dict]:
        labels = [gettext_lazy("Home"), gettext_lazy("Snippets")]
        return [
            {**item, "label": label}
            for item, label in zip(super().breadcrumbs_items, labels, strict=False)
        ]


class LocalisedSnippetViewSet(LocalisedBreadcrumbsMixin, SnippetViewSet):
    """A snippet viewset whose breadcrumbs follow the editor's language."""


class OwnedSnippetViewSet(LocalisedSnippetViewSet):
    """A snippet viewset whose views ask ``OwnedSnippetPermissionPolicy`` about the
    record itself; register the policy for the model first."""

    chooser_viewset_class = LocalisedSnippetChooserViewSet

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for attribute, action in _CHECKED_VIEWS:
            view_class = getattr(self, attribute)
            checked = type(
                view_class.__name__,
                (_InstancePermissionMixin, view_class),
                {"instance_action": action},
            )
            setattr(self, attribute, checked)
        self.index_view_class = type(
            self.index_view_class.__name__,
            (_OwnedIndexMixin, self.index_view_class),
            {},
        )

    def get_index_view_kwargs(self, **kwargs):
        view_kwargs = super().get_index_view_kwargs(**kwargs)
        if LIST_COLUMNS and view_kwargs.get("list_display") is not self.UNDEFINED:
            view_kwargs["list_display"] = [
                *view_kwargs["list_display"],
                *(column() for column in LIST_COLUMNS),
            ]
        return view_kwargs


class _ConsentingContactsMixin:
    """The contact chooser offers no one who refused publication, unless the user
    maintains them (``apps.knowledge.ownership.chooser_contacts``)."""

    def get_object_list(self):
        return chooser_contacts(super().get_object_list(), self.request.user)


class ContactChooseView(_ConsentingContactsMixin, ChooseView):
    pass


class ContactChooseResultsView(_ConsentingContactsMixin, ChooseResultsView):
    pass


class ContactChooserViewSet(LocalisedSnippetChooserViewSet):
    """The contact chooser of solution pages."""

    choose_view_class = ContactChooseView
    choose_results_view_class = ContactChooseResultsView
