"""The compound word lists and the Python decompounder the PostgreSQL indexer uses.

The same lists go inline into the engines' dictionary_decompounder; the live tests
in test_search_live_analysis.py compare both on a node.
"""

from __future__ import annotations

import time

from apps.knowledge.search import analysis


def test_word_lists__generated_with_their_source_in_the_header():
    for language in analysis.COMPOUND_LANGUAGES:
        path = analysis.WORDLIST_DIR / f"{language}.txt"
        header = path.read_text(encoding="utf-8").splitlines()[:5]
        assert any("scripts/build_wordlists.py" in line for line in header)
        assert any("hunspell" in line for line in header)
        assert any("wordfreq" in line for line in header)


def test_word_lists__normalised_deduplicated_and_of_sensible_size():
    german = analysis.compound_parts("de")
    danish = analysis.compound_parts("da")
    assert not any(set("äöüß") & set(word) for word in german)
    assert all(word == word.lower() for word in german | danish)
    assert all(3 <= len(word) <= 15 for word in german | danish)
    # Sent inline with the settings of every index: tens of thousands, not more.
    assert 10_000 < len(german) < 40_000
    assert 5_000 < len(danish) < 40_000
    assert analysis.compound_parts("en") == frozenset()


def test_decompound__german_words_the_hand_kept_list_missed():
    assert {"hoch", "hochwasser", "wasser"} <= set(
        analysis.decompound("Sturmhochwasser")
    )
    assert "warme" in analysis.decompound("Nahwärme")
    assert {"warn", "system"} <= set(analysis.decompound("Warnsystem"))
    assert {"sprech", "stunde"} <= set(analysis.decompound("Sprechstunde"))
    assert {"sprechstunde", "video"} <= set(analysis.decompound("Videosprechstunden"))


def test_decompound__german_spellings_split_alike():
    assert analysis.decompound("Straßenbeleuchtung") == analysis.decompound(
        "Strassenbeleuchtung"
    )
    assert "strasse" in analysis.decompound("Straßenbeleuchtung")
    assert analysis.decompound("Ladesäule") == analysis.decompound("Ladesaeule")
    assert analysis.decompound("Bürgerwindpark") == analysis.decompound(
        "Buergerwindpark"
    )


def test_decompound__danish_words():
    assert {"dele", "bil"} <= set(analysis.decompound("delebil", "da"))
    assert {"fjernvarme", "varme"} <= set(analysis.decompound("fjernvarmeværket", "da"))
    assert {"landsby", "klynge"} <= set(analysis.decompound("landsbyklynger", "da"))
    assert {"lade", "stander"} <= set(analysis.decompound("ladestandere", "da"))
    # Danish words are lower-cased, not folded as German: "ø" stays.
    assert "grænse" in analysis.decompound("grænsependler", "da")


def test_decompound__english_and_short_words_stay_whole():
    assert analysis.decompound("broadband", "en") == []
    assert analysis.decompound("bil", "da") == []
    assert analysis.decompound("Haus") == []


def test_decompound_text__language_given():
    assert "bil" in analysis.decompound_text("Nye delebiler i byen", "da").split()
    assert "saule" in analysis.decompound_text("Neue Ladesäulen").split()


def test_decompound__fast_enough_for_indexing():
    text = " ".join(
        ["Ladesäulen Mobilitätsstationen Hochwasserschutz Bürgerwindpark"] * 50
        + [f"Wort{number}verbindung" for number in range(2000)]
    )
    started = time.perf_counter()
    analysis.decompound_text(text)
    # 2,200 words, most of them unseen; a page has a few hundred.
    assert time.perf_counter() - started < 1.0
