"""Load benchmark: the portal under gunicorn and wrk at 10000 solutions in de, da, en.

    make bench                          # this, then the render and search benchmarks
    .venv/bin/python bench/load.py      # the same, on its own
    BENCH_QUICK=1 make bench            # 500 solutions, short runs: for development

Steps:

1. Data: a database with the demo content plus ``seed_demo --synthetic N`` solutions
   (N = 10000; ``--solutions`` or ``BENCH_SOLUTIONS``). PostgreSQL when
   ``BENCH_POSTGRES_URL`` (default ``postgres://postgres@127.0.0.1:5432/kb_bench_load``)
   answers, else SQLite. Seeding 10000 solutions takes many minutes, so the seeded
   data is kept (PostgreSQL template database ``kb_bench_data_<N>_<version>``,
   ``BENCH_DATA_PREFIX`` instead of ``kb_bench_data`` for another name, or a
   SQLite file under bench/results/cache/) and reused while N and the generator
   (apps/demo/synthetic.py) are the same; each run copies it and applies
   newer migrations. ``--reseed`` seeds again.
2. SQL queries per portal page with 1 and with 50 related solutions, tags,
   contacts and partners (the cache off): they must not grow.
3. gunicorn (``--workers``, gthread) on a free loopback port with the production
   settings (DEBUG off, WhiteNoise, Redis cache when reachable) plus one extra URL, a
   minimal Django view through the same middleware: the ceiling
   (``bench.settings``, ``bench.urls``; never in production URLs).
4. wrk (``--latency`` and a Lua script) against home, field of action (theme page),
   solution, organisation (several of each language, the ones leading the most
   solutions with the second page of their list) and contact directory pages and
   search with facets, each with the anonymous page cache on and off:
   requests/second, p50, p95 and p99 latency, ratio to the ceiling measured right
   after each row on the same server (a shared host's speed drifts over a run).
5. A soak run (60 s, ``--soak 600`` for the 10 minutes of issue 15) over the page
   mix with the cache on while an editor (bench/publisher.py, a side process)
   publishes a solution every ``--publish-every`` seconds: total and failed
   requests (non-2xx answers and socket errors), the page cache's hit rate (its
   ``X-Portal-Cache`` answers, counted by bench/wrk_report.lua) and stale pages
   (after each publish, every page of the mix that showed the solution and its own
   page are fetched again: each must show the new title). Exits 1 if any request
   failed or a stale page was served.

Targets of issue 15, printed as checks at the end, over the five kinds of page it
names (home, field of action, solution, organisation, contact directory): p95 <= 50
ms per page kind without the page cache at 8 connections, >= 20 % of the ceiling's
requests/second without the page cache and >= 80 % with it, a soak hit rate >= 90 %
and 0 stale pages. The search with facets is measured and printed the same way,
as an informative line: it belongs to the search issue, not to these targets.
``--markdown`` prints the same figures as the README's tables.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
CACHE_DIR = BASE_DIR / "bench" / "results" / "cache"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kb_bench_load"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"
QUICK = os.environ.get("BENCH_QUICK", "").lower() in {"1", "true", "yes"}
#: Bumped when the seeded data must be made again (with N and synthetic.py).
DATA_FORMAT = "1"
#: The name of the kept seeded databases (PostgreSQL): ``<prefix>_<N>_<version>``.
DATA_PREFIX = os.environ.get("BENCH_DATA_PREFIX", "kb_bench_data")
#: The kinds of page issue 15's targets are about.
ISSUE_15_PAGES = (
    "home",
    "field of action",
    "solution",
    "organisation",
    "contact directory",
)
#: Measured and printed too, but the search issue's: an informative line, no target.
INFORMATIVE_PAGES = ("search with facets",)
KINDS = (*ISSUE_15_PAGES, *INFORMATIVE_PAGES)


def log(message: str) -> None:
    print(message, flush=True)


def data_version(solutions: int) -> str:
    """Names the seeded data: N and the generator of the synthetic solutions.

    Changes to the rest of the demo content or new migrations do not call for the
    minutes of seeding again: each run migrates its copy. ``--reseed`` forces it.
    """
    digest = hashlib.sha256(f"{DATA_FORMAT}:{solutions}".encode())
    digest.update((BASE_DIR / "apps/demo/synthetic.py").read_bytes())
    return digest.hexdigest()[:10]


def manage(*args: str, env: dict[str, str], quiet: bool = False) -> str:
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - fixed command, our own manage.py
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"bench: manage.py {' '.join(args)} failed:\n{result.stderr}")
    if not quiet:
        log(f"    {' '.join(args):<40} {time.perf_counter() - started:7.1f} s")
    return result.stdout


def base_environment(workdir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ELASTICSEARCH_URL": "",
        "OPENSEARCH_URL": "",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(BASE_DIR),
    }


# --- data ------------------------------------------------------------------------


def _pg_admin(url: str):
    import psycopg

    admin = urlparse(url)._replace(path="/postgres").geturl()
    return psycopg.connect(admin, autocommit=True, connect_timeout=3)


def postgres_reachable(url: str) -> bool:
    try:
        with _pg_admin(url):
            return True
    except Exception:  # noqa: BLE001 - any failure means: use SQLite
        return False


def prepare_postgres(url: str, version: str, env: dict[str, str]) -> str:
    """``url``'s database as a fresh copy of the seeded template; returns ``url``."""
    name = urlparse(url).path.lstrip("/")
    prefix = f"{DATA_PREFIX}_{env['BENCH_SOLUTIONS']}_"
    template = f"{prefix}{version}"
    with _pg_admin(url) as conn:
        existing = {
            row[0]
            for row in conn.execute(
                "SELECT datname FROM pg_database WHERE starts_with(datname, %s)",
                [prefix],
            )
        }
    if template not in existing or env.get("BENCH_RESEED"):
        log(f"  seeding {template} (kept for the next runs with the same data)")
        building = f"{template}_building"
        with _pg_admin(url) as conn:
            for old in existing - {building}:
                conn.execute(f'DROP DATABASE IF EXISTS "{old}"')
            conn.execute(f'DROP DATABASE IF EXISTS "{building}"')
            conn.execute(f'CREATE DATABASE "{building}"')
        building_url = urlparse(url)._replace(path=f"/{building}").geturl()
        seed({**env, "DATABASE_URL": building_url}, env["BENCH_SOLUTIONS"])
        with _pg_admin(url) as conn:
            conn.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
    else:
        log(f"  reusing the seeded data {template}")
    with _pg_admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return url


