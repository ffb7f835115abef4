"""Settings of the load benchmark: production, plus the ceiling URL of bench.urls.

Only bench/load.py uses this module; production never serves ``bench.urls``.
"""

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
