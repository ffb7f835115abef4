"""The Django apps, in layers: demo on workflow on knowledge on security.

Nothing imports upwards; ``lint-imports`` checks it (``[tool.importlinter]``)."""