def prepare_sqlite(workdir: Path, version: str, env: dict[str, str]) -> str:
    prefix = f"data-{env['BENCH_SOLUTIONS']}-"
    template = CACHE_DIR / f"{prefix}{version}.sqlite3"
    if not template.exists() or env.get("BENCH_RESEED"):
        log(f"  seeding {template.relative_to(BASE_DIR)} (kept for the next runs)")
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        for old in CACHE_DIR.glob(f"{prefix}*.sqlite3"):
            old.unlink()
        building = template.with_suffix(".building")
        building.unlink(missing_ok=True)
        seed({**env, "DATABASE_URL": f"sqlite:///{building}"}, env["BENCH_SOLUTIONS"])
        building.rename(template)
    else:
        log(f"  reusing the seeded data {template.relative_to(BASE_DIR)}")
    target = workdir / "bench.sqlite3"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


def seed(env: dict[str, str], solutions: str) -> None:
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", "--synthetic", solutions, env=env)


def prepare_data(workdir: Path, solutions: int, env: dict[str, str]) -> dict[str, str]:
    version = data_version(solutions)
    env = {**env, "BENCH_SOLUTIONS": str(solutions)}
    url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    if postgres_reachable(url):
        env["DATABASE_URL"] = prepare_postgres(url, version, env)
        env["BENCH_DATABASE"] = "PostgreSQL"
    else:
        log(f"  PostgreSQL at {urlparse(url).netloc} not reachable: SQLite")
        env["DATABASE_URL"] = prepare_sqlite(workdir, version, env)
        env["BENCH_DATABASE"] = "SQLite"
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    return env


