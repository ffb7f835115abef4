"""Settings: every environment variable does what the README says.

Each case imports the settings in a fresh interpreter with a clean environment,
because settings are read once per process and the test process has its own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
LONG_SECRET_KEY = "test-only-" + "k3y-Fz9q-" * 8  # long and varied: passes W009

READ_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
names = {names!r}
print(json.dumps({{name: getattr(settings, name) for name in names}}, default=str))
"""


def clean_env(**variables: str) -> dict[str, str]:
    """Only what an interpreter needs, plus ``variables``: nothing leaks in."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    env.update(variables)
    return env


def run_python(code: str, **variables: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=clean_env(**variables),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def read_settings(module: str, names: list[str], **variables: str) -> dict:
    result = run_python(
        READ_SETTINGS.format(names=names),
        DJANGO_SETTINGS_MODULE=module,
        **variables,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production__refuses_to_start_without_secret_key():
    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set in the environment" in result.stderr


def test_production__starts_with_a_secret_key():
    values = read_settings(
        "cms.settings.production",
        ["DEBUG", "SECRET_KEY", "STORAGES", "SECURE_SSL_REDIRECT"],
        SECRET_KEY=LONG_SECRET_KEY,
    )
    assert values["DEBUG"] is False
    assert values["SECRET_KEY"] == LONG_SECRET_KEY
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


SEARCH_BACKEND_CLASSES = """
import json, django
django.setup()
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.elasticsearch9 import SearchBackend as Elasticsearch9
from modelsearch.backends.opensearch3 import SearchBackend as OpenSearch3
import elasticsearch
backend = get_search_backend()
print(json.dumps({
    "mro": [f"{cls.__module__}.{cls.__name__}" for cls in type(backend).__mro__],
    "is_elasticsearch9": isinstance(backend, Elasticsearch9),
    "is_opensearch3": isinstance(backend, OpenSearch3),
    "client": ".".join(
        [type(getattr(backend, "es", None)).__module__,
         type(getattr(backend, "es", None)).__name__]
    ),
    "client_major": elasticsearch.__versionstr__.split(".")[0],
}))
"""


def search_backend(**variables: str) -> dict:
    """The class of the default search backend, built in a fresh interpreter."""
    result = run_python(
        SEARCH_BACKEND_CLASSES, DJANGO_SETTINGS_MODULE="cms.settings.dev", **variables
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_default__is_sqlite_and_the_database_search_backend():
    values = read_settings("cms.settings.dev", ["DATABASES", "DEBUG"])
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["DATABASES"]["default"]["NAME"] == str(BASE_DIR / "db.sqlite3")
    assert values["DEBUG"] is True
    backend = search_backend()
    assert backend["is_elasticsearch9"] is False
    # Wagtail's database backend (django-modelsearch underneath) or a subclass.
    assert any(".backends.database." in name for name in backend["mro"]), backend


@pytest.mark.parametrize("module", ["cms.settings.dev", "cms.settings.production"])
def test_database_url__selects_postgresql(module):
    values = read_settings(
        module,
        ["DATABASES"],
        SECRET_KEY=LONG_SECRET_KEY,
        DATABASE_URL="postgres://kb:secret@db.example:5433/kb",
    )
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"]) == ("db.example", 5433)
    assert (database["NAME"], database["USER"]) == ("kb", "kb")
    assert database["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize("module", ["cms.settings.dev", "cms.settings.production"])
def test_elasticsearch_url__is_the_search_backend_url(module):
    url = "http://search.example:9200"
    values = read_settings(
        module,
        ["WAGTAILSEARCH_BACKENDS"],
        SECRET_KEY=LONG_SECRET_KEY,
        ELASTICSEARCH_URL=url,
    )
    assert values["WAGTAILSEARCH_BACKENDS"]["default"]["URLS"] == [url]


def test_elasticsearch_url__switches_the_backend_to_elasticsearch9():
    """Wagtail's elasticsearch9 backend (or a subclass) with the installed client.

    Building the backend creates a client but sends no request.
    """
    backend = search_backend(ELASTICSEARCH_URL="http://search.example:9200")
    assert backend["is_elasticsearch9"] is True, backend["mro"]
    assert backend["client_major"] == "9"


def test_opensearch_url__switches_the_backend_to_opensearch():
    """The OpenSearch backend with the official opensearch-py client."""
    backend = search_backend(OPENSEARCH_URL="http://search.example:9200")
    assert backend["is_opensearch3"] is True, backend["mro"]
    assert backend["is_elasticsearch9"] is False
    assert backend["client"] == "opensearchpy.client.OpenSearch"
    assert (
        "apps.knowledge.search.localised.LocalisedSearchBackendMixin"
        in (backend["mro"])
    )


def test_elasticsearch_and_opensearch__share_one_analysis_layer():
    elastic = search_backend(ELASTICSEARCH_URL="http://search.example:9200")
    opensearch = search_backend(OPENSEARCH_URL="http://search.example:9200")
    shared = "apps.knowledge.search.localised.LocalisedSearchBackendMixin"
    assert shared in elastic["mro"]
    assert shared in opensearch["mro"]


@pytest.mark.parametrize(
    ("engine", "auth_option"),
    [("ELASTICSEARCH_URL", "basic_auth"), ("OPENSEARCH_URL", "http_auth")],
)
def test_secured_cluster__credentials_and_certificates_from_the_environment(
    engine, auth_option
):
    values = read_settings(
        "cms.settings.production",
        ["WAGTAILSEARCH_BACKENDS"],
        SECRET_KEY=LONG_SECRET_KEY,
        **{engine: "https://search.example:9200"},
        SEARCH_USERNAME="kb",
        SEARCH_PASSWORD="secret",
        SEARCH_CA_CERTS="/etc/ssl/search-ca.pem",
        SEARCH_VERIFY_CERTS="true",
        SEARCH_INDEX_PREFIX="portal_",
    )
    backend = values["WAGTAILSEARCH_BACKENDS"]["default"]
    assert backend["OPTIONS"][auth_option] == ["kb", "secret"]
    assert backend["OPTIONS"]["ca_certs"] == "/etc/ssl/search-ca.pem"
    assert "verify_certs" not in backend["OPTIONS"]
    assert backend["INDEX_PREFIX"] == "portal_"


def test_elasticsearch_api_key__is_passed_to_the_client():
    values = read_settings(
        "cms.settings.production",
        ["WAGTAILSEARCH_BACKENDS"],
        SECRET_KEY=LONG_SECRET_KEY,
        ELASTICSEARCH_URL="https://search.example:9200",
        SEARCH_API_KEY="a2V5OnNlY3JldA==",
        SEARCH_VERIFY_CERTS="false",
    )
    options = values["WAGTAILSEARCH_BACKENDS"]["default"]["OPTIONS"]
    assert options == {"api_key": "a2V5OnNlY3JldA==", "verify_certs": False}


def test_environment__every_documented_variable_is_read():
    values = read_settings(
        "cms.settings.production",
        [
            "ALLOWED_HOSTS",
            "CSRF_TRUSTED_ORIGINS",
            "EMAIL_BACKEND",
            "EMAIL_HOST",
            "EMAIL_PORT",
            "EMAIL_HOST_USER",
            "EMAIL_HOST_PASSWORD",
            "EMAIL_USE_TLS",
            "DEFAULT_FROM_EMAIL",
            "TASKS",
            "STATIC_ROOT",
            "MEDIA_ROOT",
            "LOGGING",
            "WAGTAILADMIN_BASE_URL",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_PRELOAD",
            "DATABASES",
            "WAGTAILSEARCH_BACKENDS",
        ],
        SECRET_KEY=LONG_SECRET_KEY,
        ALLOWED_HOSTS="kb.example, www.kb.example",
        CSRF_TRUSTED_ORIGINS="https://kb.example",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.example",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="kb",
        EMAIL_HOST_PASSWORD="mail-secret",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="KB <kb@example.org>",
        TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
        STATIC_ROOT="/srv/kb/static",
        MEDIA_ROOT="/srv/kb/media",
        LOG_LEVEL="WARNING",
        WAGTAILADMIN_BASE_URL="https://kb.example",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="60",
        SECURE_HSTS_PRELOAD="yes",
        DB_CONN_MAX_AGE="0",
        ELASTICSEARCH_URL="http://search.example:9200",
        ELASTICSEARCH_INDEX_PREFIX="kbtest_",
    )
    assert values["ALLOWED_HOSTS"] == ["kb.example", "www.kb.example"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://kb.example"]
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"]) == ("smtp.example", 587)
    assert (values["EMAIL_HOST_USER"], values["EMAIL_HOST_PASSWORD"]) == (
        "kb",
        "mail-secret",
    )
    assert values["EMAIL_USE_TLS"] is True
    assert values["DEFAULT_FROM_EMAIL"] == "KB <kb@example.org>"
    assert values["TASKS"]["default"]["BACKEND"] == (
        "django_tasks.backends.dummy.DummyBackend"
    )
    assert values["STATIC_ROOT"] == "/srv/kb/static"
    assert values["MEDIA_ROOT"] == "/srv/kb/media"
    assert values["LOGGING"]["root"]["level"] == "WARNING"
    assert values["WAGTAILADMIN_BASE_URL"] == "https://kb.example"
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 60
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["DATABASES"]["default"]["CONN_MAX_AGE"] == 0
    search = values["WAGTAILSEARCH_BACKENDS"]["default"]
    assert search["INDEX_PREFIX"] == "kbtest_"


def manage_check_deploy(**variables: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own manage.py
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        cwd=BASE_DIR,
        env=clean_env(DJANGO_SETTINGS_MODULE="cms.settings.production", **variables),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy__production_settings_report_no_issues():
    result = manage_check_deploy(SECRET_KEY=LONG_SECRET_KEY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy__a_weak_secret_key_is_reported():
    """The check is live, not silenced wholesale: a short key is a warning."""
    result = manage_check_deploy(SECRET_KEY="short")
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


SQLITE_PRAGMAS = """
import json, django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    timeout = cursor.fetchone()[0]
print(json.dumps({"journal_mode": mode, "busy_timeout": timeout}))
"""


def test_sqlite__waits_for_a_busy_database_instead_of_failing(tmp_path):
    """WAL mode and a busy timeout: an autosave during a save is not "locked"."""
    result = run_python(
        SQLITE_PRAGMAS,
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'kb.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    pragmas = json.loads(result.stdout.strip().splitlines()[-1])
    assert pragmas == {"journal_mode": "wal", "busy_timeout": 20000}


BASE_URL_SETTINGS = ["PUBLIC_BASE_URL", "WAGTAILADMIN_BASE_URL", "WAGTAILAPI_BASE_URL"]


def test_public_base_url__defaults_to_where_make_run_serves():
    makefile = (BASE_DIR / "Makefile").read_text()
    host = re.search(r"^HOST \?= (\S+)$", makefile, re.MULTILINE)[1]
    port = re.search(r"^PORT \?= (\S+)$", makefile, re.MULTILINE)[1]
    values = read_settings("cms.settings.dev", BASE_URL_SETTINGS)
    assert set(values.values()) == {f"http://{host}:{port}"}


def test_public_base_url__one_variable_sets_every_base_url():
    values = read_settings(
        "cms.settings.production",
        BASE_URL_SETTINGS,
        SECRET_KEY=LONG_SECRET_KEY,
        PUBLIC_BASE_URL="https://kb.example/",
    )
    assert set(values.values()) == {"https://kb.example"}
