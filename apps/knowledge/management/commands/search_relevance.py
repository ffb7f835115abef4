"""Measure search relevance: recall@5 and MRR per engine and language."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.search.backends import get_search_backend

from apps.knowledge.search import engine
from apps.knowledge.search.relevance import CUTOFF, load, run, summarise


class Command(BaseCommand):
    help = (
        "Run the relevance set (apps/knowledge/search/relevance/queries.txt) over "
        "the demo content and print recall@5 and MRR per engine and language. "
        "The database backend always; Elasticsearch when ELASTICSEARCH_URL is set."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--misses", action="store_true", help="List the queries that missed."
        )

    def handle(self, *args, **options) -> None:
        queries = load()
        if not queries:
            raise CommandError("The relevance set is empty.")
        engines = {"database": get_search_backend("apps.knowledge.search.database")}
        if settings.ELASTICSEARCH_URL:
            backend = get_search_backend("default")
            if engine.is_elasticsearch(backend) and engine.reachable(backend):
                engines["elasticsearch"] = backend
            else:
                self.stderr.write("Elasticsearch unreachable: measured the database.")
        self.stdout.write(
            f"{len(queries)} queries; recall@{CUTOFF} and MRR (mean reciprocal rank)"
        )
        self.stdout.write(f"{'engine':<14}{'language':<10}{'n':>4}  recall@5   MRR")
        for name, backend in engines.items():
            measured = run(queries, backend)
            summary = summarise(measured)
            order = [*sorted(k for k in summary if k != "all"), "all"]
            for key in order:
                count, recall, mrr = summary[key]
                self.stdout.write(
                    f"{name:<14}{key:<10}{count:>4}  {recall:>8.2f}  {mrr:>5.2f}"
                )
            kinds = summarise_by_kind(measured)
            self.stdout.write(
                f"{'':<14}by kind: "
                + ", ".join(f"{k} {r:.2f}" for k, r in sorted(kinds.items()))
            )
            if options["misses"]:
                for item in measured:
                    if item.recall < 1:
                        self.stdout.write(
                            f"  miss [{name} {item.query.language} "
                            f"{item.query.kind}] {item.query.text!r}: "
                            f"got {item.found[:CUTOFF]}"
                        )


def summarise_by_kind(measured) -> dict[str, float]:
    """recall@5 per kind of query (stemming, compound, synonym, ...)."""
    kinds: dict[str, list[float]] = {}
    for item in measured:
        kinds.setdefault(item.query.kind, []).append(item.recall)
    return {kind: sum(values) / len(values) for kind, values in kinds.items()}
