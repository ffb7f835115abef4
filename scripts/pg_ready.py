"""Exit 0 if the PostgreSQL server of a database URL answers, 1 otherwise.

The test database itself need not exist: pytest-django creates it, so this connects
to the server's maintenance database ``postgres``.
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg


def main(url: str) -> int:
    parts = urlsplit(url)
    server_url = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(server_url, connect_timeout=3):
            return 0
    except psycopg.OperationalError:
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
