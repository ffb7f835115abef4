"""A portal search on Elasticsearch or OpenSearch: one request does all the work.

The request carries the text query that modelsearch's compiler builds (every
language's fields, the visitor's boosted, synonyms in the search analyzers,
``fuzziness``) with the visibility filters, and adds what modelsearch has no API
for:

- ``post_filter``: the selected facet values, so the hits narrow while the facet
  counts still see the other values;
- ``aggs``: per facet a ``filter`` aggregation with the *other* facets' selections
  and a ``terms`` aggregation whose buckets count solutions, so each facet counts
  under the other facets' filters and a solution in three languages counts once;
  one more for the total. How a solution is counted once (:func:`counting`):
  by its first live version's document when browsing without words
  (:mod:`.first_versions`), by its document in the one language selected, else
  by distinct translation keys (``cardinality``);
- ``collapse`` on the translation key: one hit per solution, its best version;
- ``from``/``size``: the requested page only;
- ``highlight``: the excerpt, HTML-encoded, with ``<mark>``;
- for the map, on request, ``aggs.located``: under every selection, each
  solution's best version (a ``terms`` bucket per translation key, up to
  :data:`LOCATED_SIZE`, with its ``top_hits``), of which the database keeps those
  with a place.

No scroll, no reading of all hits: the page's hits (twelve at most) are swapped for
the visitor's translation in one query; only the map's places, when asked for, go
back to the database as one list of ids (one query keeps those with a place).
https://docs.opensearch.org/latest/search-plugins/collapse-search/
https://www.elastic.co/docs/reference/elasticsearch/rest-apis/collapse-search-results
"""

from __future__ import annotations

import elastic_transport
import elasticsearch
import opensearchpy
from django.utils.safestring import mark_safe
from modelsearch.query import MATCH_ALL
from wagtail.models import Page

from apps.knowledge import content_cache
from apps.knowledge.models import SolutionPage
from apps.knowledge.search import engine, first_versions
from apps.knowledge.search.analysis import LANGUAGES
from apps.knowledge.search.database_query import (
    live_pages,
    located_versions,
    shown_versions,
)
from apps.knowledge.search.facets import FACETS, Matches, filter_values
from apps.knowledge.search.localised import (
    FACET_FIELD_PREFIX,
    TRANSLATION_KEY_FIELD,
    language_text_field,
)

#: Every error the two clients raise for a failed request: refused or lost
#: connections, timeouts, 4xx (a missing or closed index, ``too_many_clauses``)
#: and 5xx/429 answers. The portal then searches the database index.
ENGINE_ERRORS: tuple[type[Exception], ...] = (
    elasticsearch.ApiError,
    elastic_transport.TransportError,
    opensearchpy.OpenSearchException,
)

#: Upper bound of distinct values a facet lists (municipalities, tags).
FACET_SIZE = 200
#: Exact distinct counts below this many solutions per bucket (the engines'
#: maximum); above it the count is an estimate within a few percent.
CARDINALITY_PRECISION = 40000
#: The facet that counts documents, not distinct solutions: a solution has at
#: most one version per language, so its documents in a language are its count.
PER_DOCUMENT_FACETS = frozenset({"language"})
#: Only the documents of solutions' first live versions (:data:`FIRST_VERSIONS`).
FIRST_VERSION_CLAUSE = {"term": {first_versions.FIELD: True}}
#: Solutions the map of one search shows at most from the engine.
LOCATED_SIZE = 10000

#: How the facets and the total count each solution once (see :func:`counting`):
#: its first live version's document, its document in the one selected
#: language, or its distinct translation key.
FIRST_VERSIONS = "first-versions"
DOCUMENTS = "documents"
DISTINCT = "distinct"


def facet_field(name: str) -> str:
    return FACET_FIELD_PREFIX + name


