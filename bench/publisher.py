"""The editor of bench/load.py's soak: publishes a solution every few seconds.

    python -m bench.publisher --base http://127.0.0.1:PORT --paths paths.txt \\
        --solutions 12,34 --every 10 --seconds 600 --report publisher.json

Runs with the server's settings and database (environment of bench/load.py). Each
round takes the next solution (the newest ones, shown on the home pages and lists,
alternating with the solution pages of the mix), notes which pages of the mix show
its title, publishes it with a new title through a revision as an editor does, and
fetches those pages and its own page again at once: a page that still shows the old
title and not the new one (or its own page without the new title) is stale; a page
showing neither no longer lists it (a search whose ranking moved the renamed
solution off its first page) and is counted apart. The report counts publishes,
pages checked, stale pages and pages that left it out.
"""

from __future__ import annotations

import argparse
import html
import json
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import django

SUFFIX = " · soak "


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback
        return response.read().decode()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--paths", type=Path, required=True)
    parser.add_argument("--solutions", default="")
    parser.add_argument("--every", type=float, default=10)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--report", type=Path, required=True)
    options = parser.parse_args()

    django.setup()
    # After django.setup(): the models need the app registry.
    from wagtail.models import Locale

    from apps.knowledge.models import SolutionPage
    from apps.knowledge.models.pages import live_solutions
    from apps.knowledge.visibility import visible

    mix = [line for line in options.paths.read_text().splitlines() if line]
    newest = [
        page.pk
        for language in ("de", "da", "en")
        for page in live_solutions(Locale.objects.get(language_code=language))[:6]
    ]
    sampled = [int(pk) for pk in options.solutions.split(",") if pk]
    order = [pk for pair in zip(newest * 10, sampled, strict=False) for pk in pair]
    order = order or newest
    report = {
        "publishes": 0,
        "checked": 0,
        "stale": 0,
        "stale_pages": [],
        "left": 0,
        "left_pages": [],
    }
    publish_ms: list[float] = []
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for number in range(10**6):
            tick = started + number * options.every
            if tick >= started + options.seconds - 1:
                break
            time.sleep(max(0.0, tick - time.monotonic()))
            page = visible(SolutionPage.objects).get(pk=order[number % len(order)])
            own = options.base + page.get_url()
            old = html.escape(page.title)
            pages = dict(
                zip(mix, pool.map(lambda p: fetch(options.base + p), mix), strict=True)
            )
            showing = [path for path, text in pages.items() if old in text]
            base_title = page.title.split(SUFFIX)[0]
            page.title = f"{base_title}{SUFFIX}{number}"
            began = time.perf_counter()
            page.save_revision().publish()
            publish_ms.append((time.perf_counter() - began) * 1000)
            new = html.escape(page.title)
            urls = [own, *(options.base + path for path in showing)]
            for url, text in zip(urls, pool.map(fetch, urls), strict=True):
                report["checked"] += 1
                if new in text:
                    continue
                if old in text or url == own:
                    # Still the old title: a stale page.
                    report["stale"] += 1
                    report["stale_pages"].append(url)
                else:
                    # Neither title: the page no longer lists it (a search whose
                    # ranking moved the renamed solution off its first page), so
                    # it shows nothing out of date.
                    report["left"] += 1
                    report["left_pages"].append(url)
            report["publishes"] += 1
    report["publish_ms"] = sum(publish_ms) / len(publish_ms) if publish_ms else 0
    options.report.write_text(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
