"""Synonyms from the editors' term list, applied to queries in both engines.

The database backends know no synonyms, so a query is expanded: each word or phrase
that belongs to a term group becomes "any term of the group". Elasticsearch gets the
same groups as a ``synonym_graph`` filter in its search analyzers (see
:func:`elasticsearch_synonyms`).
"""

from __future__ import annotations

import re

from modelsearch.query import And, Or, PlainText, SearchQuery

from apps.knowledge import content_cache
from apps.knowledge.models import Term

_WORD_RE = re.compile(r"\w[\w\-]*", re.UNICODE)


def words(text: str) -> list[str]:
    """The words of ``text`` in lower case, as the query is matched against terms."""
    return [word.casefold() for word in _WORD_RE.findall(text)]


def synonym_groups() -> list[list[str]]:
    """Each group's terms (lower case) of the groups editors marked as synonyms,
    kept until the term list changes."""
    return content_cache.remember("synonym-groups", _query_synonym_groups)


def _query_synonym_groups() -> list[list[str]]:
    groups: dict[int, list[str]] = {}
    rows = Term.objects.filter(group__use_as_synonyms=True).values_list(
        "group_id", "text"
    )
    for group_id, text in rows.order_by("group_id", "sort_order", "pk"):
        term = " ".join(words(text))
        if term and term not in groups.setdefault(group_id, []):
            groups[group_id].append(term)
    return [terms for terms in groups.values() if len(terms) > 1]


#: Endings of German, Danish and English inflections: a query word that is a term's
#: word plus one of them fills the term's slot ("Ladestationen", "Bürgerbusse",
#: "ladestanderne", "charging points"), as the engines' stemmed synonym rules do.
INFLECTION_ENDINGS = frozenset(
    ("e", "en", "n", "s", "es", "er", "ern", "se", "sen", "ne", "ene", "erne", "et")
)


def inflects(word: str, term_word: str) -> bool:
    """Whether ``word`` is ``term_word`` or an inflected form of it."""
    if word == term_word:
        return True
    return (
        len(term_word) >= 3
        and word.startswith(term_word)
        and word[len(term_word) :] in INFLECTION_ENDINGS
    )


def expand(text: str, groups: list[list[str]]) -> list[list[str]]:
    """The query as slots: each slot lists the words or phrases that may fill it.

    Longer terms win ("public transport" before "transport"). A slot filled by an
    inflected form keeps the form as typed besides the group's terms.
    """
    tokens = words(text)
    known = sorted(
        ((term.split(), terms) for terms in groups for term in terms),
        key=lambda item: -len(item[0]),
    )
    slots: list[list[str]] = []
    position = 0
    while position < len(tokens):
        for term_words, terms in known:
            typed = tokens[position : position + len(term_words)]
            if len(typed) == len(term_words) and all(map(inflects, typed, term_words)):
                phrase = " ".join(typed)
                slots.append(list(terms) + ([phrase] if phrase not in terms else []))
                position += len(term_words)
                break
        else:
            slots.append([tokens[position]])
            position += 1
    return slots


def expanded_query(
    text: str, groups: list[list[str]], operator: str = "and"
) -> SearchQuery | str:
    """A modelsearch query: every slot must match (``operator="or"``: any slot);
    any term of a group will do for its slot."""
    slots = expand(text, groups)
    if all(len(slot) == 1 for slot in slots):
        return text if operator == "and" else PlainText(text, operator="or")
    parts: list[SearchQuery] = []
    for slot in slots:
        alternatives = [PlainText(term) for term in slot]
        parts.append(alternatives[0] if len(slot) == 1 else Or(alternatives))
    if len(parts) == 1:
        return parts[0]
    return And(parts) if operator == "and" else Or(parts)


def all_terms(text: str, groups: list[list[str]]) -> list[str]:
    """Every word that a result may match, for highlighting."""
    return [
        word for slot in expand(text, groups) for term in slot for word in term.split()
    ]


def elasticsearch_synonyms(groups: list[list[str]]) -> list[str]:
    """The groups in Solr synonym format, one equivalence line per group."""
    return [", ".join(terms) for terms in groups]
