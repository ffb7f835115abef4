"""The search relevance set and its measures: recall@5 and mean reciprocal rank.

The set (``queries.txt``) lives next to this module; see its header for the format.
"""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import translation
from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_models
from wagtail.models import Page

from apps.knowledge.search.service import SearchParams, search

QUERIES_FILE = Path(__file__).with_name("queries.txt")
CUTOFF = 5

#: The search engines measured when their address is set: (name, setting, backend).
ENGINES: tuple[tuple[str, str, str], ...] = (
    ("opensearch", "OPENSEARCH_URL", "apps.knowledge.search.opensearch"),
    ("elasticsearch", "ELASTICSEARCH_URL", "apps.knowledge.search.elasticsearch"),
)


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
    #: The engine that answered: the database when the engine failed meanwhile.
    engine_name: str = ""

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

    originals = original_slugs()
    measured = []
    for query in queries:
        params = SearchParams(q=query.text)
        with translation.override(query.language):
            outcome = search(params, query.language, record=False, backend=backend)
        slugs = [
            originals.get(hit.page.translation_key, hit.page.slug)
            for hit in outcome.hits
        ]
        measured.append(Measured(query, slugs, outcome.engine_name))
    return measured


def original_slugs() -> dict[uuid.UUID, str]:
    """{translation key: slug of the version created first}: the name the set
    expects for a hit in any language (a translation's own slug comes from its
    title: the Danish version of ``nf-rufbus`` is ``telebussen-nf-shuttle-...``)."""
    rows = Page.objects.order_by("-pk").values_list("translation_key", "slug")
    # Later rows win: the lowest id, the original, is kept.
    return dict(rows)


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


def configured_engines() -> list[tuple[str, str]]:
    """(name, address) of each search engine whose address the settings name."""
    return [
        (name, getattr(settings, variable, ""))
        for name, variable, _backend in ENGINES
        if getattr(settings, variable, "")
    ]


def engine_backend(name: str, url: str):
    """The project's backend for engine ``name`` at ``url``, on indexes of its own.

    The unique prefix keeps the site's own index and parallel runs untouched.
    """
    backend_path = next(path for engine, _var, path in ENGINES if engine == name)
    return get_search_backend(
        backend_path,
        URLS=[url],
        INDEX_PREFIX=f"kbrelevance_{uuid.uuid4().hex[:12]}_",
        TIMEOUT=60,
    )


@contextmanager
def engine_index(backend) -> Iterator[float]:
    """The current content indexed on ``backend``; the indexes are deleted after.

    Yields the seconds the indexes took to create (their analysis settings carry
    the compound word lists inline).
    """
    indexes = {}
    for model in get_indexed_models():
        index = backend.get_index_for_model(model)
        indexes.setdefault(index.name, (index, []))[1].append(model)
    created = 0.0
    try:
        for index, models in indexes.values():
            started = time.monotonic()
            index.put()
            created += time.monotonic() - started
            for model in models:
                index.add_model(model)
            for model in models:
                objects = list(model.get_indexed_objects().order_by("pk"))
                for start in range(0, len(objects), 500):
                    index.add_items(model, objects[start : start + 500])
            index.refresh()
        yield created
    finally:
        for index, _models in indexes.values():
            index.delete()