def run(
    params,
    text: str,
    groups: list[list[str]],
    backend,
    language: str,
    *,
    operator: str = "and",
    per_page: int,
    located: bool = False,
) -> Matches:
    """Search ``text`` (may be empty: browse by facets) under ``params``' filters;
    ``located``: also every result that has a place (:attr:`Matches.located`).

    The words are first searched as they are (with their stems and synonyms);
    only when that does not fill the first page are they searched again with
    typos tolerated (``fuzziness``). Fuzzy matching is most of the engine's work
    (about 35 of 55 ms at 10,000 solutions), and where the exact words fill a
    page, their typo neighbours would rank below them anyway. The choice depends
    on the search and its filters only, so every page of a search makes the same.
    """
    pages = live_pages()
    if params.filters:
        # Facets describe solutions; other pages cannot satisfy them.
        pages = pages.type(SolutionPage)
    stored = filter_values(params.filters)
    index = backend.get_index_for_model(Page).name
    request = {
        "stored": stored,
        "sort": _sort(params, text),
        "offset": (params.page - 1) * per_page,
        "size": per_page,
        "language": language,
        "located": located,
        "precision": cardinality_precision(),
        "counting": counting(text, stored, backend, index),
    }
    if request["counting"] == DISTINCT:
        request["facet_precision"] = facet_precisions(backend, index)
    order_by_relevance = bool(text) and params.sort == "relevance"
    answer = None
    for fuzzy in (False, True) if text else (False,):
        query = (
            engine.build_query(text, groups, backend, operator, fuzzy=fuzzy)
            if text
            else MATCH_ALL
        )
        compiler = backend.query_compiler_class(
            pages, query, order_by_relevance=order_by_relevance
        )
        compiler.check()
        compiled = compiler.get_query()
        body = request_body(
            compiled,
            highlight_query=without_fuzziness(compiled) if fuzzy else None,
            **request,
        )
        answer = backend.es.search(index=index, body=body)
        if fuzzy or _total(answer) >= per_page:
            break
    return _matches(answer, stored, language)


def counting(text: str, stored: dict[str, tuple[str, ...]], backend, index: str):
    """How this search counts each solution once, the cheapest exact way.

    - One language selected: a solution has one document in it at most, so its
      documents are its solutions (:data:`DOCUMENTS`).
    - Browsing without words: every live version of a solution is looked at, so
      its first live version stands for it (:data:`FIRST_VERSIONS`), unless a
      solution is visible in one language and hidden in another, or the index was
      built before documents said which version is the first.
    - Otherwise (words match some versions of a solution and not others)
      distinct translation keys, a counter per bucket (:data:`DISTINCT`): at
      100,000 solutions most of a browse's time.
    """
    languages = stored.get("language", ())
    if len(languages) == 1:
        return DOCUMENTS
    if (
        not text
        and not languages
        and first_versions.counts_exactly()
        and first_versions_indexed(backend, index)
    ):
        return FIRST_VERSIONS
    return DISTINCT


def first_versions_indexed(backend, index: str) -> bool:
    """Whether the index's documents say which is their solution's first version
    (an index built by an earlier release does not, until it is rebuilt); asked
    once per content version."""

    def ask() -> bool:
        try:
            answer = backend.es.indices.get_mapping(index=index)
            return any(
                first_versions.FIELD in mapping["mappings"].get("properties", {})
                for mapping in answer.values()
            )
        except (*ENGINE_ERRORS, AttributeError, KeyError, TypeError):
            return False

    return content_cache.remember("search-first-versions-indexed", ask, index)


def cardinality_precision() -> int:
    """The distinct counts' precision threshold: the next power of two above the
    number of distinct live pages (a count cannot exceed it), at most the engines'
    maximum.

    Below the threshold the engine counts exactly; each bucket of each facet gets
    a counter of that size, so a threshold far above what can be counted (the
    maximum, 40,000, at 7,000 pages) only costs time: about a third of a search
    with every facet at 10,000 solutions.
    """
    pages = content_cache.remember(
        "search-distinct-pages",
        lambda: Page.objects.live().values("translation_key").distinct().count(),
    )
    return _threshold(pages)


