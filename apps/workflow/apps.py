from django.apps import AppConfig
from django.apps import apps as global_apps
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    """Editorial workflows and partner submissions (built out by the workflow issue)."""

    name = "apps.workflow"
    label = "workflow"
    verbose_name = _("Editorial workflow")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which the
        # app registry loads only after every app's module is imported.
        from wagtail.models import Collection, Task, Workflow

        from apps.knowledge.admin import viewsets
        from apps.workflow import (
            display_names,
            signal_handlers,  # noqa: F401 (connects receivers)
        )
        from apps.workflow.moderation.panels import TranslationReviewPanel
        from apps.workflow.moderation.snippets import TranslationReviewColumn
        from apps.workflow.notifications import receivers
        from apps.workflow.partners.upload_collections import (
            register_upload_policies,
        )
        from apps.workflow.workflows import MODERATED_SNIPPETS

        # Workflow, task and collection names read in the reader's language.
        display_names.install(
            Workflow._meta.get_field("name"),
            Task._meta.get_field("name"),
            Collection._meta.get_field("name"),
        )
        receivers.register()
        register_upload_policies()

        # The knowledge app never imports this one: its translatable snippets get
        # the translation review panel and listing column from here, before the
        # admin builds their edit forms and listings.
        for app_label, model_name in MODERATED_SNIPPETS:
            model = global_apps.get_model(app_label, model_name)
            model.panels = [TranslationReviewPanel(), *model.panels]
        viewsets.LIST_COLUMNS.append(TranslationReviewColumn)
