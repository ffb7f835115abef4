"""Folding and stemming for the database backends, done in Python on both sides.

PostgreSQL's german, danish and english configurations stem but do not fold: "Tonder"
misses "Tønder" and "Aabenraa" misses "Åbenrå". SQLite's FTS5 neither stems nor
folds ø and æ. So the database backends pass every indexed text and every query
through :func:`fold` first (PostgreSQL then stems with its configuration), and on
SQLite, which has no stemmer, through :func:`analyse` (fold, then the Snowball
stemmer of the language; the same algorithms PostgreSQL's configurations use).

The folding is the same for every language, because a query is matched against
every language: Danish æ, ø, å are written ae, oe, aa (as in Danish without those
letters, "Aabenraa"); then German normalisation (:func:`.analysis.german_normalise`)
turns ä/ae, ö/oe, ü/ue into a, o, u and ß into ss; other accents are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import snowballstemmer

from .analysis import LANGUAGES, german_normalise

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_WORD_RE = re.compile(r"\w+", re.UNICODE)
#: Control characters (NUL, which PostgreSQL refuses in text, among them).
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

#: Words of a query that are searched; the rest is ignored. Each word is a node
#: of the SQL expression Django compiles recursively, and no visitor types more.
MAX_QUERY_WORDS = 32

#: Snowball stemmer names for the content languages.
STEMMERS: dict[str, str] = {"de": "german", "da": "danish", "en": "english"}


def fold(text: str) -> str:
    """``text`` in lower case with ø/æ/å and ä/ö/ü/ß folded: "Tønder" is "tonder",
    "Åbenrå" and "Aabenraa" are "aabenraa", "München" and "Muenchen" "munchen".
    Control characters become spaces."""
    text = _CONTROL_RE.sub(" ", text)
    text = german_normalise(text.casefold().translate(_DANISH))
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def limit_words(text: str) -> str:
    """``text`` with at most :data:`MAX_QUERY_WORDS` words."""
    return " ".join(text.split()[:MAX_QUERY_WORDS])


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMERS[language])


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    return _WORD_RE.findall(fold(text))


def analyse(text: str, language: str) -> str:
    """``text`` as the SQLite index holds it in ``language``: folded stems."""
    return " ".join(_stemmer(language).stemWords(words(text)))


def query_stems(word: str) -> list[str]:
    """The forms a query word may take in the index: its stem in each language."""
    folded = words(word)
    stems: list[str] = []
    for language in LANGUAGES:
        stem = " ".join(_stemmer(language).stemWords(folded))
        if stem and stem not in stems:
            stems.append(stem)
    return stems