def facet_precisions(backend, index: str) -> dict[str, int]:
    """Per facet, a lower precision threshold where its values are small: the
    next power of two above the documents of its largest value among all visible
    pages, which no distinct count under any search can exceed.

    Each bucket's counter costs in proportion to the threshold, whatever it
    counts: at 100,000 solutions the 55 tags of a text search with two facets
    took 15 of its 50 ms at the 40,000 maximum. Asked once per content version
    (one request without hits, every facet's largest value).
    """

    def ask() -> dict[str, int]:
        compiler = backend.query_compiler_class(
            live_pages(), MATCH_ALL, order_by_relevance=False
        )
        compiler.check()
        names = [name for name in FACETS if name not in PER_DOCUMENT_FACETS]
        answer = backend.es.search(
            index=index,
            body={
                "query": compiler.get_query(),
                "size": 0,
                "track_total_hits": False,
                "aggs": {
                    name: {"terms": {"field": facet_field(name), "size": 1}}
                    for name in names
                },
            },
        )
        return {
            name: _threshold(
                max(
                    (b["doc_count"] for b in answer["aggregations"][name]["buckets"]),
                    default=0,
                )
            )
            for name in names
        }

    return content_cache.remember("search-facet-precisions", ask, index)


def _threshold(most: int) -> int:
    """The precision threshold that counts up to ``most`` exactly."""
    return min(CARDINALITY_PRECISION, 1 << max(most, 1).bit_length())


def request_body(
    query: dict,
    stored: dict[str, tuple[str, ...]],
    *,
    sort: list,
    offset: int,
    size: int,
    language: str,
    located: bool = False,
    precision: int = CARDINALITY_PRECISION,
    highlight_query: dict | None = None,
    counting: str = DISTINCT,
    facet_precision: dict[str, int] | None = None,
) -> dict:
    """The search request: query, post_filter, aggregations, collapse, paging;
    ``located``: the best version of every solution found, for the map;
    ``precision``: see :func:`cardinality_precision`, ``facet_precision`` lower
    ones by facet (:func:`facet_precisions`); ``highlight_query``: what the
    excerpts mark, if not the query itself; ``counting``: see :func:`counting`."""
    selections = {name: _terms(name, values) for name, values in stored.items()}

    def distinct(facet: str | None = None) -> dict:
        threshold = min(precision, (facet_precision or {}).get(facet, precision))
        return {
            "cardinality": {
                "field": TRANSLATION_KEY_FIELD,
                "precision_threshold": threshold,
            }
        }

    counted = [FIRST_VERSION_CLAUSE] if counting == FIRST_VERSIONS else []
    aggs: dict = {
        "total": {"filter": _all_of([*selections.values(), *counted])},
    }
    if counting == DISTINCT:
        aggs["total"]["aggs"] = {"solutions": distinct()}
    for name in FACETS:
        others = [clause for other, clause in selections.items() if other != name]
        values: dict = {"terms": {"field": facet_field(name), "size": FACET_SIZE}}
        if name in PER_DOCUMENT_FACETS:
            # The language facet counts versions in each language: all of them.
            narrowed = others
        else:
            narrowed = [*others, *counted]
            if counting == DISTINCT:
                values["aggs"] = {"solutions": distinct(name)}
        aggs[f"facet_{name}"] = {
            "filter": _all_of(narrowed),
            "aggs": {"values": values},
        }
    if located:
        best = {"size": 1, "_source": ["pk"]}
        if sort:
            best["sort"] = sort
        aggs["located"] = {
            "filter": _all_of(list(selections.values())),
            "aggs": {
                "keys": {
                    "terms": {"field": TRANSLATION_KEY_FIELD, "size": LOCATED_SIZE},
                    "aggs": {"best": {"top_hits": best}},
                }
            },
        }
    highlighted = [language_text_field(language)] + [
        language_text_field(other) for other in LANGUAGES if other != language
    ]
    body: dict = {
        "query": query,
        "aggs": aggs,
        "collapse": {"field": TRANSLATION_KEY_FIELD},
        "from": offset,
        "size": size,
        "_source": ["pk", TRANSLATION_KEY_FIELD],
        "track_total_hits": False,
        "highlight": {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "require_field_match": False,
            "fields": {
                field: {"fragment_size": 180, "number_of_fragments": 1}
                for field in highlighted
            },
        },
    }
    if highlight_query is not None:
        body["highlight"]["highlight_query"] = highlight_query
    if sort:
        body["sort"] = sort
    if selections:
        body["post_filter"] = _all_of(list(selections.values()))
    return body