# --- the server ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_url() -> str | None:
    url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), 1):
            return url
    except OSError:
        return None


class Server:
    """gunicorn serving the portal on a free loopback port."""

    def __init__(
        self, env: dict[str, str], workers: int, threads: int, cache: bool, port: int
    ):
        # The same port for every server of a run: the host, port included, is part
        # of the page cache's keys, so the soak finds the pages cached before.
        self.port = port
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "PORTAL_CACHE_SECONDS": "600" if cache else "0"}
        self.command = [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ]
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn command
            self.command, cwd=BASE_DIR, env=self.env, start_new_session=True
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit("bench: gunicorn stopped while starting")
            ceiling = f"{self.base}/bench/ceiling/"
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(ceiling, timeout=5),  # noqa: S310 - loopback
            ):
                return self
            time.sleep(0.5)
        self.__exit__()
        sys.exit("bench: gunicorn did not answer within 120 s")

    def __exit__(self, *exc_info) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


# --- what to request ---------------------------------------------------------------

SELECT_URLS = r"""
import json, random, django
django.setup()
from django.db.models import Count
from apps.knowledge.models import (
    ContactDirectoryPage, FieldOfAction, HomePage, Organisation, SolutionPage, ThemePage
)
from apps.knowledge.models.pages import SOLUTIONS_PER_PAGE

def pages_of(queryset, limit=None):
    pages = list(queryset.live().public().order_by("pk"))
    if limit and len(pages) > limit:
        pages = random.Random(42).sample(pages, limit)
    return pages

def urls(queryset, limit=None):
    return [url for page in pages_of(queryset, limit) if (url := page.get_url())]

solution_pages = pages_of(SolutionPage.objects.all(), limit=100)

keys = list(
    FieldOfAction.objects.filter(locale__language_code="de")
    .order_by("pk")
    .values_list("translation_key", flat=True)[:4]
)
search = []
for language, word in (("de", "Energie"), ("da", "energi"), ("en", "energy")):
    fields = FieldOfAction.objects.filter(
        locale__language_code=language, translation_key__in=keys
    ).values_list("slug", flat=True)
    search.append(f"/{language}/search/?q={word}")
    search.append(f"/{language}/search/?q={word}&phase=pilot")
    for field in fields:
        search.append(f"/{language}/search/?q={word}&field={field}")
        search.append(f"/{language}/search/?phase=pilot&field={field}&sort=date")
# Organisations of each language: the two leading the most solutions (the second
# page of their list too) and two leading the fewest.
organisations = []
directories = pages_of(ContactDirectoryPage.objects.all())
for directory in directories:
    led = dict(
        SolutionPage.objects.live().public().filter(locale=directory.locale)
        .order_by()
        .values("lead_organisation__translation_key")
        .annotate(n=Count("pk"))
        .values_list("lead_organisation__translation_key", "n")
    )
    chosen = sorted(
        Organisation.objects.public_in(directory.locale),
        key=lambda o: (-led.get(o.translation_key, 0), o.pk),
    )
    for organisation in chosen[:2] + chosen[2:][-2:]:
        url = directory.organisation_url(organisation)
        organisations.append(url)
        if led.get(organisation.translation_key, 0) > SOLUTIONS_PER_PAGE:
            organisations.append(url + "?page=2")
print(json.dumps({
    "home": urls(HomePage.objects.all()),
    "field of action": urls(ThemePage.objects.all()),
    "solution": [url for page in solution_pages if (url := page.get_url())],
    "organisation": organisations,
    "contact directory": [url for page in directories if (url := page.get_url())],
    "search with facets": search,
    "solution ids": [page.pk for page in solution_pages],
    "solutions": SolutionPage.objects.live().count(),
    "languages": sorted(set(
        SolutionPage.objects.live().values_list("locale__language_code", flat=True)
    )),
}))
"""


