"""Which live search engines the tests can reach, and a backend on each.

``OPENSEARCH_URL`` names the OpenSearch node (``.ci/run`` and ``make test-search``
start one with ``scripts/search_node.py``); ``ELASTICSEARCH_URL`` an Elasticsearch 9
server (docker-compose has one). A live test runs on each engine that is set. In CI
the OpenSearch node is required: a live test there fails instead of skipping.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from modelsearch.backends import get_search_backend

# tests/knowledge/search/ -> the repository.
BASE_DIR = Path(__file__).resolve().parents[3]
SEARCH_NODE = BASE_DIR / "scripts" / "search_node.py"


@dataclass(frozen=True)
class LiveEngine:
    """A search engine the tests reach, and the backend module that talks to it."""

    name: str
    url_variable: str
    backend: str

    @property
    def url(self) -> str:
        return os.environ.get(self.url_variable, "")

    def backend_settings(self, prefix: str | None = None, **extra) -> dict:
        """A ``WAGTAILSEARCH_BACKENDS`` entry with an index prefix of its own."""
        return {
            "BACKEND": self.backend,
            "URLS": [self.url],
            "INDEX_PREFIX": prefix or unique_prefix(),
            "TIMEOUT": 30,
            **extra,
        }

    def make_backend(self, prefix: str | None = None, **extra):
        """The project's backend for this engine, on indexes of its own."""
        params = self.backend_settings(prefix, **extra)
        return get_search_backend(params.pop("BACKEND"), **params)


OPENSEARCH = LiveEngine(
    "opensearch", "OPENSEARCH_URL", "apps.knowledge.search.opensearch"
)
ELASTICSEARCH = LiveEngine(
    "elasticsearch", "ELASTICSEARCH_URL", "apps.knowledge.search.elasticsearch"
)
ENGINES = (OPENSEARCH, ELASTICSEARCH)


def unique_prefix() -> str:
    """Index names of one test run: parallel runs never share an index."""
    return f"kbtest_{uuid.uuid4().hex[:12]}_"


def require(engine: LiveEngine) -> None:
    """Skip (fail in CI for OpenSearch) when ``engine`` is not configured."""
    if engine.url:
        return
    reason = (
        f"live {engine.name} tests need {engine.url_variable}; start a node with "
        "`make search-node` (Java 21+ and Maven)"
        if engine is OPENSEARCH
        else f"live {engine.name} tests need {engine.url_variable} "
        "(e.g. http://localhost:9200 from docker-compose)"
    )
    if engine is OPENSEARCH and os.environ.get("CI"):
        pytest.fail(f"CI runs the live search tests: {reason}")
    pytest.skip(reason)


def engine_params() -> list:
    """``pytest.mark.parametrize`` values: one per engine, marked live."""
    return [pytest.param(engine, id=engine.name) for engine in ENGINES]


def search_node(action: str) -> None:
    """Stop or start the node of ``OPENSEARCH_URL`` (same port, same data)."""
    port = OPENSEARCH.url.rsplit(":", 1)[-1].strip("/")
    command = [sys.executable, str(SEARCH_NODE), action]
    if action == "start":
        command += ["--port", port]
    subprocess.run(command, check=True, timeout=300)  # noqa: S603 - our own script