def without_fuzziness(query):
    """``query`` with its exact terms only: what the excerpts mark.

    Marking the fuzzy neighbours of the words means matching every page's text
    against them again: about 20 ms of a 55 ms search at 10,000 solutions. A page
    found only by a typo's neighbour then has no excerpt from the engine and gets
    the service's own (:func:`apps.knowledge.search.highlight.highlight`).
    """
    if isinstance(query, dict):
        return {
            key: without_fuzziness(value)
            for key, value in query.items()
            if key != "fuzziness"
        }
    if isinstance(query, list):
        return [without_fuzziness(item) for item in query]
    return query


def _terms(name: str, values: tuple[str, ...]) -> dict:
    """Values of one facet widen (OR)."""
    return {"terms": {facet_field(name): list(values)}}


def _all_of(clauses: list[dict]) -> dict:
    """Different facets narrow (AND); no clause matches everything."""
    if not clauses:
        return {"match_all": {}}
    return {"bool": {"filter": clauses}}


def _sort(params, text: str) -> list:
    if params.sort == "date" or not text:
        # Newest first; pages never published through the admin last.
        return [
            {"last_published_at_filter": {"order": "desc", "missing": "_last"}},
            {"pk": {"order": "asc"}},
        ]
    return []


def _total(answer: dict) -> int:
    return _solutions(answer["aggregations"]["total"])


def _solutions(bucket: dict) -> int:
    """A bucket's solutions: its distinct count where it has one, else its
    documents (see :func:`counting`)."""
    if "solutions" in bucket:
        return bucket["solutions"]["value"]
    return bucket["doc_count"]


def _matches(answer: dict, stored: dict, language: str) -> Matches:
    aggregations = answer["aggregations"]
    facet_counts = {
        name: {
            str(bucket["key"]): count
            for bucket in aggregations[f"facet_{name}"]["values"]["buckets"]
            if (count := _solutions(bucket)) and bucket["key"] not in ("", None)
        }
        for name in FACETS
    }
    total = _total(answer)
    ordered: list[tuple[str, int]] = []
    excerpts: dict[int, str] = {}
    for hit in answer["hits"]["hits"]:
        source = hit.get("_source", {})
        pk = int(source["pk"])
        ordered.append((str(source[TRANSLATION_KEY_FIELD]), pk))
        for fragments in hit.get("highlight", {}).values():
            if fragments:
                # The engine HTML-encodes the text ("encoder": "html") and adds
                # only <mark>; nothing else of the page's text is markup.
                excerpts[pk] = mark_safe(fragments[0])  # noqa: S308
                break
    shown = shown_versions(ordered, language, stored.get("language"))
    located = None
    if "located" in aggregations:
        found = {
            str(bucket["key"]): int(bucket["best"]["hits"]["hits"][0]["_source"]["pk"])
            for bucket in aggregations["located"]["keys"]["buckets"]
            if bucket["best"]["hits"]["hits"]
        }
        located = (
            located_versions(
                list(found.values()), list(found), language, stored.get("language")
            )
            if found
            else []
        )
    return Matches(
        ids=list(shown.values()),
        total=total,
        facet_counts=facet_counts,
        # The excerpt belongs to the version the engine found; another language
        # version gets the service's own highlight.
        excerpts={pk: excerpts[pk] for pk in shown.values() if pk in excerpts},
        located=located,
    )
