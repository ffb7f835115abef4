from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    """Editorial workflows and partner submissions (built out by the workflow issue)."""

    name = "apps.workflow"
    label = "workflow"
    verbose_name = _("Editorial workflow")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Models can be imported only once the app registry is ready.
        from wagtail.models import Collection, Task, Workflow

        from apps.workflow import display_names

        # Workflow, task and collection names read in the reader's language.
        display_names.install(
            Workflow._meta.get_field("name"),
            Task._meta.get_field("name"),
            Collection._meta.get_field("name"),
        )

        from apps.workflow.notifications import receivers

        receivers.register()

        from apps.workflow import signal_handlers  # noqa: F401 (connects receivers)
        from apps.workflow.upload_collections import register_upload_policies

        register_upload_policies()
