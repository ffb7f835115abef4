"""Development: the embedded default, verbose errors, mails on the console."""

import contextlib

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405, S105

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
