"""Build the compound word lists of the search from packaged dictionaries.

Writes ``apps/knowledge/search/wordlists/de.txt`` and ``da.txt``: the words both
search engines split compounds into (Elasticsearch/OpenSearch's
``dictionary_decompounder``, and :func:`apps.knowledge.search.analysis.decompound`
for PostgreSQL). The lists are committed, so the application needs neither the
dictionaries nor wordfreq at run time; run this again after upgrading them.

Sources, both free and packaged:

- Debian's Hunspell dictionaries ``hunspell-de-de`` (igerman98) and ``hunspell-da``
  (Stavekontrolden): ``/usr/share/hunspell/de_DE.dic`` and ``da_DK.dic``. A word is
  a compound part when its affix flags let Hunspell use it inside a compound
  (igerman98: the compound-begin/-middle classes ``i``, ``j`` and the pseudo-root
  ``h``, and capitalised nouns with the compound-end class ``m``; Stavekontrolden:
  the joint-morpheme classes 29, 30, 31 and 62). Danish stems that no other
  entry splits are kept whatever their frequency (wordfreq knows little Danish).
- The PyPI package ``wordfreq`` (3.x) for word frequencies: rare dictionary words
  are left out, which keeps the list small enough to send inline with the index
  settings, and frequent compounds that the dictionary itself splits (Hochwasser =
  hoch + wasser, Sprechstunde = sprech + stunde) are added as parts of their own, so
  that "Hochwasser" finds "Sturmhochwasser".

Words are normalised as the engines see them at that point of the analysis chain:
German through :func:`~apps.knowledge.search.analysis.german_normalise` (so
"Straße"/"Strasse" and "ä"/"ae" split alike), Danish lower-cased.

Usage: ``apt-get install hunspell-de-de hunspell-da && pip install wordfreq`` then
``python scripts/build_wordlists.py``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator
from functools import cache
from importlib.metadata import version
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

BASE_DIR = Path(__file__).resolve().parent.parent
# A script run from the checkout: import the project's normaliser rather than copy it.
sys.path.insert(0, str(BASE_DIR))

from apps.knowledge.search.analysis import (  # noqa: E402
    COMPOUND_MAX_SUBWORD_SIZE,
    WORDLIST_DIR,
    german_normalise,
)

HUNSPELL_DIR = Path("/usr/share/hunspell")

#: Zipf frequency (wordfreq: 3 = once per million words) a dictionary word needs.
MIN_PART_ZIPF = {"de": 2.0, "da": 1.5}
#: Three-letter parts split much (Motor = mo + tor), so only frequent ones.
MIN_SHORT_PART_ZIPF = 4.0
#: Frequent compounds of at least this many letters become parts of their own.
MIN_COMPOUND_ZIPF = {"de": 2.5, "da": 2.0}
MIN_COMPOUND_LENGTH = 7
#: Linking elements ("Fugen") between the parts of a compound.
LINKS = {"de": ("", "s", "es", "n", "en", "e", "er"), "da": ("", "s", "e")}

_LETTERS = re.compile(r"^[^\W\d_]+$")


def dictionary_entries(path: Path, separator: str) -> Iterator[tuple[str, set[str]]]:
    """(word, flags) of a Hunspell .dic file; the first line is the count."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        line = line.strip()
        if not line or line.startswith(("#", "\t")):
            continue
        word, _, flags = line.partition("/")
        flags = flags.split()[0] if flags else ""
        yield word, set(flags.split(separator)) if separator else set(flags)


def german_candidates() -> Iterator[tuple[str, bool]]:
    """(word, pseudo-root) of de_DE.dic entries Hunspell may put into compounds."""
    for word, flags in dictionary_entries(HUNSPELL_DIR / "de_DE.dic", ""):
        if "d" in flags:  # forbidden word
            continue
        noun_end = word[:1].isupper() and "m" in flags
        if flags & {"i", "j", "h"} or noun_end:
            yield word, "h" in flags


def danish_candidates() -> Iterator[tuple[str, bool]]:
    """(word, False) of da_DK.dic entries with a compound joint class."""
    for word, flags in dictionary_entries(HUNSPELL_DIR / "da_DK.dic", ","):
        if "6" in flags:  # forbidden word
            continue
        if flags & {"29", "30", "31", "62"}:
            yield word, False


