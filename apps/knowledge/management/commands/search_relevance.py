"""Measure search relevance: recall@5 and MRR per engine and language."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from wagtail.search.backends import get_search_backend

from apps.knowledge.search import engine
from apps.knowledge.search.relevance import (
    CUTOFF,
    Measured,
    configured_engines,
    engine_backend,
    engine_index,
    load,
    run,
    summarise,
)


class Command(BaseCommand):
    help = (
        "Run the relevance set (apps/knowledge/search/relevance/queries.txt) over "
        "the current content (seed_demo) and print recall@5 and MRR per engine and "
        "language. The database backend always; OpenSearch when OPENSEARCH_URL is "
        "set, Elasticsearch when ELASTICSEARCH_URL is set, each on indexes of its "
        "own that are deleted afterwards."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--misses", action="store_true", help="List the queries that missed."
        )
        parser.add_argument(
            "--engine",
            action="append",
            choices=["database", "opensearch", "elasticsearch"],
            help="Measure only this engine (repeatable).",
        )

    def handle(self, *args, **options) -> None:
        queries = load()
        if not queries:
            raise CommandError("The relevance set is empty.")
        wanted = set(options["engine"] or ())
        self.stdout.write(
            f"{len(queries)} queries; recall@{CUTOFF} and MRR (mean reciprocal rank)"
        )
        self.stdout.write(f"{'engine':<14}{'language':<10}{'n':>4}  recall@5   MRR")
        if not wanted or "database" in wanted:
            database = get_search_backend("apps.knowledge.search.database")
            self.report("database", run(queries, database), options["misses"])
        for name, url in configured_engines():
            if wanted and name not in wanted:
                continue
            backend = engine_backend(name, url)
            if not engine.reachable(backend):
                self.stderr.write(f"{name} at {url} does not answer: not measured.")
                continue
            with engine_index(backend) as created:
                measured = run(queries, backend)
            self.report(name, measured, options["misses"])
            self.stdout.write(f"{'':<14}indexes created in {created:.2f} s")
            fell_back = [item for item in measured if item.engine_name != name]
            if fell_back:
                # The portal answered from the database: not the engine's figures.
                raise CommandError(
                    f"{len(fell_back)} queries were answered by the database because "
                    f"{name} failed meanwhile; measure again."
                )

    def report(self, name: str, measured: list[Measured], misses: bool) -> None:
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
        if misses:
            for item in measured:
                if item.recall < 1 or item.reciprocal_rank < 1:
                    self.stdout.write(
                        f"  miss [{name} {item.query.language} "
                        f"{item.query.kind}] {item.query.text!r}: "
                        f"got {item.found[:CUTOFF]} want {list(item.query.expected)}"
                    )


def summarise_by_kind(measured: list[Measured]) -> dict[str, float]:
    """recall@5 per kind of query (stemming, compound, synonym, ...)."""
    kinds: dict[str, list[float]] = {}
    for item in measured:
        kinds.setdefault(item.query.kind, []).append(item.recall)
    return {kind: sum(values) / len(values) for kind, values in kinds.items()}
