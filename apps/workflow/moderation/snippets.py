"""Snippet translations go through the translation review, from every admin editor.

Fields of action, organisations and contacts have drafts and a workflow (see
``apps.workflow.workflows``). Two editors could still publish a translation
directly, and both are turned into "submit for review" here:

- Wagtail's snippet editor: "Publish" on a Danish or English snippet saves the
  draft and submits it (``before_publish`` hook); German snippets publish as usual.
- wagtail-localize's translation editor: its "Publish in Dansk" writes the typed
  strings into a draft revision and submits that (``before_edit_snippet`` hook,
  run before wagtail-localize's own). An already live translation stays live with
  its reviewed content until the reviewer approves the new version.

Superusers keep Wagtail's direct publication. The admin shows each language
version's review (``TranslationReviewPanel``, ``TranslationReviewColumn``).
https://docs.wagtail.org/en/stable/reference/hooks.html#before-publish
"""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.models import DraftStateMixin, Locale, TranslatableMixin, WorkflowState
from wagtail.permissions import policy_registry

from apps.workflow.models.translations import translation_status
from apps.workflow.moderation.panels import status_text


def is_moderated_translation(obj) -> bool:
    """A snippet translation that must pass its language's review to go live."""
    return (
        isinstance(obj, TranslatableMixin)
        and isinstance(obj, DraftStateMixin)
        and getattr(obj, "has_workflow", False)
        and obj.locale_id != Locale.get_default().pk
    )


def submit_for_review(obj, user) -> str:
    """Start (or resume) the workflow of ``obj``'s latest revision; a message."""
    state = obj.current_workflow_state
    language = obj.locale.get_display_name()
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return _(
            "'%(object)s' is already awaiting review by a reviewer of %(language)s; "
            "your changes were saved as a draft."
        ) % {"object": obj, "language": language}
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        obj.get_workflow().start(obj, user)
    return _(
        "'%(object)s' was saved as a draft and submitted to a reviewer of "
        "%(language)s; it goes live when they approve it."
    ) % {"object": obj, "language": language}


def _edit_url(obj) -> str:
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[quote(obj.pk)])


def submit_instead_of_publishing(request, obj):
    """``before_publish``: a translation's "Publish" submits it for review."""
    if request.user.is_superuser or not is_moderated_translation(obj):
        return None
    obj = type(obj).objects.get(pk=obj.pk)
    messages.success(request, submit_for_review(obj, request.user))
    return redirect(_edit_url(obj))


def localize_editor(request, instance):
    """``before_edit_snippet``, before wagtail-localize's translation editor.

    - While the translation is under review, Wagtail's own snippet editor opens
      instead: it shows the reviewers their approve and request-changes actions
      and locks the form for everyone else (wagtail-localize's editor knows
      nothing of workflows and cannot even render one that is in progress).
    - Its "Publish" saves a draft and submits it for review instead.
    """
    if not is_moderated_translation(instance):
        return None
    from wagtail_localize.models import Translation

    translation = Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
        enabled=True,
    ).first()
    if translation is None:
        return None
    if instance.workflow_in_progress:
        return _wagtail_edit_view(request, instance)
    if (
        request.method != "POST"
        or request.POST.get("action") != "publish"
        or request.user.is_superuser
        # Translators have no publish permission: whoever may change this
        # translation submits it (apps.knowledge.ownership).
        or not policy_registry.get(instance).user_has_permission_for_instance(
            request.user, "change", instance
        )
    ):
        return None
    try:
        obj = save_translation_draft(translation, instance, request.user)
    except ValidationError:
        messages.error(
            request,
            _(
                "The translation could not be saved: fix the errors marked below "
                "and submit again."
            ),
        )
        return redirect(request.path)
    messages.success(request, submit_for_review(obj, request.user))
    return redirect(request.path)


def _wagtail_edit_view(request, instance):
    """Wagtail's snippet edit view of ``instance``, past the before-edit hooks."""
    viewset = instance.snippet_viewset

    class ReviewEditView(viewset.edit_view_class):
        def run_before_hook(self):
            return None

    view = viewset.construct_view(ReviewEditView, **viewset.get_edit_view_kwargs())
    return view(request, pk=quote(instance.pk))


@transaction.atomic
def save_translation_draft(translation, instance, user):
    """Write the strings typed in wagtail-localize into a new draft revision.

    wagtail-localize saves a draft translation into the snippet's row and marks it
    not live; for a translation that is live already, the row gets its reviewed
    content back, so the portal keeps showing it until the new version is approved.
    """
    model = type(instance)
    before = model.objects.get(pk=instance.pk)
    translation.save_target(user=user, publish=False)
    after = model.objects.get(pk=instance.pk)
    if before.live:
        before.live = True
        before.has_unpublished_changes = True
        before.latest_revision_id = after.latest_revision_id
        before.save()
        return model.objects.get(pk=instance.pk)
    return after


class TranslationReviewColumn(Column):
    """Snippet listing column: the review of each language version."""

    def __init__(self, name: str = "translation_review", **kwargs):
        kwargs.setdefault("label", gettext_lazy("Translation review"))
        super().__init__(name, **kwargs)

    def get_value(self, instance) -> str:
        return status_text(
            translation_status(instance), instance.locale.get_display_name()
        )


def update_translations_view():
    """wagtail-localize's "Sync translated snippets", with "Publish immediately"
    turned into "submit for review" for moderated snippet translations.

    Served at wagtail-localize's own address (registered before it, see
    ``apps.workflow.wagtail_hooks``); pages and other models are unchanged.
    """
    from wagtail_localize.views.update_translations import UpdateTranslationsView

    class ReviewedUpdateTranslationsView(UpdateTranslationsView):
        def form_valid(self, form):
            instance = self.object.get_source_instance()
            translations = list(self.object.translations.filter(enabled=True))
            targets = [t.get_target_instance() for t in translations]
            moderated = [
                (translation, target)
                for translation, target in zip(translations, targets, strict=True)
                if is_moderated_translation(target)
            ]
            if (
                not form.cleaned_data.get("publish_translations")
                or self.request.user.is_superuser
                or not moderated
                or not isinstance(instance, DraftStateMixin)
            ):
                return super().form_valid(form)
            form.cleaned_data["publish_translations"] = False
            response = super().form_valid(form)
            for translation, target in moderated:
                try:
                    obj = save_translation_draft(translation, target, self.request.user)
                except ValidationError:
                    continue
                message = submit_for_review(obj, self.request.user)
                messages.success(self.request, message)
            return response

    return ReviewedUpdateTranslationsView.as_view()
