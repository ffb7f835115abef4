"""Benchmark: portal search with facets at N synthetic solutions, on every engine.

    make bench                                  # page renders, then this
    .venv/bin/python bench/search.py            # N = 10000
    .venv/bin/python bench/search.py --synthetic 2000 --databases sqlite
    BENCH_SYNTHETIC=2000 make bench

For each database: a fresh database (SQLite in a temporary folder; PostgreSQL at
``BENCH_POSTGRES_URL``, default ``postgres://postgres@127.0.0.1:5432/kb_bench_search``,
dropped and created, skipped if the server does not answer), ``migrate``,
``seed_demo --synthetic N --synthetic-unindexed`` (solutions in de, da and en,
written in bulk; 100,000 take minutes), then in a fresh process
(``--reuse`` keeps a PostgreSQL database that already holds N synthetic solutions
from an earlier run and only migrates it):

- indexing throughput: ``update_index`` over every indexed object, objects/second
  (this builds the measured engine's index: the seed leaves the synthetic pages out);
- portal searches through Django's test client (full text, facets, sorting, the
  JSON API and suggestions): p50/p95 milliseconds and SQL queries per request.

Engines: the database search backend on each database, and OpenSearch on PostgreSQL
when a node answers (``OPENSEARCH_URL``, else the one ``scripts/search_node.py``
starts): the same searches, side by side, in one run. ``--engines database`` skips
OpenSearch. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

# Run as a script (bench/ is on sys.path): the load test's manage.py runner.
from load import manage  # noqa: E402

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kb_bench_search"

#: (label, URL) of the timed searches; {field} is a field-of-action slug.
SEARCHES = [
    ("de text", "/de/search/?q=Energie"),
    ("de text + 2 facets", "/de/search/?q=Energie&phase=pilot&field={field}"),
    ("de browse facet", "/de/search/?phase=pilot"),
    ("da text, page 3", "/da/search/?q=data&page=3"),
    ("en text by date", "/en/search/?q=energy&sort=date"),
    ("de typo (did you mean)", "/de/search/?q=Telemedizn"),
    ("API text + facet", "/api/search/?q=Daten&lang=de&country=DK"),
    ("API suggestions", "/api/search/suggest/?q=Lad&lang=de"),
]


def environment(
    database_url: str, workdir: Path, opensearch_url: str = ""
) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": database_url,
        "ELASTICSEARCH_URL": "",
        "OPENSEARCH_URL": opensearch_url,
        "SEARCH_INDEX_PREFIX": f"kbbench_{os.getpid()}_",
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
        "DEBUG": "false",
        # The worker is one process, so its own memory cache is as safe as the
        # shared Redis cache production uses (apps/knowledge/content_cache.py).
        "CONTENT_CACHE_SECONDS": os.environ.get("CONTENT_CACHE_SECONDS", "3600"),
    }


def recreate_postgres(url: str) -> bool:
    """Drop and create the benchmark database; False if PostgreSQL is not there."""
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"  PostgreSQL at {parts.hostname}:{parts.port} unavailable: {error}")
        return False
    return True


def seeded(url: str, synthetic: int) -> bool:
    """Whether the database at ``url`` holds ``synthetic`` solutions or more."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            row = conn.execute("SELECT count(*) FROM knowledge_solutionpage").fetchone()
    except psycopg.Error:
        return False
    return row[0] >= synthetic


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def settle(longest: float = 300.0) -> float:
    """Seconds until the engine has merged what the rebuild wrote (no merge
    running for two seconds): searches are timed on a settled index, as visitors
    meet it, not beside the merges that follow a rebuild."""
    from wagtail.search.backends import get_search_backend

    from apps.knowledge.search import engine

    backend = get_search_backend("default")
    if not engine.is_elasticsearch(backend):
        return 0.0
    started = time.perf_counter()
    quiet_since = None
    while time.perf_counter() - started < longest:
        stats = backend.es.indices.stats(metric="merge")
        if stats["_all"]["total"]["merges"]["current"]:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.perf_counter()
        elif time.perf_counter() - quiet_since >= 2:
            break
        time.sleep(0.5)
    return time.perf_counter() - started


def index_worker() -> dict:
    """Runs inside the seeded database's process: the index of the configured
    engine only (with OpenSearch, the database index was built in the database
    run before)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from modelsearch.index import get_indexed_models

    objects = sum(
        model.get_indexed_objects().count()
        for model in get_indexed_models()
        if not model._meta.abstract and model._meta.concrete_model is model
    )
    started = time.perf_counter()
    call_command("update_index", backend_name="default", verbosity=0)
    index_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk write, which the seeding and the
        # database index are: without the visibility map PostgreSQL reads the
        # table rows an index-only scan would skip (the browse took 122 ms at the
        # median right after seeding 10,000 solutions, 88 ms after a vacuum).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {
        "indexed_objects": objects,
        "index_seconds": round(index_seconds, 1),
        "index_per_second": round(objects / index_seconds, 1),
        "settle_seconds": round(settle(), 1),
    }


def worker(requests: int) -> dict:
    """Runs in a process of its own after the index was built, as a web worker
    does, not in the process that has just indexed every page."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from apps.knowledge.models import FieldOfAction, SolutionPage

    setup_test_environment()
    client = Client()
    field = FieldOfAction.objects.order_by("pk").values_list("slug", flat=True)[0]
    rows = {}
    for label, pattern in SEARCHES:
        url = pattern.format(field=field)
        response = client.get(url)  # warm up
        if response.status_code != 200:
            sys.exit(f"bench: GET {url} answered {response.status_code}")
        timings, queries = [], []
        for _ in range(requests):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            queries.append(len(captured))
        rows[label] = {
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(percentile(timings, 0.95), 1),
            "queries": statistics.median(queries),
        }
    return {"solutions": SolutionPage.objects.live().count(), "searches": rows}


