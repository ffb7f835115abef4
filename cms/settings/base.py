"""Settings shared by every environment.

Environment variables are read here and only here, so a reader finds every knob in
one place. The embedded default needs no server: SQLite and Wagtail's database search
backend. ``DATABASE_URL`` and ``ELASTICSEARCH_URL`` switch to PostgreSQL and
Elasticsearch without a code change.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "apps.knowledge",
    "apps.workflow",
    "apps.security",
    "apps.demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors get whole portal pages from the cache (apps/knowledge),
    # answered before the session, locale, CSRF, authentication and messages
    # middleware run: a visitor without a session or messages cookie needs none of
    # them, and what they add to a page (Content-Language, X-Frame-Options) is
    # stored with it. Security headers and the CSP still wrap every answer.
    "apps.knowledge.portal.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "apps.security.middleware.RejectNulCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "apps.security.middleware.AdminTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "apps.knowledge.portal.middleware.PortalNotFoundMiddleware",
    # Routes portal pages from the address -> page resolution kept until the
    # content changes (apps/knowledge/portal/routing.py).
    "apps.knowledge.portal.middleware.PortalRoutingMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves several requests at once (an autosave while a
    # save runs): readers do not block the writer in WAL mode, and a writer waits
    # up to 20 s for another instead of failing with "database is locked".
    # Transactions take the write lock when they begin (IMMEDIATE): a deferred one
    # that read first and then writes fails at once, without waiting, when another
    # wrote meanwhile (two moderators deciding the same step).
    # https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-notes
    # https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-transaction-behavior
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

# Languages: German is the default, Danish and English are full citizens.
# https://docs.wagtail.org/en/stable/advanced_topics/i18n.html
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("da", _("Danish")),
    ("en", _("English")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Leaflet and leaflet.markercluster for the portal's maps come from npm
# (package.json; `make install` runs `npm ci`) and are served from node_modules
# under static/vendor/ like the project's own files: no CDN, no build step.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: shared through Redis when REDIS_URL is set, so rate limits (partner
# submissions, registrations) count across all server processes; otherwise each
# process counts on its own, which is enough for `make run`. Both backends serve a
# portal request's reads from one round trip fetched at its start
# (apps/knowledge/cache_snapshot.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "apps.knowledge.cache_snapshot.SnapshotRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "apps.knowledge.cache_snapshot.SnapshotLocMemCache"}
    }
# Whole portal pages for anonymous visitors (apps/knowledge/portal/page_cache.py),
# retired on every publish. On by default only with Redis: with a per-process cache,
# another gunicorn worker would keep serving a page until this timeout. 0 turns it off.
PORTAL_CACHE_SECONDS = int(
    os.environ.get("PORTAL_CACHE_SECONDS", "600" if REDIS_URL else "0")
)
# Facts every request reads (hidden and restricted pages, synonyms, facet labels,
# locales: apps/knowledge/content_cache.py), kept under the same content version;
# on by default only with a cache all processes share, for the same reason.
CONTENT_CACHE_SECONDS = int(
    os.environ.get("CONTENT_CACHE_SECONDS", "3600" if REDIS_URL else "0")
)

# A reverse proxy in front (Varnish, nginx with a purge module: docker-compose.yml,
# docker/varnish/default.vcl) is told through Wagtail's frontend cache which pages
# to drop when content changes (apps/knowledge/portal/frontend.py): the address it
# accepts PURGE requests on. Unset: no proxy, nothing is sent. Wagtail's
# frontend_cache app itself is not installed: its signal handlers would only purge
# the published page a second time.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
    # Each language has its own page tree, so the addresses purged are already
    # those of every language; Wagtail would otherwise add /da/ and /en/ variants
    # of every German address.
    WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []

# Background tasks: the mechanism Wagtail 8 uses. The immediate backend runs tasks
# in-process; production can switch to the database backend
# (TASKS_BACKEND=django_tasks_db.DatabaseBackend, worker: `manage.py db_worker`)
# without a code change.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Periodic jobs, run by `manage.py run_scheduler` (apps/workflow/scheduler.py): the
# management command of each job and every how many seconds it runs. Each run is
# claimed in the database first, so two schedulers never run a job twice.
SCHEDULER_JOBS = {
    "retry_outbox": {
        "command": "retry_outbox",
        "every": int(os.environ.get("SCHEDULE_RETRY_OUTBOX_SECONDS", "600")),
    },
    "replay_search_index": {
        "command": "replay_search_index",
        "every": int(os.environ.get("SCHEDULE_REPLAY_SEARCH_INDEX_SECONDS", "900")),
    },
    "send_review_reminders": {
        "command": "send_review_reminders",
        "every": int(os.environ.get("SCHEDULE_REVIEW_REMINDERS_SECONDS", "86400")),
    },
    "delete_old_feedback": {
        "command": "delete_old_feedback",
        "every": int(os.environ.get("SCHEDULE_DELETE_OLD_FEEDBACK_SECONDS", "86400")),
    },
}
# How often the scheduler wakes up to look for due jobs.
SCHEDULER_TICK_SECONDS = int(os.environ.get("SCHEDULER_TICK_SECONDS", "30"))

# E-mail
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds before an unreachable mail server counts as an outage (the outbox keeps
# the message for retry_outbox) instead of holding up the request.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Digitalagentur <noreply@digitalagentur.example>"
)

# Moderation dashboard: items waiting longer than this many days are overdue.
WORKFLOW_OVERDUE_DAYS = int(os.environ.get("WORKFLOW_OVERDUE_DAYS", "7"))
# Who decides a moderation step none of whose own reviewers may decide it (its only
# moderator wrote the latest revision): apps.workflow.models.tasks.
WORKFLOW_STAND_IN_GROUP = os.environ.get("WORKFLOW_STAND_IN_GROUP", "Digitalagentur")

# Wagtail
WAGTAIL_SITE_NAME = "Digitalagentur Smarte Grenzregion"
# The portal's public address (scheme, host and port): every absolute link in the
# sitemap, feeds, downloads, API, DCAT catalogue, e-mails and the pages' hreflang
# starts with it (apps/knowledge/public_url.py), never with the Site record or the
# request's Host header. WAGTAILADMIN_BASE_URL is its older name. The default is
# where `make run` serves.
PUBLIC_BASE_URL = (
    os.environ.get("PUBLIC_BASE_URL")
    or os.environ.get("WAGTAILADMIN_BASE_URL")
    or "http://127.0.0.1:8000"
).rstrip("/")
# Wagtail's own absolute links: admin mails and the API's detail_url.
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = PUBLIC_BASE_URL
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: they would send hashed e-mail addresses to a third
# party and show broken images on an intranet without internet access.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_HITS_MAX_AGE = 30

# Partner portal (apps.workflow): upload limits, spam limits, invitation validity.
PARTNER_IMAGE_MAX_SIZE = 5 * 1024 * 1024
# Width × height × frames; the admin's limit is WAGTAILIMAGES_MAX_IMAGE_PIXELS.
PARTNER_IMAGE_MAX_PIXELS = 25_000_000
PARTNER_DOCUMENT_MAX_SIZE = 10 * 1024 * 1024
# (actions, seconds) per user and per IP address; counted in the default cache.
PARTNER_RATE_LIMITS = {
    "submission": (5, 3600),
    "registration": (5, 3600),
    "feedback": (5, 3600),
}
PARTNER_INVITATION_VALID_DAYS = 14
# The moderation workflow publishes on its last approval, for reviewers without
# publish permission (apps/workflow/workflows.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "apps.workflow.workflows.publish_approved"
# A new translation starts as a draft: otherwise wagtail-localize publishes the
# untranslated copy of a live page at once, past the translation review.
# https://wagtail-localize.org/stable/reference/settings/
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation: chosen in the admin (Settings > Machine translation), none by
# default. "CLASS" is a factory that reads that setting at each call and gives
# wagtail-localize no translator while none is chosen, so it hides the button.
# The variables below override the admin's choice for a deployment.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "apps.knowledge.translation.machine.configured_translator",
}
MACHINE_TRANSLATION = {
    "ENGINE": os.environ.get("MACHINE_TRANSLATION_ENGINE", ""),
    "DEEPL_API_KEY": os.environ.get("DEEPL_API_KEY", ""),
    "DEEPL_API_URL": os.environ.get("DEEPL_API_URL", ""),
    "LIBRETRANSLATE_URL": os.environ.get("LIBRETRANSLATE_URL", ""),
    "LIBRETRANSLATE_API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
    "TIMEOUT": int(os.environ.get("MACHINE_TRANSLATION_TIMEOUT", "30")),
}

# Search: the database backend by default; Elasticsearch 9 when ELASTICSEARCH_URL is
# set, OpenSearch when OPENSEARCH_URL is set (both use the same analysis and query
# layer, apps/knowledge/search/localised.py). Each page is analysed in its locale's
# language; on SQLite the database backend is modelsearch's own.
# https://docs.wagtail.org/en/stable/topics/search/backends.html
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")


def search_engine_options() -> dict:
    """Client options for a secured cluster, from SEARCH_* variables.

    User and password may also sit in the URL (https://user:pass@host:9200). API
    keys are Elasticsearch's; OpenSearch's security plugin takes user and password.
    """
    options: dict = {}
    api_key = os.environ.get("SEARCH_API_KEY", "")
    if api_key and ELASTICSEARCH_URL:
        options["api_key"] = api_key
    user = os.environ.get("SEARCH_USERNAME", "")
    if user:
        auth = (user, os.environ.get("SEARCH_PASSWORD", ""))
        options["basic_auth" if ELASTICSEARCH_URL else "http_auth"] = auth
    ca_certs = os.environ.get("SEARCH_CA_CERTS", "")
    if ca_certs:
        options["ca_certs"] = ca_certs
    if not env_bool("SEARCH_VERIFY_CERTS", True):
        options["verify_certs"] = False
        if not ELASTICSEARCH_URL:
            options["ssl_show_warn"] = False
    if not ELASTICSEARCH_URL:
        # A rebuild sends its bulk requests beside the main thread
        # (apps/knowledge/search/bulk_pipeline.py); opensearch-py keeps one
        # connection per node unless told otherwise, elasticsearch-py ten.
        options["pool_maxsize"] = 4
    return options


if ELASTICSEARCH_URL or OPENSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": (
                "apps.knowledge.search.elasticsearch"
                if ELASTICSEARCH_URL
                else "apps.knowledge.search.opensearch"
            ),
            "URLS": [ELASTICSEARCH_URL or OPENSEARCH_URL],
            "INDEX_PREFIX": os.environ.get(
                "SEARCH_INDEX_PREFIX",
                os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "kb_"),
            ),
            "TIMEOUT": int(os.environ.get("SEARCH_TIMEOUT", "5")),
            "OPTIONS": search_engine_options(),
        },
        # Kept up to date alongside: the portal searches it while the engine is
        # unreachable (apps/knowledge/search/engine.py).
        "database": {"BACKEND": "apps.knowledge.search.database"},
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "apps.knowledge.search.database"},
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Open data: the licence under which the knowledge base's metadata is published in
# the downloads, the API and the DCAT-AP.de catalogue (a key of
# apps.knowledge.open_data.licences.OPEN_DATA_LICENCES), the publisher named in the
# catalogue and, once GovData has assigned one, its dcatde:contributorID URI.
OPEN_DATA_LICENCE = os.environ.get("OPEN_DATA_LICENCE", "cc-by/4.0")
OPEN_DATA_PUBLISHER_NAME = os.environ.get(
    "OPEN_DATA_PUBLISHER_NAME", "Digitalagentur Smarte Grenzregion"
)
OPEN_DATA_PUBLISHER_URL = os.environ.get("OPEN_DATA_PUBLISHER_URL", "")
OPEN_DATA_CONTACT_EMAIL = os.environ.get(
    "OPEN_DATA_CONTACT_EMAIL", "opendata@digitalagentur.example"
)
OPEN_DATA_CONTRIBUTOR_ID = os.environ.get("OPEN_DATA_CONTRIBUTOR_ID", "")
# Feedback reports are deleted this many days after their answer (unanswered ones
# after their arrival), as the privacy notice says (apps.workflow.feedback.retention).
FEEDBACK_RETENTION_DAYS = int(os.environ.get("FEEDBACK_RETENTION_DAYS", "365"))
# Where reports of the feedback form (barriers, content errors) go: the
# Digitalagentur's editorial team (apps/workflow/feedback/).
DIGITALAGENTUR_FEEDBACK_EMAIL = os.environ.get(
    "DIGITALAGENTUR_FEEDBACK_EMAIL", OPEN_DATA_CONTACT_EMAIL
)
WAGTAILAPI_LIMIT_MAX = 100

# Budgets are shown with an estimate in the other currency
# (apps/knowledge/portal/money.py): Danish kroner per euro (the krone is pegged to
# the euro, ERM II centre 7.46038).
EUR_DKK_RATE = Decimal(os.environ.get("EUR_DKK_RATE", "7.46"))

# Logins (apps/security): django-axes counts failed logins to the admin and the
# partner portal per user name and address, and locks that pair out for a cool-off
# after LOGIN_FAILURE_LIMIT failures. Its backend must come first and gets the
# request from every login form. https://django-axes.readthedocs.io/
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "apps.security.views.locked_out"
# Two-factor authentication (TOTP, django-otp) for everyone who can open the Wagtail
# admin: an account with a device always enters its code after the password; with
# ADMIN_2FA_REQUIRED an account without one must set it up first. On by default in
# production (cms/settings/production.py).
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", False)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Uploads in the admin: only these types, checked by their content too
# (apps/security/forms.py); documents are always served as downloads.
# https://docs.wagtail.org/en/stable/reference/settings.html#documents
WAGTAILDOCS_DOCUMENT_FORM_BASE = "apps.security.forms.CheckedDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# None inline, not even PDFs (Wagtail's default): a document is a download.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Images are stored upright and without metadata (EXIF GPS, author, camera), and
# refused above this many pixels or when unreadable (apps/security/images.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "apps.security.forms.CheckedImageForm"
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# Security headers. The CSP covers the portal; the admin is left to Wagtail, whose
# editor needs inline scripts and styles. SAMEORIGIN, not DENY: Wagtail's live
# preview shows the page in a same-origin iframe; portal pages still refuse every
# frame through the CSP's frame-ancestors. Embedded media (StreamField embeds) may
# come from the video platforms listed in frame-src.
# https://django-csp.readthedocs.io/en/latest/configuration.html
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
# The portal's maps (apps/knowledge/portal/map.py): the tile server, an XYZ address
# with {z}/{x}/{y} (basemap.de or Dataforsyningen for public bodies, see the
# README), and the attribution its licence asks for. Its host, and only it, is
# added to the CSP's img-src below.
PORTAL_MAP_TILE_URL = os.environ.get(
    "PORTAL_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
PORTAL_MAP_ATTRIBUTION = os.environ.get(
    "PORTAL_MAP_ATTRIBUTION", "© OpenStreetMap contributors"
)


def tile_origin(url: str) -> str:
    """The scheme and host (``https://tile.openstreetmap.org``) of a tile address;
    "" for an address on the portal's own host (``/tiles/{z}/{x}/{y}.png``)."""
    scheme, _, rest = url.partition("://")
    if scheme not in {"http", "https"} or not rest:
        return ""
    host = rest.split("/", 1)[0]
    # {s} subdomains (a.tile..., b.tile...) become a wildcard.
    host = host.replace("{s}", "*")
    return f"{scheme}://{host}"


CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": [
            "'self'",
            "data:",
            *filter(None, [tile_origin(PORTAL_MAP_TILE_URL)]),
        ],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
