"""The database backends' synonym expansion meets inflected forms, as the engines'
stemmed synonym rules do (see test_search_live_analysis.py for the engines)."""

from __future__ import annotations

from apps.knowledge.search.synonyms import expand, inflects

GROUPS = [
    ["ladesäule", "ladestation", "ladestander", "charging point"],
    ["rufbus", "bürgerbus", "flextur", "on-demand bus"],
    ["offene daten", "åbne data", "open data"],
]


def test_expand__plural_fills_the_terms_slot():
    assert expand("Ladestationen", GROUPS) == [
        ["ladesäule", "ladestation", "ladestander", "charging point", "ladestationen"]
    ]
    assert expand("Bürgerbusse", GROUPS)[0][:4] == GROUPS[1]
    assert expand("ladestanderne", GROUPS)[0][:4] == GROUPS[0]
    assert expand("flexture", GROUPS)[0][:4] == GROUPS[1]


def test_expand__inflected_phrases_in_every_word():
    assert expand("charging points", GROUPS)[0][:4] == GROUPS[0]
    assert expand("offenen Daten", GROUPS)[0][:3] == GROUPS[2]


def test_expand__exact_term_unchanged_and_other_words_stay_alone():
    assert expand("Ladestation Husum", GROUPS) == [GROUPS[0], ["husum"]]
    assert expand("Busse", GROUPS) == [["busse"]]
    assert expand("Ladestandort", GROUPS) == [["ladestandort"]]


def test_inflects__only_known_endings():
    assert inflects("stationen", "station")
    assert inflects("points", "point")
    assert not inflects("stationär", "station")
    assert not inflects("ab", "a")
