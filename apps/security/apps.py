from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from willow.plugins.pillow import PillowImage
from willow.registry import registry


class SecurityConfig(AppConfig):
    """Login throttling, two-factor authentication and upload checks for the admin."""

    name = "apps.security"
    label = "security"
    verbose_name = _("Security")

    def ready(self) -> None:
        # Imported here, not at the top: images.py imports Wagtail's image models,
        # which the app registry loads only after every app's module is imported.
        from apps.security.images import auto_orient_without_metadata

        # Wagtail runs auto_orient first for every rendition; this one also drops
        # the EXIF, XMP and comments Willow would copy into it (security/images.py).
        # Imported here: the module needs the app registry (Wagtail's image field).
        registry.register_operation(
            PillowImage, "auto_orient", auto_orient_without_metadata
        )
