from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Login throttling, two-factor authentication and upload checks for the admin."""

    name = "apps.security"
    label = "security"
    verbose_name = _("Security")
