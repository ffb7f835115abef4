"""How each content language is analysed, in one place for both search engines.

Wagtail's search backends analyse every language alike (wagtail/wagtail#1177,
django-modelsearch#61). The knowledge base is written in German, Danish and English,
so each page's text is analysed as the language of its locale: here are the
PostgreSQL text search configurations and the Elasticsearch analyzers per language,
and the German and Danish compound splitting both engines share.

Compounds are split by word lists derived from the Hunspell dictionaries and word
frequencies (``wordlists/<language>.txt``, built by ``scripts/build_wordlists.py``),
after German normalisation, so "Straßenbeleuchtung" and "Strassenbeleuchtung" split
alike. The same lists go inline into the engines' ``dictionary_decompounder`` and
into :func:`decompound`, which the PostgreSQL indexer uses.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings
from django.utils import translation

#: Content languages with their own analysis. Others use :data:`FALLBACK_LANGUAGE`.
LANGUAGES: tuple[str, ...] = ("de", "da", "en")

#: Language used for objects without a locale (images, documents, users): the
#: site's default content language, German.
FALLBACK_LANGUAGE = "de"

#: Score factor for results in the visitor's language, in both engines.
VISITOR_LANGUAGE_BOOST = 1.5

#: PostgreSQL's built-in text search configurations, one per language.
#: https://www.postgresql.org/docs/current/textsearch-configuration.html
POSTGRES_CONFIGS: dict[str, str] = {
    "de": "german",
    "da": "danish",
    "en": "english",
}

#: Elasticsearch analyzer names: one that indexes a language, one that analyses
#: queries against it. The German index analyzer also splits compounds; every
#: search analyzer applies the editors' synonyms (see :func:`synonym_analysis`).
ELASTICSEARCH_ANALYZERS: dict[str, tuple[str, str]] = {
    "de": ("kb_german", "kb_german_search"),
    "da": ("kb_danish", "kb_danish_search"),
    "en": ("kb_english", "kb_english_search"),
}

#: Analyses what a visitor types into autocomplete like modelsearch's
#: ``edgengram_analyzer`` indexes titles (folded, lowercased), so "Ladesä" meets the
#: n-grams of "Ladesäule"; modelsearch's default, ``standard``, does not fold.
AUTOCOMPLETE_SEARCH_ANALYZER = "kb_autocomplete_search"

#: The synonym_graph filter the search analyzers get when the term list has groups.
SYNONYM_FILTER = "kb_synonyms"

#: The generated word lists, ``de.txt`` and ``da.txt`` (see scripts/build_wordlists.py).
WORDLIST_DIR = Path(__file__).with_name("wordlists")
#: Languages whose compounds are split.
COMPOUND_LANGUAGES: tuple[str, ...] = ("de", "da")

# The settings Elasticsearch's dictionary_decompounder uses; decompound() below
# follows the same rules so that PostgreSQL splits compounds the same way.
# https://www.elastic.co/docs/reference/text-analysis/analysis-dict-decomp-tokenfilter
COMPOUND_MIN_WORD_SIZE = 5
COMPOUND_MIN_SUBWORD_SIZE = 3
COMPOUND_MAX_SUBWORD_SIZE = 15
# Every part, not only the longest: in Lucene 10 (Elasticsearch 9, OpenSearch 3)
# only_longest_match also skips the parts inside the longest one, so "Ladesäule"
# (a part of its own, being frequent) would no longer give "Säule".
COMPOUND_ONLY_LONGEST_MATCH = False

_WORD_RE = re.compile(r"\w+", re.UNICODE)


def normalise_language(language_code: str | None) -> str:
    """The analysed language for a language code: ``de-at`` is ``de``."""
    code = (language_code or "").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else FALLBACK_LANGUAGE


def visitor_language() -> str:
    """The active UI language, whose results are boosted."""
    return normalise_language(translation.get_language() or settings.LANGUAGE_CODE)


@cache
def compound_parts(language: str = "de") -> frozenset[str]:
    """The compound parts of ``language`` (normalised as the analysis sees them)."""
    if language not in COMPOUND_LANGUAGES:
        return frozenset()
    path = WORDLIST_DIR / f"{language}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@cache
def _sorted_compound_parts(language: str) -> tuple[str, ...]:
    # Sorted once per process: every backend made (each portal search makes one)
    # puts the list in its index settings, and sorting some ten thousand words
    # each time cost a search more than its facet counts.
    return tuple(sorted(compound_parts(language)))


def compound_normalise(text: str, language: str) -> str:
    """``text`` as the decompounder sees it: German folded, anything lower-cased."""
    return german_normalise(text) if language == "de" else text.lower()


def german_normalise(text: str) -> str:
    """Fold umlauts, ß and their spellings ae, oe, ue as Elasticsearch does.

    A port of Lucene's GermanNormalizationFilter (Elasticsearch's
    ``german_normalization``): ä ö ü become a o u, ß becomes ss, and the e of ae, oe
    and ue is dropped unless the u follows a vowel or q ("Mauer", "Quelle" stay). So
    "Muenchen", "München" and "Munchen" meet, typed on any keyboard. PostgreSQL's
    german configuration folds ä and ß but not ae, so German text and queries pass
    through this first.
    """
    result: list[str] = []
    state = "none"  # "u": after a, o or a u that follows no vowel; "vowel"
    for char in text.lower():
        if char in "ao":
            state = "u"
        elif char == "u":
            state = "u" if state == "none" else "vowel"
        elif char == "e":
            if state == "u":
                state = "vowel"
                continue
            state = "vowel"
        elif char in "iqy":
            state = "vowel"
        elif char in "äöü":
            char = {"ä": "a", "ö": "o", "ü": "u"}[char]
            state = "vowel"
        elif char == "ß":
            char = "ss"
            state = "none"
        else:
            state = "none"
        result.append(char)
    return "".join(result)


@lru_cache(maxsize=65536)
def _decompound(word: str, language: str) -> tuple[str, ...]:
    # Cached by the word as written: the same words recur on every page the
    # PostgreSQL indexer builds, and normalising is the costlier half. Bounded, so
    # indexing many pages does not grow memory without end.
    word = compound_normalise(word, language)
    if len(word) < COMPOUND_MIN_WORD_SIZE:
        return ()
    parts = compound_parts(language)
    found: list[str] = []
    for start in range(len(word) - COMPOUND_MIN_SUBWORD_SIZE + 1):
        longest = min(len(word) - start, COMPOUND_MAX_SUBWORD_SIZE)
        for size in range(COMPOUND_MIN_SUBWORD_SIZE, longest + 1):
            candidate = word[start : start + size]
            if candidate in parts and candidate != word:
                found.append(candidate)
    return tuple(found)


def decompound(word: str, language: str = "de") -> list[str]:
    """The known parts inside a word, as Lucene's dictionary decompounder finds them.

    The word is normalised first (:func:`compound_normalise`) and so are the parts:
    ``decompound("Ladesäule") == ["lade", "saule"]``.
    Every part in the word list at every position, as the filter without
    ``only_longest_match``; the word itself is not repeated. The live analysis
    tests compare it with the engine's.
    """
    return list(_decompound(word, language))


def decompound_text(text: str, language: str = "de") -> str:
    """The compound parts of every word in ``text``, space separated, normalised."""
    parts: list[str] = []
    for word in _WORD_RE.findall(text):
        parts.extend(_decompound(word, language))
    return " ".join(parts)


def decompounder_filter(language: str) -> dict:
    """The ``dictionary_decompounder`` settings of ``language``, its list inline.

    Inline because ``word_list_path`` would need the file on every node; the
    settings follow :func:`decompound`.
    https://www.elastic.co/docs/reference/text-analysis/analysis-dict-decomp-tokenfilter
    """
    return {
        "type": "dictionary_decompounder",
        "word_list": list(_sorted_compound_parts(language)),
        "min_word_size": COMPOUND_MIN_WORD_SIZE,
        "min_subword_size": COMPOUND_MIN_SUBWORD_SIZE,
        "max_subword_size": COMPOUND_MAX_SUBWORD_SIZE,
        "only_longest_match": COMPOUND_ONLY_LONGEST_MATCH,
    }


def elasticsearch_analysis() -> dict:
    """The ``analysis`` index settings: one analyzer per content language.

    They rebuild Elasticsearch's german, danish and english language analyzers as
    custom analyzers (the shape the Elasticsearch docs give for customising them),
    adding a dictionary decompounder to German and Danish, after German
    normalisation so that "Strasse" and "Straße" split alike. Every chain ends by
    folding letters visitors type differently: "Tønder", "Tonder" and "Toender",
    "Åbenrå" and "Aabenraa" meet (``scandinavian_folding``, then ``asciifolding``
    for other accents).
    https://www.elastic.co/docs/reference/text-analysis/analysis-lang-analyzer
    """
    return {
        "filter": {
            "german_stop": {"type": "stop", "stopwords": "_german_"},
            "german_decompounder": decompounder_filter("de"),
            "german_stemmer": {"type": "stemmer", "language": "light_german"},
            "danish_stop": {"type": "stop", "stopwords": "_danish_"},
            "danish_decompounder": decompounder_filter("da"),
            "danish_stemmer": {"type": "stemmer", "language": "danish"},
            "english_stop": {"type": "stop", "stopwords": "_english_"},
            "english_stemmer": {"type": "stemmer", "language": "english"},
            "english_possessive_stemmer": {
                "type": "stemmer",
                "language": "possessive_english",
            },
        },
        "analyzer": {
            AUTOCOMPLETE_SEARCH_ANALYZER: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["asciifolding", "lowercase"],
            },
            # Compounds are split when indexing only: "Säule" then finds
            # "Ladesäule", while a query for "Ladesäule" is not widened to every
            # text that mentions "Lade" or "Säule". Frequent compounds are parts
            # of their own (see scripts/build_wordlists.py), so "Hochwasser" finds
            # "Sturmhochwasser".
            "kb_german": _analyzer(GERMAN_CHAIN, "german_decompounder"),
            "kb_german_search": _analyzer(GERMAN_CHAIN),
            "kb_danish": _analyzer(DANISH_CHAIN, "danish_decompounder"),
            "kb_english": _analyzer(ENGLISH_CHAIN),
            # Same chains as the index analyzers; synonym_analysis() adds the
            # synonyms here when the index is created.
            "kb_danish_search": _analyzer(DANISH_CHAIN),
            "kb_english_search": _analyzer(ENGLISH_CHAIN),
        },
    }


#: The filters of each language's analyzers. A decompounder goes in before the
#: stemmer (:data:`STEMMERS`), the synonyms of the search analyzers at the end.
GERMAN_CHAIN = (
    "lowercase",
    "german_stop",
    "german_normalization",
    "german_stemmer",
    "scandinavian_folding",
    "asciifolding",
)
DANISH_CHAIN = ("lowercase", "danish_stop", "danish_stemmer", "scandinavian_folding")
ENGLISH_CHAIN = (
    "english_possessive_stemmer",
    "lowercase",
    "english_stop",
    "english_stemmer",
    "scandinavian_folding",
    "asciifolding",
)
STEMMERS = ("german_stemmer", "danish_stemmer", "english_stemmer")


def _analyzer(chain: tuple[str, ...], decompounder: str | None = None) -> dict:
    filters = list(chain)
    if decompounder:
        stemmer = next(name for name in filters if name in STEMMERS)
        filters.insert(filters.index(stemmer), decompounder)
    return {"type": "custom", "tokenizer": "standard", "filter": filters}


def synonym_analysis(synonyms: list[str]) -> dict:
    """The ``analysis`` settings that add ``synonyms`` to every search analyzer.

    ``synonyms`` are Solr-format equivalence lines ("öpnv, nahverkehr, kollektiv
    trafik"). The synonym_graph filter goes at the end of each search analyzer, so
    the engine reads each rule through the same chain as the query (a synonym
    filter analyses its rules with the filters before it): the rule for
    "Ladestation" is stored stemmed, and "Ladestationen", "ladestation" and
    "Ladestationen" all meet it; the expanded terms are already stemmed as the
    field's language. Synonyms at search time only, graph-aware, as the docs
    recommend.
    https://www.elastic.co/docs/reference/text-analysis/analysis-synonym-graph-tokenfilter
    Deep-merged into :func:`elasticsearch_analysis` when an index is created.
    """
    if not synonyms:
        return {}
    analyzers = elasticsearch_analysis()["analyzer"]
    with_synonyms = {}
    for _index_analyzer, search_analyzer in ELASTICSEARCH_ANALYZERS.values():
        definition = dict(analyzers[search_analyzer])
        definition["filter"] = [*definition["filter"], SYNONYM_FILTER]
        with_synonyms[search_analyzer] = definition
    return {
        "filter": {
            SYNONYM_FILTER: {
                "type": "synonym_graph",
                "synonyms": list(synonyms),
                # A term that is also a stop word is skipped, not an error.
                "lenient": True,
            }
        },
        "analyzer": with_synonyms,
    }


def language_of(obj: object, locale_languages: dict[int, str] | None = None) -> str:
    """The analysed language of an indexed object: its locale's, else the fallback.

    ``locale_languages`` maps locale ids to language codes, so indexing many objects
    does not query the locale of each.
    """
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return FALLBACK_LANGUAGE
    if locale_languages is not None and locale_id in locale_languages:
        return normalise_language(locale_languages[locale_id])
    return normalise_language(obj.locale.language_code)


def locale_languages() -> dict[int, str]:
    """Locale ids mapped to their language codes, in one query."""
    from wagtail.models import Locale

    return dict(Locale.objects.values_list("pk", "language_code"))
