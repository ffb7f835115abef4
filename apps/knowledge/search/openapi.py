"""The OpenAPI 3.1 document of the search API, written by hand next to the code."""

from __future__ import annotations

from apps.knowledge.choices import TransferPhase
from apps.knowledge.models.search import QUERY_MAX_LENGTH
from apps.knowledge.search.service import FACETS, MAX_PAGE, RESULTS_PER_PAGE, SORTS


def _string_list_param(name: str, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
    }


LANG_PARAM = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "Language of the visitor: results in this language where a "
    "translation exists, labels in this language.",
    "schema": {"type": "string", "enum": ["de", "da", "en"], "default": "de"},
}

FACET_DESCRIPTIONS = {
    "field": "Field of action slug(s)",
    "phase": "Phase(s): idea, concept, prototype, pilot, operation",
    "transfer": "Transfer phase(s) of the Smart Cities transfer criteria: "
    + ", ".join(TransferPhase.values),
    "organisation": "Lead organisation slug(s)",
    "country": "Country of the lead organisation: DE, DK",
    "municipality": "Municipality name(s)",
    "tag": "Tag slug(s)",
    "language": "Language(s) of the version shown: de, da, en",
}


def openapi_document(server_url: str = "/") -> dict:
    """The OpenAPI document; ``server_url`` is this site's address."""
    facet_params = [
        _string_list_param(
            name,
            FACET_DESCRIPTIONS[name] + ". Several values of one facet widen the "
            "results (OR); different facets narrow them (AND).",
        )
        for name in FACETS
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Smart border region knowledge base: search API",
            "version": "1.0.0",
            "description": "Full-text search over the live public pages of the "
            "knowledge base in German, Danish and English, with facets.",
        },
        "servers": [{"url": server_url.rstrip("/") or "/"}],
        "paths": {
            "/api/search/": {
                "get": {
                    "operationId": "search",
                    "summary": "Search solutions and pages, with facet counts",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": False,
                            "schema": {
                                "type": "string",
                                "maxLength": QUERY_MAX_LENGTH,
                            },
                            "description": (
                                "The words searched for. Longer texts are refused "
                                "with 400 and a message; control characters count "
                                "as spaces."
                            ),
                        },
                        LANG_PARAM,
                        *facet_params,
                        {
                            "name": "sort",
                            "in": "query",
                            "required": False,
                            "schema": {
                                "type": "string",
                                "enum": list(SORTS),
                                "default": "relevance",
                            },
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "required": False,
                            "description": f"{RESULTS_PER_PAGE} results a page; "
                            "a page past the results (or past the maximum) "
                            "answers with their last page.",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": MAX_PAGE,
                                "default": 1,
                            },
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "Results, facets and pagination",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Search"}
                                }
                            },
                        },
                        "400": {
                            "description": (
                                "The search text is longer than "
                                f"{QUERY_MAX_LENGTH} characters"
                            ),
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["message"],
                                        "properties": {
                                            "message": {
                                                "type": "string",
                                                "description": (
                                                    "What is wrong, in the "
                                                    "requested language"
                                                ),
                                            }
                                        },
                                    }
                                }
                            },
                        },
                    },
                }
            },
            "/api/search/suggest/": {
                "get": {
                    "operationId": "suggest",
                    "summary": "Page titles for autocomplete",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string", "minLength": 2},
                        },
                        LANG_PARAM,
                    ],
                    "responses": {
                        "200": {
                            "description": "Suggestions, best first",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "$ref": "#/components/schemas/Suggestions"
                                    }
                                }
                            },
                        }
                    },
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }


SCHEMAS = {
    "Result": {
        "type": "object",
        "required": ["title", "url", "language", "in_requested_language"],
        "properties": {
            "title": {"type": "string"},
            "url": {"type": "string"},
            "excerpt_html": {
                "type": "string",
                "description": "Escaped text with the matched words in <mark>.",
            },
            "language": {"type": "string"},
            "in_requested_language": {"type": "boolean"},
            "type": {"type": "string"},
            "readiness": {
                "oneOf": [{"$ref": "#/components/schemas/Readiness"}, {"type": "null"}],
                "description": "A solution's reuse readiness; null for other pages.",
            },
        },
    },
    "Readiness": {
        "type": "object",
        "required": ["transfer_phase", "criteria_documented", "criteria_total"],
        "properties": {
            "transfer_phase": {
                "oneOf": [
                    {"type": "string", "enum": list(TransferPhase.values)},
                    {"type": "null"},
                ],
                "description": "Phase of the Smart Cities transfer criteria; null: "
                "not assessed.",
            },
            "transfer_phase_label": {"type": "string"},
            "criteria_documented": {
                "type": "integer",
                "description": "How many of the transfer criteria the solution "
                "documents.",
            },
            "criteria_total": {"type": "integer"},
        },
    },
    "FacetValue": {
        "type": "object",
        "required": ["value", "label", "count", "selected"],
        "properties": {
            "value": {"type": "string"},
            "label": {"type": "string"},
            "count": {"type": "integer"},
            "selected": {"type": "boolean"},
        },
    },
    "Facet": {
        "type": "object",
        "required": ["name", "label", "values"],
        "properties": {
            "name": {"type": "string", "enum": list(FACETS)},
            "label": {"type": "string"},
            "values": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/FacetValue"},
            },
        },
    },
    "Search": {
        "type": "object",
        "required": ["query", "language", "total", "page", "results", "facets"],
        "properties": {
            "query": {"type": "string"},
            "language": {"type": "string"},
            "corrected_query": {
                "type": ["string", "null"],
                "description": "The query searched instead when the original "
                "found nothing (did you mean).",
            },
            "matched_some_words": {
                "type": "boolean",
                "description": "No result has every word; these have some.",
            },
            "engine": {
                "type": "string",
                "enum": ["database", "elasticsearch", "opensearch"],
            },
            "sort": {"type": "string"},
            "filters": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "num_pages": {"type": "integer"},
            "results": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/Result"},
            },
            "facets": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/Facet"},
            },
        },
    },
    "Suggestions": {
        "type": "object",
        "required": ["query", "suggestions"],
        "properties": {
            "query": {"type": "string"},
            "language": {"type": "string"},
            "suggestions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "title": {"type": "string"},
                        "url": {"type": "string"},
                        "language": {"type": "string"},
                    },
                },
            },
        },
    },
}
