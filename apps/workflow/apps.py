from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    """Editorial workflows and partner submissions (built out by the workflow issue)."""

    name = "apps.workflow"
    label = "workflow"
    verbose_name = _("Editorial workflow")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from apps.workflow.notifications import receivers

        receivers.register()

        from apps.workflow import signal_handlers  # noqa: F401 (connects receivers)
        from apps.workflow.upload_collections import register_upload_policies

        register_upload_policies()
