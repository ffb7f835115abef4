"""Spreadsheet cells that stay data: no formulas, no characters that break a file.

Every CSV or XLSX the project writes passes its cells through :func:`safe_cell`:
the open-data downloads directly, every admin export (the project's reports and
Wagtail's) through :func:`install`. Two rules:

- Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
  single quote in front, as OWASP's CSV-injection guidance says: a spreadsheet
  would otherwise run a partner's teaser ``=cmd|' /C calc'!A0`` as a formula.
  https://owasp.org/www-community/attacks/CSV_Injection
- Control characters are removed (tab, line feed and carriage return stay): XML
  1.0 forbids them, so openpyxl refuses the whole XLSX file for one such cell
  (a search for ``abc%01xyz`` broke the export of searches without results).

Numbers, dates and booleans pass unchanged, and so does text that is nothing but a
number (``-1500.00``, as the CSV writes a budget): a spreadsheet reads it as that
number, it cannot hold a formula, and quoting would turn it into text.
"""

from __future__ import annotations

import re
from typing import Any

from wagtail.admin.views.mixins import SpreadsheetExportMixin

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: A plain decimal number, as the exports write amounts and coordinates.
NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?")

#: What XML 1.0 does not allow (and DEL): C0 controls except tab, LF and CR, the
#: surrogates and the two non-characters U+FFFE and U+FFFF.
ILLEGAL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]"
)


def safe_text(text: str) -> str:
    """The text without control characters, quoted if it would start a formula."""
    text = ILLEGAL_CHARACTERS.sub("", text)
    if text.startswith(FORMULA_TRIGGERS) and not NUMBER.fullmatch(text):
        return f"'{text}"
    return text


def safe_cell(value: Any) -> Any:
    """A cell value made safe: text through :func:`safe_text`, anything else as is."""
    if isinstance(value, str):
        return safe_text(value)
    return value


# Wagtail's own, kept to be wrapped by :func:`install`.
_wagtail_preprocess_field_value = SpreadsheetExportMixin.preprocess_field_value


def _safe_preprocess_field_value(self, field: str, value: Any, export_format: str):
    return safe_cell(_wagtail_preprocess_field_value(self, field, value, export_format))


def install() -> None:
    """Every admin export writes safe cells, CSV and XLSX: the project's reports,
    Wagtail's own (aging pages, locked pages, site history, workflows), redirects.

    They all write through ``SpreadsheetExportMixin.preprocess_field_value``, and
    Wagtail has no setting or hook for it; Wagtail's report views cannot be
    subclassed in place, so this wraps the mixin's method (called from
    ``KnowledgeConfig.ready``). Wagtail itself only turns what openpyxl takes for a
    formula (``=...``) back into text, keeps ``+``/``-``/``@`` and every CSV cell as
    typed, and leaves control characters in.
    """
    SpreadsheetExportMixin.preprocess_field_value = _safe_preprocess_field_value