def parts_of(
    language: str,
    candidates: Iterator[tuple[str, bool]],
    normalise: Callable[[str], str],
) -> tuple[set[str], set[str]]:
    """The normalised dictionary words frequent enough to be compound parts.

    Also the short German prefixes (Mit-, Ein-, Bei-) that are no part of their own
    but tell that Mitarbeiter is a compound.
    """
    parts: set[str] = set()
    prefixes: set[str] = set()
    for word, pseudo_root in candidates:
        if not _LETTERS.match(word):
            continue
        part = normalise(word)
        if not 3 <= len(part) <= COMPOUND_MAX_SUBWORD_SIZE:
            continue
        # Short German parts are nouns only (Bus, Rad, Weg), not the prefixes Mit-,
        # Ein-, Bei-; Danish is written in lower case, so its short parts are only
        # checked for frequency.
        short_non_noun = pseudo_root or not word[:1].isupper()
        if language == "de" and len(part) == 3 and short_non_noun:
            prefixes.add(part)
            continue
        zipf = zipf_frequency(word.lower(), language)
        minimum = MIN_SHORT_PART_ZIPF if len(part) == 3 else MIN_PART_ZIPF[language]
        # Pseudo-roots (Lade-, Sprech-, Warn-) exist only inside compounds, so
        # their frequency as a word says nothing.
        if zipf >= minimum or (pseudo_root and len(part) >= 4):
            parts.add(part)
    return parts, prefixes


def danish_stems(normalise: Callable[[str], str], short: set[str]) -> set[str]:
    """da_DK.dic compound words no other entry splits (bil, dele, stander).

    wordfreq's Danish list is short (about 30,000 words, "stander" not among them),
    so a Danish stem is not dropped for being unknown to it; only stems that are
    themselves compounds of others are.
    """
    words = {
        normalise(word)
        for word, _pseudo_root in danish_candidates()
        if _LETTERS.match(word) and 4 <= len(word) <= COMPOUND_MAX_SUBWORD_SIZE
    }
    # splits() needs two parts or more, so a word never splits into itself.
    known = words | short
    return {word for word in words if not splits(word, known, LINKS["da"])}


def splits(word: str, parts: set[str], links: tuple[str, ...]) -> bool:
    """Whether ``word`` is two or more ``parts``, with linking elements between."""

    @cache
    def count(start: int) -> int:
        # The most parts word[start:] can be made of; 0 if it cannot.
        best = 0
        for end in range(start + 3, len(word) + 1):
            if word[start:end] not in parts:
                continue
            if end == len(word):
                best = max(best, 1)
                continue
            for link in links:
                if word.startswith(link, end):
                    rest = count(end + len(link))
                    if rest:
                        best = max(best, 1 + rest)
        return best

    return count(0) >= 2


def frequent_compounds(
    language: str, parts: set[str], normalise: Callable[[str], str]
) -> set[str]:
    """Frequent words of ``language`` that the dictionary's parts make up."""
    compounds = set()
    for word in top_n_list(language, 1_000_000):
        if zipf_frequency(word, language) < MIN_COMPOUND_ZIPF[language]:
            break
        if not _LETTERS.match(word):
            continue
        normal = normalise(word)
        if not MIN_COMPOUND_LENGTH <= len(normal) <= COMPOUND_MAX_SUBWORD_SIZE:
            continue
        if normal not in parts and splits(normal, parts, LINKS[language]):
            compounds.add(normal)
    return compounds


def build(language: str) -> tuple[list[str], int, int]:
    """The sorted word list of ``language``, its dictionary and compound counts."""
    if language == "de":
        normalise, candidates = german_normalise, german_candidates()
    else:
        normalise, candidates = str.lower, danish_candidates()
    parts, prefixes = parts_of(language, candidates, normalise)
    if language == "da":
        parts |= danish_stems(normalise, {p for p in parts if len(p) == 3})
    compounds = frequent_compounds(language, parts | prefixes, normalise)
    return sorted(parts | compounds), len(parts), len(compounds)


HEADER = """\
# Compound parts for the {name} search analysis, one a line, normalised.
# GENERATED by scripts/build_wordlists.py; do not edit by hand, run it again.
# Sources: {source} (compound-capable entries by their affix flags),
# filtered and extended by word frequencies from the PyPI package wordfreq {version}.
# {parts} dictionary words, {compounds} frequent compounds of them, {total} in all.
"""

SOURCES = {
    "de": ("German", "Debian hunspell-de-de, /usr/share/hunspell/de_DE.dic"),
    "da": ("Danish", "Debian hunspell-da, /usr/share/hunspell/da_DK.dic"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=WORDLIST_DIR)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for language, (name, source) in SOURCES.items():
        words, parts, compounds = build(language)
        header = HEADER.format(
            name=name,
            source=source,
            version=version("wordfreq"),
            parts=parts,
            compounds=compounds,
            total=len(words),
        )
        path = args.out / f"{language}.txt"
        path.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
        print(f"{path}: {len(words)} words")  # noqa: T201 - a command-line script
    return 0


if __name__ == "__main__":
    sys.exit(main())
