"""The project's own machinery: docker-compose, Dockerfile, Makefile, CI, README.

Docker cannot run on the development machines, so the compose file is checked as
data; the web container's start-up (migrate, collectstatic, gunicorn with the
production settings) is run for real on this machine instead.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from apps.workflow.groups import demo_users, setup_roles

BASE_DIR = Path(__file__).resolve().parent.parent
SETTINGS_DIR = BASE_DIR / "cms" / "settings"
ENV_READ = re.compile(
    r"""(?:os\.environ\.get|os\.environ\[|os\.getenv|env_bool|env_list)\(?\s*["'](\w+)["']"""
)
#: Read by the web container's start-up or by gunicorn, not by the settings.
CONTAINER_VARIABLES = {"DJANGO_SETTINGS_MODULE", "SEED_DEMO", "WEB_CONCURRENCY"}
MAKE_TARGETS = [
    "help",
    "install",
    "run",
    "test",
    "test-sqlite",
    "test-search",
    "search-node",
    "search-node-stop",
    "test-postgres",
    "lint",
    "format",
    "messages",
    "bench",
    "clean",
]


def settings_variables() -> set[str]:
    """Every environment variable the settings modules read."""
    names: set[str] = set()
    for module in SETTINGS_DIR.glob("*.py"):
        source = module.read_text()
        names.update(ENV_READ.findall(source))
        if "dj_database_url.config(" in source:
            names.add("DATABASE_URL")
    return names


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def test_settings_variables__are_found():
    """Guards the regular expression the other tests rely on."""
    assert {
        "DATABASE_URL",
        "ELASTICSEARCH_URL",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DEBUG",
    } <= settings_variables()


def test_compose__has_web_db_redis_varnish_and_elasticsearch(compose):
    assert set(compose["services"]) == {
        "web",
        "worker",
        "scheduler",
        "db",
        "redis",
        "varnish",
        "elasticsearch",
    }
    assert compose["services"]["db"]["image"] == "postgres:16"


def test_compose__varnish_in_front_of_web_is_purged_by_it(compose):
    """The portal purges Varnish through Wagtail's frontend cache
    (FRONTEND_CACHE_URL); the VCL in the repository answers PURGE."""
    varnish = compose["services"]["varnish"]
    assert compose["services"]["web"]["environment"]["FRONTEND_CACHE_URL"] == (
        "http://varnish:80"
    )
    vcl_mount = next(v for v in varnish["volumes"] if "default.vcl" in v)
    vcl = (BASE_DIR / vcl_mount.split(":")[0]).read_text()
    assert 'req.method == "PURGE"' in vcl
    assert '.host = "web";' in vcl


def test_compose__worker_and_scheduler_run_the_app_with_the_web_settings(compose):
    """The task queue lives in the database; a worker works it off and the
    scheduler runs the periodic jobs, both as the web image with its settings."""
    services = compose["services"]
    web_env = services["web"]["environment"]
    assert web_env["TASKS_BACKEND"] == "django_tasks_db.DatabaseBackend"
    commands = {"worker": "db_worker", "scheduler": "run_scheduler"}
    for name, command in commands.items():
        service = services[name]
        assert service["build"] == "."
        assert service["environment"] == web_env
        assert service["command"] == ["python", "manage.py", command]
        # They wait for web's start-up to migrate instead of migrating themselves.
        assert "migrate --check" in " ".join(service["entrypoint"])
        assert service["depends_on"]["db"] == {"condition": "service_healthy"}


def test_compose__databases_have_healthchecks(compose):
    db = compose["services"]["db"]["healthcheck"]
    assert "pg_isready" in " ".join(db["test"])
    search = compose["services"]["elasticsearch"]["healthcheck"]
    assert "_cluster/health" in " ".join(search["test"])


def test_compose__web_waits_for_healthy_services(compose):
    depends_on = compose["services"]["web"]["depends_on"]
    assert depends_on == {
        "db": {"condition": "service_healthy"},
        "elasticsearch": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }


def test_compose__elasticsearch_matches_the_client_major_version(compose):
    service = compose["services"]["elasticsearch"]
    image, tag = service["image"].rsplit(":", 1)
    assert image == "docker.elastic.co/elasticsearch/elasticsearch"
    assert tag.split(".")[0] == version("elasticsearch").split(".")[0] == "9"
    assert service["environment"]["discovery.type"] == "single-node"
    assert service["environment"]["xpack.security.enabled"] == "false"


def test_compose__web_runs_production_settings_against_the_services(compose):
    web = compose["services"]["web"]
    env = web["environment"]
    assert web["build"] == "."
    assert env["DJANGO_SETTINGS_MODULE"] == "cms.settings.production"
    assert env["DATABASE_URL"].startswith("postgres://")
    assert "@db:5432/" in env["DATABASE_URL"]
    assert env["ELASTICSEARCH_URL"] == "http://elasticsearch:9200"
    for name in ("SECRET_KEY", "ALLOWED_HOSTS"):
        assert name in env
    # The default key is for local use only and says so.
    assert "dev-only" in env["SECRET_KEY"]
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:-")


def test_compose__web_sets_only_variables_something_reads(compose):
    env = set(compose["services"]["web"]["environment"])
    unknown = env - settings_variables() - CONTAINER_VARIABLES
    assert unknown == set()


def test_dockerfile__installs_from_pyproject_and_serves_with_gunicorn():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "pyproject.toml" in dockerfile
    assert "pip install --no-deps -e ." in dockerfile
    assert "DJANGO_SETTINGS_MODULE=cms.settings.production" in dockerfile
    assert '"gunicorn", "cms.wsgi:application"' in dockerfile
    assert "scripts/docker-entrypoint.sh" in dockerfile
    ignored = (BASE_DIR / ".dockerignore").read_text().split()
    assert {".git", ".venv", "db.sqlite3", ".env"} <= set(ignored)


def test_entrypoint__migrates_collects_static_and_can_seed():
    script = (BASE_DIR / "scripts" / "docker-entrypoint.sh").read_text()
    steps = ["migrate --noinput", "collectstatic --noinput", "seed_demo --if-empty"]
    positions = [script.index(step) for step in steps]
    assert positions == sorted(positions)
    assert 'exec "$@"' in script
    assert os.access(BASE_DIR / "scripts" / "docker-entrypoint.sh", os.X_OK)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_help__lists_every_target():
    result = subprocess.run(
        ["make", "--no-print-directory", "help"],  # noqa: S607 - make from PATH
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    listed = {line.split()[0] for line in result.stdout.splitlines()[1:] if line}
    assert set(MAKE_TARGETS) <= listed


def test_ci_run__checks_in_the_documented_order():
    script = (BASE_DIR / ".ci" / "run").read_text()
    assert script.startswith("#!/usr/bin/env bash")
    assert "set -euo pipefail" in script
    steps = [
        "manage.py check",
        "makemigrations --check",
        "tests/test_locale.py",
        "ruff check",
        "make -j2 test",
    ]
    positions = [script.index(step) for step in steps]
    assert positions == sorted(positions)
    syntax = ["bash", "-n", str(BASE_DIR / ".ci" / "run")]
    subprocess.run(syntax, check=True)  # noqa: S603, S607 - bash from PATH


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_test__halves_run_side_by_side_without_sharing_the_search_node():
    """CI runs the two halves at once; only the SQLite half runs the live search
    tests, one of which stops and restarts the shared OpenSearch node."""
    script = (BASE_DIR / ".ci" / "run").read_text()
    assert "make -j2 test LABEL_OUTPUT=1" in script
    dry_run = subprocess.run(
        ["make", "-n", "-o", "install", "test", "LABEL_OUTPUT=1"],  # noqa: S607
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sqlite, postgres = dry_run.split("pg_ready.py")
    assert "-m live_search" not in sqlite and "not live_search" not in sqlite
    assert '-m "not live_search"' in postgres
    assert "s/^/[sqlite] /" in sqlite and "s/^/[postgres] /" in postgres


def test_ci_run__installs_and_starts_the_services_before_the_tests():
    """The machines have no PostgreSQL, Redis or search engine: CI brings them."""
    script = (BASE_DIR / ".ci" / "run").read_text()
    services = (BASE_DIR / "scripts" / "ci_services.sh").read_text()
    assert "apt-get install -y -qq postgresql redis-server" in script
    for package in ("chromium", "gettext", "npm"):
        assert f"missing+=({package})" in script, package
    assert "apt-get update" in script
    before_tests = script[: script.index("make -j2 test")]
    assert "scripts/ci_services.sh" in before_tests
    assert 'OPENSEARCH_URL="$(python3 scripts/search_node.py start)"' in before_tests
    assert "export OPENSEARCH_URL" in before_tests
    assert "pg_ctlcluster --skip-systemctl-redirect" in services
    assert "host all all 127.0.0.1/32 trust" in services
    assert "redis-server --daemonize yes" in services
    syntax = ["bash", "-n", str(BASE_DIR / "scripts" / "ci_services.sh")]
    subprocess.run(syntax, check=True)  # noqa: S603, S607 - bash from PATH


def compose_override() -> dict:
    """docker-compose.opensearch.yml, with compose's ``!override`` tag read as data."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor(
        "!override", lambda loader, node: loader.construct_mapping(node, deep=True)
    )
    text = (BASE_DIR / "docker-compose.opensearch.yml").read_text()
    return yaml.load(text, Loader=Loader)  # noqa: S506 - SafeLoader subclass


def test_compose_opensearch__switches_every_app_service_to_opensearch(compose):
    override = compose_override()["services"]
    for name in ("web", "worker", "scheduler"):
        env = override[name]["environment"]
        assert env == {
            "ELASTICSEARCH_URL": "",
            "OPENSEARCH_URL": "http://opensearch:9200",
        }
        assert name in compose["services"]
    assert override["web"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "opensearch": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }
    assert override["elasticsearch"]["profiles"] == ["elasticsearch"]


def test_compose_opensearch__same_major_version_as_the_test_node():
    service = compose_override()["services"]["opensearch"]
    image, tag = service["image"].rsplit(":", 1)
    assert image == "opensearchproject/opensearch"
    pom = (BASE_DIR / "search-node" / "pom.xml").read_text()
    runner = re.search(r"<opensearch.runner.version>(\d+)\.", pom).group(1)
    assert tag.split(".")[0] == runner == "3"
    assert "_cluster/health" in " ".join(service["healthcheck"]["test"])


def test_readme__documents_every_environment_variable():
    readme = (BASE_DIR / "README.md").read_text()
    undocumented = {
        name
        for name in settings_variables() | CONTAINER_VARIABLES
        if f"`{name}`" not in readme
    }
    assert undocumented == set()


def test_readme__sets_up_with_make_run_and_make_test():
    readme = (BASE_DIR / "README.md").read_text()
    assert "make run" in readme
    assert "make test" in readme
    for target in MAKE_TARGETS:
        assert f"`make {target}`" in readme or f"`{target}`" in readme, target


#: What the TLS-terminating proxy in front of gunicorn adds to each request.
HTTPS = {"X-Forwarded-Proto": "https"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_web_container_start__serves_production_settings_with_gunicorn(tmp_path):
    """What the web container does: the entrypoint, then gunicorn on cms.wsgi."""
    port = free_port()
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "test-only-" + "g7-unicorn-" * 6,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SEED_DEMO": "false",
        "LOG_LEVEL": "WARNING",
    }
    command = [
        str(BASE_DIR / "scripts" / "docker-entrypoint.sh"),
        "gunicorn",
        "cms.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
    ]
    log = tmp_path / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603 - our own entrypoint
            command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body, _ = get(
                    f"{base}/admin/login/", {"X-Forwarded-Proto": "https"}
                )
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.5)
        assert status == 200, body
        # Static files: hashed names from the manifest, served by WhiteNoise.
        static = re.search(r"/static/[\w/.-]+\.[0-9a-f]{12}\.css", body)
        assert static, "no hashed stylesheet in the admin login page"
        status, _, headers = get(base + static.group(0), HTTPS)
        assert status == 200
        assert "immutable" in headers.get("Cache-Control", "")
        # Plain HTTP is redirected to HTTPS by default.
        status, _, headers = get(f"{base}/admin/login/")
        assert status == 301
        assert headers["Location"].startswith("https://")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_bench__describes_itself():
    """`make bench` seeds for a minute, so the suite only checks it starts."""
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(BASE_DIR / "bench" / "run.py"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--synthetic" in result.stdout
    assert "--requests" in result.stdout


def make_test_postgres(ci: bool) -> subprocess.CompletedProcess[str]:
    """`make test-postgres` against a port where no PostgreSQL listens."""
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "MAKEFLAGS"}}
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [  # noqa: S607 - make from PATH
            "make",
            "--no-print-directory",
            "-o",
            "install",  # the suite runs inside the installed .venv already
            "PG_TEST_URL=postgres://postgres@127.0.0.1:1/kb_unreachable",
            "test-postgres",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_test_postgres__skips_visibly_outside_ci():
    result = make_test_postgres(ci=False)
    assert result.returncode == 0, result.stderr
    assert "SKIPPED: PostgreSQL is not reachable" in result.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_test_postgres__fails_in_ci_without_postgresql():
    result = make_test_postgres(ci=True)
    assert result.returncode != 0
    assert "CI needs it" in result.stderr


@pytest.mark.django_db
def test_readme__lists_every_demo_login():
    setup_roles()
    readme = (BASE_DIR / "README.md").read_text()
    logins = readme[readme.index("## Demo logins and roles") :]
    missing = [name for name, _group in demo_users() if f"`{name}`" not in logins]
    assert missing == []


#: .ci/run's step helpers in a script whose second step fails.
CI_STEPS_FAILING = """
set -euo pipefail
source scripts/ci_steps.sh
finish() { local status=$?; ci_steps_summary "$status"; exit "$status"; }
trap finish EXIT
step "first step"
true
step "second step"
false
step "never reached"
"""


def test_ci_steps__each_step_timed_and_a_table_at_the_end__also_after_a_failure():
    result = subprocess.run(  # noqa: S603 - bash from PATH, our own script
        ["bash", "-c", CI_STEPS_FAILING],  # noqa: S607
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    output = result.stdout
    assert re.search(r"^---- first step: \d+:\d\d$", output, re.MULTILINE)
    table = output[output.index("==== step times") :]
    assert re.search(r"^ +\d+:\d\d  first step$", table, re.MULTILINE)
    assert re.search(r"^ +\d+:\d\d  second step  FAILED$", table, re.MULTILINE)
    assert re.search(r"^ +\d+:\d\d  total \(exit status 1\)$", table, re.MULTILINE)
    assert "never reached" not in output


def test_database_tests_only__postgresql_run_leaves_out_tests_without_database():
    """`make test-postgres` runs only what a database backend can change."""
    module = Path(__file__).resolve().relative_to(BASE_DIR).as_posix()
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [
            sys.executable, "-m", "pytest", "--collect-only", "-q",
            "-p", "no:cacheprovider", "--database-tests-only", module,
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    collected = set(result.stdout.split())
    assert f"{module}::test_readme__lists_every_demo_login" in collected
    assert f"{module}::test_make_help__lists_every_target" not in collected
    assert re.search(
        r"^\d+ database-independent tests deselected", result.stdout, re.MULTILINE
    )
