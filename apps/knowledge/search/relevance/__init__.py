"""The search relevance set and its measures: recall@5 and mean reciprocal rank.

The set (``queries.txt``) lives next to this module; see its header for the format.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.utils import translation

QUERIES_FILE = Path(__file__).with_name("queries.txt")
CUTOFF = 5


@dataclass(frozen=True)
class RelevanceQuery:
    language: str
    kind: str
    text: str
    expected: tuple[str, ...]


@dataclass
class Measured:
    query: RelevanceQuery
    found: list[str]

    @property
    def recall(self) -> float:
        top = set(self.found[:CUTOFF])
        return len(top & set(self.query.expected)) / len(self.query.expected)

    @property
    def reciprocal_rank(self) -> float:
        for rank, slug in enumerate(self.found, start=1):
            if slug in self.query.expected:
                return 1 / rank
        return 0.0


def load(path: Path = QUERIES_FILE) -> list[RelevanceQuery]:
    """The queries of the set, in file order."""
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 4:
            raise ValueError(f"{path.name}:{number}: expected 4 fields, got {line!r}")
        language, kind, text, expected = parts
        slugs = tuple(slug.strip() for slug in expected.split(",") if slug.strip())
        queries.append(RelevanceQuery(language, kind, text, slugs))
    return queries


def run(queries: list[RelevanceQuery], backend) -> list[Measured]:
    """Search each query as a visitor of its language would, on ``backend``."""
    from apps.knowledge.search.service import SearchParams, search

    measured = []
    for query in queries:
        params = SearchParams(q=query.text)
        with translation.override(query.language):
            outcome = search(params, query.language, record=False, backend=backend)
        measured.append(Measured(query, [hit.page.slug for hit in outcome.hits]))
    return measured


def summarise(measured: list[Measured]) -> dict[str, tuple[int, float, float]]:
    """Per language and overall: (queries, recall@5, MRR)."""
    groups: dict[str, list[Measured]] = defaultdict(list)
    for item in measured:
        groups[item.query.language].append(item)
        groups["all"].append(item)
    return {
        key: (
            len(items),
            sum(i.recall for i in items) / len(items),
            sum(i.reciprocal_rank for i in items) / len(items),
        )
        for key, items in groups.items()
    }