def select_urls(env: dict[str, str]) -> dict:
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", SELECT_URLS],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"bench: choosing the URLs failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- wrk ---------------------------------------------------------------------------


def wrk(
    base: str,
    paths: list[str],
    seconds: int,
    connections: int,
    workdir: Path,
    count_answers: bool = False,
) -> dict:
    """One wrk run over ``paths``; totals, failures and latency percentiles.
    ``count_answers``: every answer's status and page cache header counted (the
    soak's hit rate), at a cost to the client that grows with the page size (see
    bench/wrk_report.lua); otherwise failures are wrk's 4xx/5xx count."""
    paths_file = workdir / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    result = subprocess.run(  # noqa: S603 - the Debian wrk with our script
        [
            WRK,
            "--threads",
            "2",
            "--connections",
            str(connections),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "30s",
            "--latency",
            "--script",
            str(BASE_DIR / "bench" / "wrk_report.lua"),
            base,
        ],
        env={
            **os.environ,
            "WRK_PATHS": str(paths_file),
            "WRK_COUNT_ANSWERS": "1" if count_answers else "0",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    line = next(
        (x for x in result.stdout.splitlines() if x.startswith("BENCH_JSON ")), None
    )
    if result.returncode != 0 or line is None:
        sys.exit(f"bench: wrk failed:\n{result.stdout}\n{result.stderr}")
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["socket_errors"] = sum(
        figures[name] for name in ("connect", "read", "write", "timeout")
    )
    figures["failed"] = figures["non2xx"] + figures["socket_errors"]
    figures["hit_rate"] = figures["hits"] / max(1, figures["requests"])
    return figures


WRK = shutil.which("wrk") or "/usr/bin/wrk"


def warm_up(base: str, paths: list[str], parallel: int) -> None:
    """GET every path once, ``parallel`` at a time; a failure stops the benchmark."""

    def get(path: str) -> None:
        with urllib.request.urlopen(base + path, timeout=120) as response:  # noqa: S310
            response.read()

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        for path, error in zip(
            paths, pool.map(lambda p: _error_of(get, p), paths), strict=True
        ):
            if error:
                sys.exit(f"bench: GET {path} failed during the warm-up: {error}")


#: Alternating runs of a row's pages and of the ceiling (see share_of_ceiling).
SLICES = 3


def share_of_ceiling(base: str, paths: list[str], options, workdir: Path):
    """The pages' requests per second as a share of the ceiling's, and the
    ceiling's: the median over :data:`SLICES` pairs of short runs, each of the pages
    followed at once by one of the ceiling on the same server. The shared machine's
    speed drifts and jumps within seconds (other tenants), so one ceiling measured
    once, or even right after a row, could make a row's share anything between a
    third and twice its true value; the median of alternating pairs keeps one
    burst from deciding it."""
    seconds = max(2, options.seconds // 5)
    ratios, ceilings = [], []
    for _ in range(SLICES):
        pages = wrk(base, paths, seconds, options.connections, workdir)
        ceiling = wrk(base, ["/bench/ceiling/"], seconds, options.connections, workdir)
        ratios.append(pages["rps"] / ceiling["rps"])
        ceilings.append(ceiling["rps"])
    return statistics.median(ratios), statistics.median(ceilings)


def answered_from_cache(base: str, paths: list[str], sample: int = 10) -> int:
    """How many of the first ``sample`` addresses the page cache answers (a row
    with the cache on is measured without counting every answer)."""
    hits = 0
    for path in paths[:sample]:
        with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310
            response.read()
            hits += response.headers.get("X-Portal-Cache") == "hit"
    return hits


def _error_of(function, *args) -> str | None:
    try:
        function(*args)
    except OSError as error:  # URLError and HTTPError are OSErrors
        return str(error)
    return None


# --- the editor of the soak ---------------------------------------------------------


def start_publisher(
    server: Server, mix: list[str], urls: dict, options, workdir: Path
) -> subprocess.Popen | None:
    """bench/publisher.py in a side process, with the server's settings."""
    if options.publish_every <= 0:
        return None
    paths = workdir / "mix.txt"
    paths.write_text("\n".join(mix) + "\n")
    return subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [
            sys.executable,
            "-m",
            "bench.publisher",
            "--base",
            server.base,
            "--paths",
            str(paths),
            "--solutions",
            ",".join(map(str, urls["solution ids"])),
            "--every",
            str(options.publish_every),
            "--seconds",
            str(options.soak),
            "--report",
            str(workdir / "publisher.json"),
        ],
        cwd=BASE_DIR,
        env=server.env,
    )


def finish_publisher(process: subprocess.Popen | None, workdir: Path) -> dict:
    if process is None:
        return {"publishes": 0, "checked": 0, "stale": 0, "left": 0, "publish_ms": 0}
    if process.wait(timeout=300) != 0:
        sys.exit("bench: the publisher of the soak failed")
    return json.loads((workdir / "publisher.json").read_text())


# --- queries per page --------------------------------------------------------------

#: How tests/test_query_counts.py counts: the second request, as in production.
QUERY_COUNTS_SETTING = "page cache off, content cache on, fragments kept"


def query_counts(workdir: Path) -> list[dict]:
    """Queries per page with 1 and 50 related items: tests/test_query_counts.py."""
    report = workdir / "query_counts.jsonl"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL"}
    }
    result = subprocess.run(  # noqa: S603 - pytest of this project
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/test_query_counts.py",
            "-q",
            "-p",
            "no:cacheprovider",
            "-k",
            "do_not_grow",
        ],
        cwd=BASE_DIR,
        env={**env, "QUERY_COUNTS_REPORT": str(report)},
        capture_output=True,
        text=True,
        check=False,
    )
    rows = (
        [json.loads(line) for line in report.read_text().splitlines()]
        if (report.exists())
        else []
    )
    if result.returncode != 0:
        log(result.stdout[-3000:])
    return [{**row, "grows": row[str(1)] != row[str(50)]} for row in rows]


