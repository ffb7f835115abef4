"""The API's error messages in the caller's language.

The API answers bad input with ``{"message": "..."}``
(``apps.knowledge.open_data.api``).
Its own messages go through gettext; Wagtail's API v2 writes its messages in
English only (plain strings, not gettext), so each of them is matched here and
replaced by a translated message with the same details. The language is the one
the caller asked for: ``?locale=`` or ``?language=`` when it names a site language,
else the request's (``Accept-Language``, language cookie or prefix, through
Django's ``LocaleMiddleware``).
https://docs.djangoproject.com/en/5.2/topics/i18n/translation/#how-django-discovers-language-preference
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

LANGUAGE_PARAMETERS = ("locale", "language")


def api_language(request) -> str:
    """The language of the API's answer to ``request``."""
    known = {code for code, _name in settings.LANGUAGES}
    for name in LANGUAGE_PARAMETERS:
        code = request.GET.get(name)
        if code in known:
            return code
    return get_language() or settings.LANGUAGE_CODE


def _wagtail_messages() -> list[tuple[re.Pattern[str], Callable[..., str]]]:
    """Wagtail's English messages (wagtail.api.v2) and their translations; built
    per call because the translations depend on the active language."""
    table = [
        (r"not found", lambda: _("Not found.")),
        (r"No .+ matches the given query\.", lambda: _("Not found.")),
        (
            r"offset must be a positive integer",
            lambda: _("offset must be a positive whole number."),
        ),
        (
            r"limit must be a positive integer",
            lambda: _("limit must be a positive whole number."),
        ),
        (
            r"limit cannot be higher than (?P<limit>\d+)",
            lambda limit: (
                _("limit cannot be higher than %(limit)s.") % {"limit": limit}
            ),
        ),
        (
            r"query parameter is not an operation or a recognised (?:field|filter): "
            r"(?P<names>.*)",
            lambda names: _("Unknown query parameter: %(names)s.") % {"names": names},
        ),
        (
            r"unknown fields: (?P<names>.*)",
            lambda names: _("Unknown fields: %(names)s.") % {"names": names},
        ),
        (
            r"'(?P<name>.*)' does not support nested fields",
            lambda name: _("%(name)s has no nested fields.") % {"name": name},
        ),
        (
            r"fields error: (?P<detail>.*)",
            lambda detail: (
                _("The fields parameter cannot be read: %(detail)s")
                % {"detail": detail}
            ),
        ),
        (
            r"field filter error\. '(?P<value>.*)' is not a valid value for "
            r"(?P<name>\S+) \((?P<detail>.*)\)",
            lambda value, name, detail: (
                _("'%(value)s' is not a valid value for %(name)s (%(detail)s).")
                % {
                    "value": value,
                    "name": name,
                    "detail": translate_wagtail_message(detail),
                }
            ),
        ),
        (
            r"expected 'true' or 'false', got '(?P<value>.*)'",
            lambda value: (
                _("expected true or false, not '%(value)s'") % {"value": value}
            ),
        ),
        (
            r"field filter error\. null characters are not allowed for (?P<name>\S+)",
            lambda name: (
                _("%(name)s must not contain null characters.") % {"name": name}
            ),
        ),
        (
            r"random ordering cannot be combined with other fields",
            lambda: _("Random order cannot be combined with other fields."),
        ),
        (
            r"random ordering with offset is not supported",
            lambda: _("Random order cannot be combined with an offset."),
        ),
        (
            r"cannot order by '(?P<name>.*)' \((?:unknown|invalid) field\)",
            lambda name: _("Cannot order by '%(name)s'.") % {"name": name},
        ),
        (r"search is disabled", lambda: _("Search is not available here.")),
        (
            r"filtering by tag with a search query is not supported",
            lambda: _("Filtering by tag cannot be combined with a search."),
        ),
        (
            r"cannot (?:filter|order) by '(?P<name>.*)' while searching.*",
            lambda name: (
                _("Cannot filter or order by '%(name)s' while searching.")
                % {"name": name}
            ),
        ),
        (
            r"(?P<name>child_of|ancestor_of|descendant_of|translation_of) must be a "
            r"positive integer",
            lambda name: (
                _("%(name)s must be a positive whole number.") % {"name": name}
            ),
        ),
        (
            r"(?:parent|descendant|ancestor|translation_of) page doesn't exist",
            lambda: _("The page named in the query does not exist."),
        ),
        (
            r"filtering by descendant_of with child_of is not supported",
            lambda: _("descendant_of cannot be combined with child_of."),
        ),
        (r"type doesn't exist", lambda: _("This type does not exist.")),
    ]
    return [(re.compile(pattern, re.DOTALL), translate) for pattern, translate in table]


def translate_wagtail_message(message: str) -> str:
    """``message`` in the active language if it is one of Wagtail's; else as is
    (the project's own messages are translated where they are raised)."""
    for pattern, translate in _wagtail_messages():
        match = pattern.fullmatch(message)
        if match:
            return translate(**match.groupdict())
    return message
