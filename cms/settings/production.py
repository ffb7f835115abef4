"""Production: PostgreSQL and Elasticsearch from the environment, hardened defaults.

Served by gunicorn (``gunicorn cms.wsgi``) with ``DJANGO_SETTINGS_MODULE`` set to
this module. Static files are served by WhiteNoise from ``STATIC_ROOT`` with hashed
names (manifest storage), so ``manage.py collectstatic`` must run before the server
starts: without the manifest every page that uses ``{% static %}`` fails. Uploaded
media under ``MEDIA_ROOT`` are not served by Django here; put a web server or volume
mount in front of ``MEDIA_URL``.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment for production settings "
        "(a long random string, e.g. from "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
    )

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# HTTPS: TLS ends at the reverse proxy, which sets X-Forwarded-Proto.
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)  # noqa: F405

# Admin accounts must set up two-factor authentication before they can work
# (apps/security); ADMIN_2FA_REQUIRED=false turns the obligation off.
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", True)  # noqa: F405

# X_FRAME_OPTIONS is SAMEORIGIN on purpose (Wagtail's live preview frames the admin
# in itself); portal pages refuse every frame through CSP frame-ancestors 'none'.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
if not SECURE_HSTS_PRELOAD:
    # Preloading is a decision for the owner of the whole domain (it is hard to
    # undo and covers every subdomain), not a default; SECURE_HSTS_PRELOAD=true
    # opts in and brings the check back.
    SILENCED_SYSTEM_CHECKS.append("security.W021")
