"""Path converters shared by the project's URLconfs."""

from __future__ import annotations

from django.urls import register_converter


class IdConverter:
    """A database id in a URL: digits that fit a 64-bit integer column.

    Django's ``int`` matches any number of digits; a longer number than a database
    can compare with made SQLite fail (a server error) instead of a 404.
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


# Registered once, when the first URLconf that uses ``<id:...>`` imports this module.
register_converter(IdConverter, "id")