# --- the report --------------------------------------------------------------------


def machine(env: dict[str, str]) -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    database = env["BENCH_DATABASE"]
    if database == "PostgreSQL":
        with contextlib.suppress(Exception), _pg_admin(env["DATABASE_URL"]) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
            database = f"PostgreSQL {version.split()[0]}"
    wrk_version = subprocess.run(  # noqa: S603
        [WRK, "--version"], capture_output=True, text=True, check=False
    ).stdout.split()[1:2]
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpus": f"{os.cpu_count()} x {cpu}",
        "memory": memory,
        "python": sys.version.split()[0],
        "database": database,
        "wrk": wrk_version[0] if wrk_version else "?",
    }


def print_table(rows: list[dict], ceiling_rps: float) -> None:
    log(
        f"\n  {'page':<22} {'cache':<6} {'addresses':>9} {'req/s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8} {'of ceiling':>10} {'failed':>7}"
    )
    for row in rows:
        log(
            f"  {row['page']:<22} {row['cache']:<6} {row['addresses']:>9} "
            f"{row['rps']:>8.1f} {row['p50_us'] / 1000:>8.1f} "
            f"{row['p95_us'] / 1000:>8.1f} {row['p99_us'] / 1000:>8.1f} "
            f"{row['ratio']:>10.1%} {row['failed']:>7}"
        )


