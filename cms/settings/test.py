"""Tests: fast hashing, in-memory mail, no external services unless asked for."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
PUBLIC_BASE_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
LOGGING = {
    **LOGGING,  # noqa: F405
    "root": {"handlers": ["console"], "level": "WARNING"},
}
# Tests never run collectstatic: let WhiteNoise look files up per request instead of
# indexing a STATIC_ROOT that does not exist (which warns in every test).
WHITENOISE_AUTOREFRESH = True
# Ordinary tests save pages; they must never write into a real Elasticsearch index
# when ELASTICSEARCH_URL happens to be set. The live tests build their own backend
# with a unique index prefix.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "apps.knowledge.search.database"},
}
# Most tests log in with client.login(), which gives django-axes no request; the
# throttling tests switch it on. Two-factor authentication stays optional (the
# default) unless a test asks for it.
AXES_ENABLED = False
# The anonymous page cache would outlive each test's database; its own tests
# switch it on (tests/knowledge/portal/test_page_cache.py).
PORTAL_CACHE_SECONDS = 0
# One process: the content cache is safe and on, so the tests see what production
# does (tests/conftest.py empties the cache before each test).
CONTENT_CACHE_SECONDS = 300
