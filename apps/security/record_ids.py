"""Record ids a request names: digits only, within the database's integer range.

A posted or queried id is typed by whoever sends the request. ``isdecimal()``
alone lets through ids that still fail later: thousands of digits (``int()``
refuses more than 4,300) or a number past the database's 64-bit integer (a
PostgreSQL error). Either would be a server error instead of "not found".
"""

from __future__ import annotations

MAX_DATABASE_INTEGER = 2**63 - 1
_MAX_DIGITS = len(str(MAX_DATABASE_INTEGER))


def record_id(value: object) -> int | None:
    """``value`` as a positive database id, or None when it cannot be one."""
    text = str(value or "")
    if not text.isdecimal() or len(text) > _MAX_DIGITS:
        return None
    number = int(text)
    return number if 0 < number <= MAX_DATABASE_INTEGER else None
