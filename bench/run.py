"""Benchmarks: portal page render time over the demo content on SQLite.

    make bench                       # or: .venv/bin/python bench/run.py --help

Builds a throw-away SQLite database in a temporary folder (``migrate``, then
``seed_demo`` with optional ``--synthetic N`` extra solutions, then
``collectstatic``), and renders the home page, the knowledge index and solution
pages with Django's test client under the production settings (DEBUG off,
WhiteNoise manifest storage, database search backend). Prints p50/p95/max
milliseconds and SQL queries per request for each kind of page; ``--json``
writes the same numbers to a file (bench/results/ is git-ignored).

Search benchmarks: bench/search.py (also run by make bench).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PAGE_KINDS = {
    "home": "knowledge.HomePage",
    "knowledge index": "knowledge.KnowledgeIndexPage",
    "solution": "knowledge.SolutionPage",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed command, our own manage.py
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def prepare(workdir: Path, synthetic: int) -> dict[str, str]:
    """Create, seed and collect static files for a database in ``workdir``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "ELASTICSEARCH_URL": "",
        "OPENSEARCH_URL": "",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "ALLOWED_HOSTS": "testserver,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }
    help_text = manage("help", "seed_demo", env=env)
    if help_text.returncode != 0:
        sys.exit(
            "bench: `manage.py seed_demo` is not available yet, so there is no demo "
            "content to render; nothing was measured."
        )
    seed_args = ["seed_demo"]
    if synthetic and "--synthetic" in help_text.stdout:
        seed_args += ["--synthetic", str(synthetic)]
    for args in (["migrate", "--noinput"], seed_args, ["collectstatic", "--noinput"]):
        started = time.perf_counter()
        result = manage(*args, env=env)
        if result.returncode != 0:
            sys.exit(f"bench: manage.py {' '.join(args)} failed:\n{result.stderr}")
        print(f"  {' '.join(args):<32} {time.perf_counter() - started:6.1f} s")
    return env


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(requests: int, max_pages: int) -> dict[str, dict[str, float]]:
    """Render each kind of page ``requests`` times, round-robin over its pages."""
    import django

    django.setup()
    from django.apps import apps
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    client = Client()
    results: dict[str, dict[str, float]] = {}
    for kind, label in PAGE_KINDS.items():
        model = apps.get_model(label)
        pages = list(model.objects.live().order_by("pk")[:max_pages])
        urls = [url for page in pages if (url := page.get_url())]
        if not urls:
            print(f"  {kind:<16} no live page in the demo content: skipped")
            continue
        for url in urls:  # warm up caches and templates once per page
            response = client.get(url)
            if response.status_code != 200:
                sys.exit(f"bench: GET {url} answered {response.status_code}")
        timings: list[float] = []
        queries: list[int] = []
        for i in range(requests):
            url = urls[i % len(urls)]
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            queries.append(len(captured))
        results[kind] = {
            "pages": len(urls),
            "requests": requests,
            "p50_ms": round(statistics.median(timings), 2),
            "p95_ms": round(percentile(timings, 0.95), 2),
            "max_ms": round(max(timings), 2),
            "queries_p50": statistics.median(queries),
        }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--requests", type=int, default=50, help="timed requests per page kind"
    )
    parser.add_argument(
        "--synthetic",
        type=int,
        default=0,
        help="extra synthetic solutions for seed_demo --synthetic",
    )
    parser.add_argument(
        "--max-pages", type=int, default=20, help="distinct pages per kind"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    options = parser.parse_args(argv)

    print("Benchmark: portal page render time (SQLite, production settings)")
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        env = prepare(Path(tmp), options.synthetic)
        os.environ.update(env)
        sys.path.insert(0, str(BASE_DIR))
        results = measure(options.requests, options.max_pages)

    print(
        f"\n  {'page':<16} {'pages':>5} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'max ms':>8} {'SQL':>5}"
    )
    for kind, row in results.items():
        print(
            f"  {kind:<16} {row['pages']:>5} {row['requests']:>5} "
            f"{row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['max_ms']:>8.1f} "
            f"{row['queries_p50']:>5.0f}"
        )
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(results, indent=2))
        print(f"\n  written to {options.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
