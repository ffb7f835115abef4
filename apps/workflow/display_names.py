"""Workflow, task and collection names in the reader's language.

Wagtail stores one ``name`` per workflow, task and collection and prints it as it
is, in some thirty admin templates (dashboard, editor status panel, history,
reports), in Python messages ("Submit to %(workflow_name)s", the lock message, the
task chooser) and in its notification mails. The default names of this project are
English msgids (``apps.workflow.workflows``,
``apps.workflow.partners.upload_collections``,
marked with ``gettext_noop``), so a German or Danish moderator would read
"Authority review" and "In Knowledge base moderation einreichen".

Rather than override each of those places, the name is translated where it is
turned into text: a name read from the database is a ``DisplayName``, a ``str``
whose characters are the stored English name (so lookups, comparisons, the
database and JSON see the msgid) but whose ``str()`` and ``format()`` are its
translation in the language active at that moment. Templates and ``%`` formatting
call ``str()`` when they render, so a mail rendered in the recipient's language
(``translation.override``) shows the recipient's translation. A name an
administrator typed that is no msgid reads as typed.

The edit forms keep showing the stored name (``value_from_object``), so saving a
workflow in the German admin does not store the German name. Wagtail's workflow
log entries keep the English names in their JSON; ``translate_log_titles`` wraps
them when the history is shown.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext


class DisplayName(str):
    """A stored workflow or task name that reads in the active language."""

    __slots__ = ()

    def __str__(self) -> str:
        return gettext(str.__str__(self))

    def __format__(self, format_spec: str) -> str:
        return format(str(self), format_spec)


def stored(value: Any) -> Any:
    """The stored name behind ``value`` (a plain ``str``), for forms and saving."""
    return str.__str__(value) if isinstance(value, DisplayName) else value


def _from_db_value(value, expression, connection):
    return None if value is None else DisplayName(value)


def install(*fields: models.Field) -> None:
    """Make each of ``fields`` (a ``name`` field) read as a ``DisplayName``.

    Django converts a loaded value with a field's ``from_db_value`` and fills a
    model form from ``value_from_object``; both are set on Wagtail's field
    instances here (``WorkflowConfig.ready``), the model classes stay Wagtail's.
    """
    for field in fields:
        attname = field.attname
        field.from_db_value = _from_db_value
        field.value_from_object = lambda obj, attname=attname: stored(
            getattr(obj, attname)
        )


def _wrap_titles(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            key: DisplayName(value)
            if key == "title" and isinstance(value, str)
            else _wrap_titles(value)
            for key, value in data.items()
        }
    return data


class _TranslatedTitles:
    """A log formatter whose messages name workflow and task in the reader's
    language (the log entry's JSON holds the English names)."""

    def __init__(self, formatter) -> None:
        self.formatter = formatter

    def __getattr__(self, name: str) -> Any:
        return getattr(self.formatter, name)

    def format_message(self, log_entry) -> str:
        workflow = (log_entry.data or {}).get("workflow")
        if not isinstance(workflow, dict):
            return self.formatter.format_message(log_entry)
        original = log_entry.data
        log_entry.data = {**original, "workflow": _wrap_titles(workflow)}
        try:
            return self.formatter.format_message(log_entry)
        finally:
            log_entry.data = original


def translate_log_titles(actions) -> None:
    """Wrap the formatters of Wagtail's ``wagtail.workflow.*`` log actions.

    Called from a ``register_log_actions`` hook that runs after Wagtail's; the
    formatters are replaced in place so the action filter lists each action once.
    """
    for action, formatter in list(actions.formatters.items()):
        if action.startswith("wagtail.workflow.") and not isinstance(
            formatter, _TranslatedTitles
        ):
            actions.formatters[action] = _TranslatedTitles(formatter)
