"""LibreTranslate: it has no glossaries, so term list terms are protected.

Known source terms are wrapped in a placeholder element before sending (the HTML
mode keeps markup) and replaced by the target term afterwards.
https://libretranslate.com/docs/
"""

from __future__ import annotations

import re

import requests
from django.utils.html import escape
from wagtail_localize.strings import StringValue

from apps.knowledge.translation.machine.base import (
    USER_AGENT,
    MachineTranslationError,
    TermListTranslator,
)
from apps.knowledge.translation.machine.terms import (
    TermPair,
    base_language,
    check_terms,
    report_term_issues,
    term_pairs,
    term_pattern,
)

_TAG_RE = re.compile(r"(<[^>]*>)")


def _text_parts(html: str) -> list[tuple[bool, str]]:
    """``html`` split into (is_text, part): terms are looked for in text only."""
    return [(not part.startswith("<"), part) for part in _TAG_RE.split(html) if part]


_PLACEHOLDER_RE = re.compile(
    r'<span[^>]*\bdata-term="(\d+)"[^>]*>.*?</span>', re.IGNORECASE | re.DOTALL
)
_SPAN_RE = re.compile(r"</?span\b[^>]*>", re.IGNORECASE)


def protect_terms(html: str, term_list: list[TermPair]) -> tuple[str, list[str]]:
    """Wrap known source terms in placeholders; the target terms, by placeholder.

    LibreTranslate keeps markup in its HTML mode, so the placeholder comes back and
    :func:`restore_terms` puts the target term in its place.
    """
    targets: list[str] = []

    def placeholder(pair: TermPair):
        def replace(match: re.Match[str]) -> str:
            targets.append(pair.target)
            index = len(targets) - 1
            return f'<span translate="no" data-term="{index}">{match.group(0)}</span>'

        return replace

    parts = []
    for is_text, part in _text_parts(html):
        if is_text:
            # A placeholder's own text must not be matched again by a shorter term.
            pieces = [(True, part)]
            for pair in term_list:
                pattern = term_pattern(pair.source)
                next_pieces = []
                for free, piece in pieces:
                    if not free:
                        next_pieces.append((False, piece))
                        continue
                    last = 0
                    for match in pattern.finditer(piece):
                        next_pieces.append((True, piece[last : match.start()]))
                        next_pieces.append((False, placeholder(pair)(match)))
                        last = match.end()
                    next_pieces.append((True, piece[last:]))
                pieces = next_pieces
            part = "".join(piece for _free, piece in pieces)
        parts.append(part)
    return "".join(parts), targets


def restore_terms(html: str, targets: list[str]) -> str:
    """Put each placeholder's target term in; drop placeholders the engine mangled."""

    def replace(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return escape(targets[index]) if index < len(targets) else ""

    return _SPAN_RE.sub("", _PLACEHOLDER_RE.sub(replace, html))


class LibreTranslateTranslator(TermListTranslator):
    """LibreTranslate, with term list terms protected and put in afterwards."""

    display_name = "LibreTranslate"

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        source_lang = base_language(source_locale.language_code)
        target_lang = base_language(target_locale.language_code)
        term_list = term_pairs(source_lang, target_lang)
        protected = [protect_terms(string.data, term_list) for string in strings]
        body = {
            "q": [text for text, _targets in protected],
            "source": source_lang,
            "target": target_lang,
            "format": "html",
        }
        if self.config.libretranslate_api_key:
            body["api_key"] = self.config.libretranslate_api_key
        url = self.config.libretranslate_url.rstrip("/") + "/translate"
        try:
            response = requests.post(
                url,
                json=body,
                headers={"User-Agent": USER_AGENT},
                timeout=self.config.timeout,
            )
        except requests.RequestException as error:
            raise MachineTranslationError(
                f"LibreTranslate unreachable: {error}"
            ) from error
        if response.status_code >= 400:
            raise MachineTranslationError(
                f"LibreTranslate answered {response.status_code}: {response.text[:200]}"
            )
        results = response.json()["translatedText"]
        if isinstance(results, str):
            results = [results]
        translated = {
            string: StringValue(restore_terms(result, targets))
            for string, (_text, targets), result in zip(
                strings, protected, results, strict=True
            )
        }
        self.term_issues = check_terms(
            ((s.data, t.data) for s, t in translated.items()), term_list
        )
        report_term_issues(self.term_issues, source_lang, target_lang)
        return translated