def seed(name: str, url: str, workdir: Path, synthetic: int) -> None:
    print(f"\n  {name}: preparing ({url.split('@')[-1]})")
    env = environment(url, workdir)
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", "--synthetic", str(synthetic), "--synthetic-unindexed", env=env)


def run_engine(url: str, workdir: Path, requests: int, opensearch_url: str = ""):
    env = environment(url, workdir, opensearch_url)
    started = time.perf_counter()
    figures: dict = {}
    for phase in ("index", "search"):
        result = subprocess.run(  # noqa: S603 - this script, in worker mode
            [sys.executable, __file__, "--worker", phase, "--requests", str(requests)],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            sys.exit(f"bench: {phase} worker failed:\n{result.stderr}")
        figures.update(json.loads(result.stdout.strip().splitlines()[-1]))
    print(f"    {'index + searches':<36} {time.perf_counter() - started:7.1f} s")
    if opensearch_url:
        drop_indexes(opensearch_url, env["SEARCH_INDEX_PREFIX"])
    return figures


def drop_indexes(url: str, prefix: str) -> None:
    """The benchmark's indexes on the node, aliased or not."""
    from opensearchpy import OpenSearch

    client = OpenSearch(hosts=[url])
    for name in client.indices.get(index=prefix + "*"):
        client.indices.delete(index=name)


def opensearch_node() -> str:
    """OPENSEARCH_URL, or the node scripts/search_node.py starts; "" if none."""
    if os.environ.get("OPENSEARCH_URL"):
        return os.environ["OPENSEARCH_URL"]
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(BASE_DIR / "scripts" / "search_node.py"), "start"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        print(f"  OpenSearch not measured: {result.stderr.strip()[-300:]}")
        return ""
    return result.stdout.strip()


def report(name: str, figures: dict) -> None:
    print(
        f"\n  {name}: {figures['solutions']} live solutions; update_index "
        f"{figures['indexed_objects']} objects in {figures['index_seconds']} s = "
        f"{figures['index_per_second']} objects/s"
        + (
            f"; merges settled {figures['settle_seconds']} s later"
            if figures.get("settle_seconds")
            else ""
        )
    )
    print(f"    {'search':<26} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>5}")
    for label, row in figures["searches"].items():
        print(
            f"    {label:<26} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
            f"{row['queries']:>5.0f}"
        )


def results_on(results: dict) -> bool:
    """Whether OpenSearch was measured already."""
    return any(name.endswith("OpenSearch") for name in results)


def machine() -> str:
    """CPU model and memory, for the figures' caption."""
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError):
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    return model + memory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--synthetic",
        type=int,
        default=int(os.environ.get("BENCH_SYNTHETIC", 10_000)),
        help="synthetic solutions (default 10000 or $BENCH_SYNTHETIC)",
    )
    parser.add_argument(
        "--requests", type=int, default=20, help="timed requests per search"
    )
    parser.add_argument(
        "--databases",
        default="sqlite,postgresql",
        help="comma separated: sqlite, postgresql",
    )
    parser.add_argument(
        "--engines",
        default="database,opensearch",
        help="comma separated: database, opensearch (on PostgreSQL, else SQLite)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a PostgreSQL database seeded with N solutions (migrate only)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--worker", choices=("index", "search"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv)

    if options.worker:
        sys.path.insert(0, str(BASE_DIR))
        if options.worker == "index":
            print(json.dumps(index_worker()))
        else:
            print(json.dumps(worker(options.requests)))
        return 0

    print(
        f"Benchmark: portal search with facets, {options.synthetic} synthetic "
        f"solutions, {os.cpu_count()} CPU cores, {machine()}"
    )
    engines = options.engines.split(",")
    node = opensearch_node() if "opensearch" in engines else ""
    results = {}
    with tempfile.TemporaryDirectory(prefix="kb-bench-search-") as tmp:
        workdir = Path(tmp)
        databases = options.databases.split(",")
        for name in databases:
            reused = False
            if name == "sqlite":
                url = f"sqlite:///{workdir / 'bench.sqlite3'}"
            elif name == "postgresql":
                url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
                if options.reuse and seeded(url, options.synthetic):
                    print(f"\n  {name}: reusing {url.split('@')[-1]}")
                    manage("migrate", "--noinput", env=environment(url, workdir))
                    reused = True
                elif not recreate_postgres(url):
                    continue
            else:
                sys.exit(f"bench: unknown database {name!r}")
            if not reused:
                seed(name, url, workdir, options.synthetic)
            if "database" in engines:
                results[f"{name}, database search"] = run_engine(
                    url, workdir, options.requests
                )
            # OpenSearch on the production database (PostgreSQL), else SQLite.
            last = databases[-1] == name
            if node and (name == "postgresql" or (last and not results_on(results))):
                results[f"{name}, OpenSearch"] = run_engine(
                    url, workdir, options.requests, node
                )
    for name, figures in results.items():
        report(name, figures)
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
