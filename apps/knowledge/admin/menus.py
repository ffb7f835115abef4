"""Admin menu labels in the user's language.

Wagtail builds its menus once per process and keeps the items. Two labels are
translated when they are built rather than when they are shown: Wagtail's "What's
new in Wagtail %(version)s" (help menu, ``gettext`` and ``%``) and wagtail-localize's
"Translations" report (``gettext``). Whoever opened the admin first fixed their
language for everybody after: German moderators read the Danish "Oversættelser"
once a Danish translator had been first. The ``construct_*_menu`` hooks give those
items a label that is translated each time it is shown.
https://docs.wagtail.org/en/stable/reference/hooks.html#construct-help-menu
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.utils.version import get_main_version

WHATS_NEW_PREFIX = "whats-new-in-wagtail-"


def _whats_new_label(version: str) -> str:
    return gettext("What's new in Wagtail %(version)s") % {"version": version}


def localise_help_menu(menu_items: list[MenuItem]) -> None:
    """Give Wagtail's "What's new" item a label translated when shown."""
    for item in menu_items:
        if item.name.startswith(WHATS_NEW_PREFIX):
            version = get_main_version(include_patch=False)
            item.label = lazy(_whats_new_label, str)(version)


def localise_reports_menu(menu_items: list[MenuItem]) -> None:
    """Give wagtail-localize's "Translations" report a label translated when shown."""
    report_url = reverse("wagtail_localize:translations_report")
    for item in menu_items:
        if getattr(item, "url", None) == report_url:
            item.label = gettext_lazy("Translations")