def targets(rows, ceiling_rps, soak, options) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for the figures issue 15 asks for, over its five
    kinds of page (:data:`ISSUE_15_PAGES`; not the search)."""
    pages = [row for row in rows if row["page"] in ISSUE_15_PAGES]
    off = [row for row in pages if row["cache"] == "off"]
    on = [row for row in pages if row["cache"] == "on"]
    worst_p95 = max(off, key=lambda row: row["p95_us"])
    least_off = min(off, key=lambda row: row["ratio"])
    least_on = min(on, key=lambda row: row["ratio"])
    editor = soak["publisher"]
    return [
        (
            f"p95 <= 50 ms without page cache, {options.connections} connections",
            f"{worst_p95['p95_us'] / 1000:.1f} ms ({worst_p95['page']})",
            worst_p95["p95_us"] <= 50_000,
        ),
        (
            ">= 20 % of the ceiling without page cache",
            f"{least_off['ratio']:.1%} ({least_off['page']})",
            least_off["ratio"] >= 0.2,
        ),
        (
            ">= 80 % of the ceiling with page cache",
            f"{least_on['ratio']:.1%} ({least_on['page']})",
            least_on["ratio"] >= 0.8,
        ),
        (
            "soak hit rate >= 90 % while publishing",
            f"{soak['hit_rate']:.1%}",
            soak["hit_rate"] >= 0.9,
        ),
        (
            "0 stale pages",
            f"{editor['stale']} of {editor['checked']}",
            editor["stale"] == 0,
        ),
    ]


def informative(rows, ceiling_rps) -> list[str]:
    """What :data:`INFORMATIVE_PAGES` measured, as a line each: no target here."""
    lines = []
    for kind in INFORMATIVE_PAGES:
        by_cache = {row["cache"]: row for row in rows if row["page"] == kind}
        if not by_cache:
            continue
        off, on = by_cache.get("off"), by_cache.get("on")
        parts = []
        if off:
            parts.append(
                f"without page cache p95 {off['p95_us'] / 1000:.1f} ms, "
                f"{off['ratio']:.1%} of the ceiling"
            )
        if on:
            parts.append(
                f"with page cache p95 {on['p95_us'] / 1000:.1f} ms, "
                f"{on['ratio']:.1%} of the ceiling"
            )
        lines.append(
            f"{kind} (the search issue's, not a target of issue 15): "
            + "; ".join(parts)
        )
    return lines


def print_markdown(about, rows, ceiling_rps, soak, counts, options) -> None:
    """The tables of the README's "Latest figures": the same figures, in the same
    order and rounding, as the text report above them."""
    log(
        f"\nMeasured {about['date']}: {about['cpus']}, {about['memory']} RAM, "
        f"Python {about['python']}, {about['database']}, wrk {about['wrk']}; "
        f"{about['solutions']} live solutions in {', '.join(about['languages'])}; "
        f"gunicorn {options.workers} workers x {options.threads} threads, wrk "
        f"{options.connections} connections, {options.seconds} s per row.\n"
    )
    log(
        "| page | page cache | addresses | req/s | p50 ms | p95 ms | p99 ms "
        "| ceiling beside it, req/s | of the ceiling | failed |"
    )
    log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        log(
            f"| {row['page']} | {row['cache']} | {row['addresses']} | "
            f"{row['rps']:.1f} | {row['p50_us'] / 1000:.1f} | "
            f"{row['p95_us'] / 1000:.1f} | {row['p99_us'] / 1000:.1f} | "
            f"{row['ceiling_rps']:.1f} | {row['ratio']:.1%} | {row['failed']} |"
        )
    log(f"\n{soak_summary(soak, options)}\n")
    log(f"| target (issue 15: {', '.join(ISSUE_15_PAGES)}) | measured | met |")
    log("| --- | --- | --- |")
    for target, measured, met in targets(rows, ceiling_rps, soak, options):
        log(f"| {target} | {measured} | {'yes' if met else 'no'} |")
    for line in informative(rows, ceiling_rps):
        log(f"\nInformative, {line}.")
    log("")
    if counts:
        log(f"| SQL queries per page ({QUERY_COUNTS_SETTING}) | 1 related item | 50 |")
        log("| --- | ---: | ---: |")
        for row in counts:
            log(
                f"| {row['page']} | {row['1']} | {row['50']}"
                + (" (grows)" if row["grows"] else "")
                + " |"
            )


def soak_summary(soak, options) -> str:
    """The soak in a sentence, for the text report and the markdown."""
    editor = soak["publisher"]
    return (
        f"Soak, {options.soak} s, cache on, a solution published every "
        f"{options.publish_every} s: {soak['requests']} requests "
        f"({soak['rps']:.0f} req/s, p50 {soak['p50_us'] / 1000:.1f} ms, p95 "
        f"{soak['p95_us'] / 1000:.1f} ms, p99 {soak['p99_us'] / 1000:.1f} ms), "
        f"{soak['failed']} failed ({soak['non2xx']} non-2xx, "
        f"{soak['socket_errors']} socket errors); page cache hit rate "
        f"{soak['hit_rate']:.1%} ({soak['hits']} hits, {soak['misses']} misses); "
        f"{editor['publishes']} publishes ({editor['publish_ms']:.0f} ms each), "
        f"{editor['checked']} pages showing them fetched right after, "
        f"{editor['stale']} stale, {editor.get('left', 0)} no longer listing it (a "
        "search ranking the renamed solution lower)."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--solutions",
        type=int,
        default=int(os.environ.get("BENCH_SOLUTIONS", 500 if QUICK else 10_000)),
        help="synthetic solutions (default 10000, 500 with BENCH_QUICK=1)",
    )
    parser.add_argument(
        "--seconds", type=int, default=3 if QUICK else 15, help="per wrk run"
    )
    parser.add_argument(
        "--soak", type=int, default=10 if QUICK else 60, help="seconds of the soak"
    )
    cores = os.cpu_count() or 1
    parser.add_argument("--workers", type=int, default=cores * 2)
    parser.add_argument("--threads", type=int, default=2)
    # Issue 15's latency target is at 8 connections.
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--publish-every",
        type=float,
        default=10,
        help="seconds between publishes during the soak (0: none)",
    )
    parser.add_argument("--reseed", action="store_true", help="seed the data again")
    parser.add_argument(
        "--skip-query-counts",
        action="store_true",
        help="leave out the SQL queries per page (minutes of pytest)",
    )
    parser.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--markdown", action="store_true", help="also print the tables for the README"
    )
    options = parser.parse_args(argv)

    log(
        f"Load benchmark: gunicorn ({options.workers} workers x {options.threads} "
        f"threads) and wrk ({options.connections} connections) on loopback, "
        f"{options.solutions} synthetic solutions" + (" [BENCH_QUICK]" if QUICK else "")
    )
    with tempfile.TemporaryDirectory(prefix="kb-bench-load-") as tmp:
        workdir = Path(tmp)
        env = base_environment(workdir)
        if options.reseed:
            env["BENCH_RESEED"] = "1"
        log("\n  data")
        env = prepare_data(workdir, options.solutions, env)
        if options.prepare_only:
            return 0
        if url := redis_url():
            env["REDIS_URL"] = url
        about = machine(env)
        urls = select_urls(env)
        about["solutions"] = urls["solutions"]
        about["languages"] = urls["languages"]
        log(
            f"  {urls['solutions']} live solutions in {', '.join(urls['languages'])}; "
            f"{about['database']}, cache: {'Redis' if url else 'per process'}"
        )

        counts = []
        if not options.skip_query_counts:
            log(
                f"\n  SQL queries per page (tests/test_query_counts.py, "
                f"{QUERY_COUNTS_SETTING})"
            )
            counts = query_counts(workdir)
        for row in counts:
            log(
                f"    {row['page']:<30} {row['1']:>4} with 1 related item, "
                f"{row['50']:>4} with 50" + ("  GROWS" if row["grows"] else "")
            )
        if not counts and not options.skip_query_counts:
            log("    (the query count tests did not run; see above)")

        port = free_port()

        def measure(base: str, paths: list[str]) -> dict:
            return wrk(base, paths, options.seconds, options.connections, workdir)

        rows: list[dict] = []
        for cache in (True, False):
            with Server(env, options.workers, options.threads, cache, port) as server:
                for kind in KINDS:
                    paths = urls[kind]
                    # Warm-up: every address once (with the cache on, this fills
                    # it), then a short run (templates loaded in every worker).
                    warm_up(server.base, paths, options.workers * options.threads)
                    wrk(server.base, paths, 2, options.connections, workdir)
                    figures = measure(server.base, paths)
                    ratio, beside = share_of_ceiling(
                        server.base, paths, options, workdir
                    )
                    if cache:
                        sample = min(10, len(paths))
                        hits = answered_from_cache(server.base, paths, sample)
                        if hits < sample:
                            log(f"    {kind}: only {hits} of {sample} from the cache")
                    rows.append(
                        {
                            "page": kind,
                            "cache": "on" if cache else "off",
                            "addresses": len(paths),
                            **figures,
                            "ceiling_rps": beside,
                            "ratio": ratio,
                        }
                    )
                    log(
                        f"    {kind:<22} cache {'on ' if cache else 'off'} "
                        f"{figures['rps']:8.1f} req/s over {len(paths)} addresses, "
                        f"{ratio:.1%} of the ceiling beside it ({beside:.1f} req/s)"
                    )
                if cache:
                    # The ceiling, with the workers as warm as for the pages.
                    wrk(
                        server.base,
                        ["/bench/ceiling/"],
                        5,
                        options.connections,
                        workdir,
                    )
                    ceiling = measure(server.base, ["/bench/ceiling/"])
                    rows.insert(
                        0,
                        {
                            "page": "ceiling (minimal view)",
                            "cache": "-",
                            "addresses": 1,
                            **ceiling,
                            "ceiling_rps": ceiling["rps"],
                            "ratio": 1.0,
                        },
                    )
                    log(
                        f"    {'ceiling (minimal view)':<32} "
                        f"{ceiling['rps']:8.1f} req/s"
                    )
                    # The same view answering as many bytes as the largest pages
                    # (informative: what moving a 35 kB answer costs by itself).
                    large = measure(server.base, ["/bench/ceiling/?bytes=35000"])
                    rows.insert(
                        1,
                        {
                            "page": "minimal view, 35 kB answer",
                            "cache": "-",
                            "addresses": 1,
                            **large,
                            "ceiling_rps": ceiling["rps"],
                            "ratio": large["rps"] / ceiling["rps"],
                        },
                    )
                    log(
                        f"    {'minimal view, 35 kB answer':<32} "
                        f"{large['rps']:8.1f} req/s"
                    )

        log(
            f"\n  soak: {options.soak} s over the page mix, cache on, a solution "
            f"published every {options.publish_every} s"
        )
        mix = [path for kind in KINDS for path in urls[kind]]
        with Server(env, options.workers, options.threads, True, port) as server:
            publisher = start_publisher(server, mix, urls, options, workdir)
            soak = wrk(
                server.base,
                mix,
                options.soak,
                options.connections,
                workdir,
                count_answers=True,
            )
            soak["publisher"] = finish_publisher(publisher, workdir)

    log(
        f"\n  Machine: {about['cpus']}, {about['memory']} RAM; Python "
        f"{about['python']}, {about['database']}, wrk {about['wrk']}; {about['date']}"
    )
    print_table(rows, ceiling["rps"])
    log(f"\n  {soak_summary(soak, options)}")
    log(f"\n  Targets of issue 15 ({', '.join(ISSUE_15_PAGES)}):")
    for target, measured, met in targets(rows, ceiling["rps"], soak, options):
        log(f"  {'ok  ' if met else 'MISS'} {target}: {measured}")
    for line in informative(rows, ceiling["rps"]):
        log(f"  info {line}")
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(
            json.dumps(
                {"machine": about, "pages": rows, "soak": soak, "queries": counts},
                indent=2,
            )
        )
    if options.markdown:
        print_markdown(about, rows, ceiling["rps"], soak, counts, options)
    failed = soak["failed"]
    stale = soak["publisher"]["stale"]
    if stale:
        log(f"\n  FAILED: {stale} stale pages: {soak['publisher']['stale_pages']}")
    growing = [row["page"] for row in counts if row["grows"]]
    if failed:
        log(f"\n  FAILED: {failed} requests of the soak failed")
    if growing:
        log(f"\n  FAILED: queries grow with related items on {', '.join(growing)}")
    return 1 if failed or growing or stale else 0


if __name__ == "__main__":
    sys.exit(main())
