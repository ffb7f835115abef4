from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content and ``manage.py seed_demo``: no models, on top of the other apps."""

    name = "apps.demo"
    label = "demo"
    verbose_name = _("Demo content")
