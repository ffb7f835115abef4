"""The engine's analysis on a live node: compounds split by the dictionary lists,
German spellings folded before splitting, synonyms met by inflected forms.

Each test asks the node's ``_analyze`` API on an index created with the project's
analysis settings (and a synonym group), as the portal's indexes are.
"""

from __future__ import annotations

import copy

import pytest
from modelsearch.utils import deep_update

from apps.knowledge.search import analysis
from tests.knowledge.search.live_search import engine_params, require

SYNONYMS = ["ladestation, ladesäule, ladestander, charging station"]


@pytest.fixture(params=engine_params())
def analyse(request):
    """analyse(analyzer, text) -> tokens, on a throwaway index of the engine."""
    engine = request.param
    require(engine)
    backend = engine.make_backend()
    name = backend.index_prefix + "analysis"
    settings = copy.deepcopy(backend.settings)
    settings = deep_update(
        settings, {"settings": {"analysis": analysis.synonym_analysis(SYNONYMS)}}
    )
    backend.create_index(name, settings)

    def tokens(analyzer: str, text: str) -> list[str]:
        answer = backend.es.indices.analyze(
            index=name, body={"analyzer": analyzer, "text": text}
        )
        return [token["token"] for token in answer["tokens"]]

    yield tokens
    backend.es.indices.delete(index=name)


def found_by(analyse, language: str, query: str, text: str) -> bool:
    """Whether every term of ``query`` is among the indexed terms of ``text``."""
    index_analyzer, search_analyzer = analysis.ELASTICSEARCH_ANALYZERS[language]
    return set(analyse(search_analyzer, query)) <= set(analyse(index_analyzer, text))


def test_german_compounds__split_by_the_dictionary(analyse):
    assert {"nahwarm", "warm"} <= set(analyse("kb_german", "Nahwärme"))
    assert {"warn", "syst"} <= set(analyse("kb_german", "Warnsystem"))
    assert {"sprech", "stund"} <= set(analyse("kb_german", "Sprechstunde"))
    assert {"hoch", "wass"} <= set(analyse("kb_german", "Hochwasserrisiko")) or {
        "hochwass"
    } <= set(analyse("kb_german", "Hochwasserrisiko"))


def test_german_compounds__found_by_their_parts(analyse):
    assert found_by(analyse, "de", "Hochwasser", "Ostseesturmhochwasser")
    assert found_by(analyse, "de", "Sprechstunde", "Videosprechstunden")
    assert found_by(analyse, "de", "Wärme", "Nahwärme")
    assert found_by(analyse, "de", "System", "Warnsystem")
    assert found_by(analyse, "de", "Säule", "Ladesäulen")


def test_german_spellings__split_alike(analyse):
    sharp = analyse("kb_german", "Straßenbeleuchtung")
    double_s = analyse("kb_german", "Strassenbeleuchtung")
    assert sharp == double_s
    assert "strass" in sharp or "strassen" in sharp
    assert analyse("kb_german", "Ladesäule") == analyse("kb_german", "Ladesaeule")
    assert found_by(analyse, "de", "Strasse", "Straßenbeleuchtung")


def test_danish_compounds__split_by_the_dictionary(analyse):
    tokens = analyse("kb_danish", "delebil")
    assert {"del", "bil"} <= set(tokens) or {"dele", "bil"} <= set(tokens)
    assert found_by(analyse, "da", "bil", "delebiler")
    assert found_by(analyse, "da", "varme", "fjernvarmeværket")


def test_place_names__letters_typed_differently_meet(analyse):
    for language in ("de", "da", "en"):
        assert found_by(analyse, language, "Tonder", "Tønder")
        assert found_by(analyse, language, "Aabenraa", "Åbenrå")
    assert found_by(analyse, "de", "Toender", "Tønder")


def test_synonyms__inflected_forms_expand_like_the_rule(analyse):
    singular = analyse("kb_german_search", "Ladestation")
    plural = analyse("kb_german_search", "Ladestationen")
    assert set(plural) == set(singular)
    assert len(set(plural)) > 1  # expanded: the other terms of the group are there
    assert set(analyse("kb_german_search", "Ladesäulen")) == set(singular)
    assert set(analyse("kb_danish_search", "ladestandere")) == set(
        analyse("kb_danish_search", "ladestander")
    )
    english = set(analyse("kb_english_search", "charging stations"))
    assert english == set(analyse("kb_english_search", "charging station"))


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "de",
            "Ostseesturmhochwasser Videosprechstunden Nahwärmenetz Warnsystem "
            "Straßenbeleuchtung Mobilitätsstationen Bürgerwindpark Laternenmasten "
            "Breitbandausbau Gemeindeschwester Ehrenamtsbörse Leerstandsmanagement",
        ),
        (
            "da",
            "delebilspartner fjernvarmeværket landsbyklynger vindmølleparker "
            "grænsependlere sygeplejersker akutberedskab borgerservice",
        ),
    ],
)
def test_decompound__python_splits_as_the_engine(analyse, language, words):
    """The PostgreSQL indexer's decompound() finds the engine's parts."""
    analyzer = analysis.ELASTICSEARCH_ANALYZERS[language][0]
    for word in words.split():
        engine_tokens = analyse(analyzer, word)
        # The engine stems each part; stem ours the same way to compare.
        ours = {
            token
            for part in analysis.decompound(word, language)
            for token in analyse(analysis.ELASTICSEARCH_ANALYZERS[language][1], part)
        }
        assert ours <= set(engine_tokens), word
