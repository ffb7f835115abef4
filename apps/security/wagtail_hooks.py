"""Admin URLs and the account menu entry for two-factor authentication."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from apps.security import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("2fa/verify/", views.verify, name="security_two_factor_verify"),
        path("2fa/setup/", views.setup, name="security_two_factor_setup"),
        path(
            "2fa/setup/confirm/<str:token>/",
            views.confirm_setup,
            name="security_two_factor_confirm",
        ),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("security_two_factor_setup"),
        "label": _("Two-factor authentication"),
        "help_text": _("Connect an authenticator app and get recovery codes."),
    }
