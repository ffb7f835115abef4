"""Machine translation for wagtail-localize, chosen in the admin, using the term list.

wagtail-localize calls ``WAGTAILLOCALIZE_MACHINE_TRANSLATOR["CLASS"]`` each time it
needs a translator (to show the button, to translate). That "class" is
:func:`configured_translator`, which reads the admin's choice
(:class:`~apps.knowledge.models.TranslationSettings`, overridden by environment
variables) at call time and returns no translator while none is chosen, so
localize hides its machine translation button and refuses the view.

The editors' term list (:class:`~apps.knowledge.models.TermGroup`, shared with the
search synonyms) keeps terminology consistent:

- DeepL gets it as a multilingual glossary (v3 glossaries: one glossary with a
  dictionary per language pair), made again only when the terms change;
- LibreTranslate has no glossaries, so known source terms are wrapped in a
  placeholder element before sending and replaced by the target term afterwards;
- after either, :func:`check_terms` flags source terms whose target term is missing
  from the output.

https://wagtail-localize.org/stable/how-to/integrations/machine-translation/
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass

import requests
from django.conf import settings
from django.utils.html import escape
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.machine_translators.deepl import language_code
from wagtail_localize.strings import StringValue

from apps.knowledge.models import Term, TranslationSettings

logger = logging.getLogger(__name__)

DEEPL_FREE_URL = "https://api-free.deepl.com"
DEEPL_PRO_URL = "https://api.deepl.com"
#: Texts per DeepL translate request (the API's limit).
DEEPL_BATCH_SIZE = 50
#: Languages DeepL accepts in glossaries (of those the knowledge base uses).
# https://developers.deepl.com/api-reference/multilingual-glossaries
DEEPL_GLOSSARY_LANGUAGES = {"da", "de", "en"}
USER_AGENT = "digitalagentur-kb (wagtail-localize)"


class MachineTranslationError(Exception):
    """The translation service refused or could not be reached."""


@dataclass(frozen=True)
class EngineConfig:
    """The machine translation service in use: the admin's choice, env over it."""

    engine: str
    deepl_api_key: str = ""
    deepl_plan: str = ""
    deepl_api_url: str = ""
    libretranslate_url: str = ""
    libretranslate_api_key: str = ""
    timeout: int = 30

    @property
    def deepl_base_url(self) -> str:
        if self.deepl_api_url:
            return self.deepl_api_url.rstrip("/")
        if self.deepl_plan == "free" or (
            not self.deepl_plan and self.deepl_api_key.endswith(":fx")
        ):
            return DEEPL_FREE_URL
        return DEEPL_PRO_URL


def current_config() -> EngineConfig:
    """What the admin chose in Settings > Machine translation; env variables win."""

    stored = TranslationSettings.load()
    env = settings.MACHINE_TRANSLATION
    return EngineConfig(
        engine=env["ENGINE"] or stored.engine,
        deepl_api_key=env["DEEPL_API_KEY"] or stored.deepl_api_key,
        deepl_plan=stored.deepl_plan,
        deepl_api_url=env["DEEPL_API_URL"],
        libretranslate_url=env["LIBRETRANSLATE_URL"] or stored.libretranslate_url,
        libretranslate_api_key=(
            env["LIBRETRANSLATE_API_KEY"] or stored.libretranslate_api_key
        ),
        timeout=env["TIMEOUT"],
    )


def configured_translator(options: dict | None = None) -> BaseMachineTranslator | None:
    """The translator the admin chose, or None (localize then offers no button)."""
    config = current_config()
    if config.engine == "deepl" and config.deepl_api_key:
        return DeepLTranslator(config)
    if config.engine == "libretranslate" and config.libretranslate_url:
        return LibreTranslateTranslator(config)
    return None


# The term list ---------------------------------------------------------------


@dataclass(frozen=True)
class TermPair:
    """A source-language term and the terms of its group in the target language."""

    source: str
    targets: tuple[str, ...]

    @property
    def target(self) -> str:
        """The preferred target term: the first in the group's order."""
        return self.targets[0]


def _base(code: str) -> str:
    return code.split("-")[0].lower()


def term_pairs(source_lang: str, target_lang: str) -> list[TermPair]:
    """Every source term with a target term, longest first (phrases before words)."""

    source_lang, target_lang = _base(source_lang), _base(target_lang)
    groups: dict[int, dict[str, list[str]]] = {}
    rows = Term.objects.filter(language__in=[source_lang, target_lang]).values_list(
        "group_id", "language", "text"
    )
    for group_id, language, text in rows.order_by("group_id", "sort_order", "pk"):
        text = " ".join(text.split())
        terms = groups.setdefault(group_id, {}).setdefault(language, [])
        if text and text not in terms:
            terms.append(text)
    pairs: dict[str, TermPair] = {}
    for by_language in groups.values():
        targets = tuple(by_language.get(target_lang, ()))
        if not targets:
            continue
        for source in by_language.get(source_lang, ()):
            pairs.setdefault(source.casefold(), TermPair(source, targets))
    return sorted(pairs.values(), key=lambda pair: (-len(pair.source), pair.source))


def _term_pattern(term: str, *, whole_word: bool = True) -> re.Pattern[str]:
    words = [re.escape(escape(word)) for word in term.split()]
    end = r"(?!\w)" if whole_word else ""
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + end, re.IGNORECASE)


_TAG_RE = re.compile(r"(<[^>]*>)")


def _text_parts(html: str) -> list[tuple[bool, str]]:
    """``html`` split into (is_text, part): terms are looked for in text only."""
    return [(not part.startswith("<"), part) for part in _TAG_RE.split(html) if part]


@dataclass(frozen=True)
class TermIssue:
    """A known source term whose target term is missing from a translation."""

    source_term: str
    expected: str
    translation: str


def check_terms(
    pairs: Iterable[tuple[str, str]], term_list: list[TermPair]
) -> list[TermIssue]:
    """Flag each (source, translation) where a source term's target term is missing.

    A target term counts as present with any ending, as DeepL inflects glossary
    entries ("Nahverkehr" may come back as "Nahverkehrs").
    """
    issues = []
    for source, translation in pairs:
        remaining = source
        for pair in term_list:
            pattern = _term_pattern(pair.source)
            if not pattern.search(remaining):
                continue
            # Longer terms first: "öffentlicher Nahverkehr" hides "Nahverkehr".
            remaining = pattern.sub(" ", remaining)
            if not any(
                _term_pattern(target, whole_word=False).search(translation)
                for target in pair.targets
            ):
                issues.append(TermIssue(pair.source, pair.target, translation))
    return issues


#: The term issues of the translations made in this context (request or task), for
#: the admin to show: wagtail-localize's view does not hand its translator out.
term_issues: ContextVar[list[TermIssue] | None] = ContextVar(
    "term_issues", default=None
)


def _report(issues: list[TermIssue], source_lang: str, target_lang: str) -> None:
    collected = term_issues.get()
    if collected is not None:
        collected.extend(issues)
    for issue in issues:
        logger.warning(
            "Term list not followed (%s to %s): %r should be %r in %r",
            source_lang,
            target_lang,
            issue.source_term,
            issue.expected,
            issue.translation,
        )


# DeepL -----------------------------------------------------------------------


def glossary_dictionaries(languages: Iterable[str]) -> list[dict]:
    """The term list as DeepL v3 glossary dictionaries, one per language pair.

    https://developers.deepl.com/api-reference/multilingual-glossaries
    """
    languages = sorted({_base(code) for code in languages} & DEEPL_GLOSSARY_LANGUAGES)
    dictionaries = []
    for source_lang in languages:
        for target_lang in languages:
            if source_lang == target_lang:
                continue
            entries = [
                f"{_tsv(pair.source)}\t{_tsv(pair.target)}"
                for pair in sorted(
                    term_pairs(source_lang, target_lang), key=lambda p: p.source
                )
            ]
            if entries:
                dictionaries.append(
                    {
                        "source_lang": source_lang,
                        "target_lang": target_lang,
                        "entries": "\n".join(entries),
                        "entries_format": "tsv",
                    }
                )
    return dictionaries


def _tsv(text: str) -> str:
    return " ".join(text.split())  # no tabs or line breaks inside an entry


def content_languages() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


class DeepLTranslator(BaseMachineTranslator):
    """DeepL with the term list as glossary."""

    display_name = "DeepL"

    def __init__(self, config: EngineConfig):
        super().__init__({})
        self.config = config
        self.term_issues: list[TermIssue] = []

    def headers(self) -> dict[str, str]:
        return {
            "Authorization": f"DeepL-Auth-Key {self.config.deepl_api_key}",
            "User-Agent": USER_AGENT,
        }

    def _request(self, method: str, path: str, **kwargs) -> requests.Response:
        url = self.config.deepl_base_url + path
        try:
            response = requests.request(
                method,
                url,
                headers=self.headers(),
                timeout=self.config.timeout,
                **kwargs,
            )
        except requests.RequestException as error:
            raise MachineTranslationError(f"DeepL unreachable: {error}") from error
        if response.status_code >= 400:
            raise MachineTranslationError(
                f"DeepL answered {response.status_code} to {method} {path}: "
                f"{response.text[:200]}"
            )
        return response

    def glossary(self) -> tuple[str, set[tuple[str, str]]]:
        """The glossary id and its language pairs; made again if the terms changed."""

        dictionaries = glossary_dictionaries(content_languages())
        if not dictionaries:
            return "", set()
        pairs = {(d["source_lang"], d["target_lang"]) for d in dictionaries}
        account = hashlib.sha256(self.config.deepl_api_key.encode()).hexdigest()
        digest = hashlib.sha256(
            json.dumps(
                [self.config.deepl_base_url, account, dictionaries], sort_keys=True
            ).encode()
        ).hexdigest()
        stored = TranslationSettings.load()
        if stored.deepl_glossary_id and stored.deepl_glossary_hash == digest:
            return stored.deepl_glossary_id, pairs
        response = self._request(
            "POST",
            "/v3/glossaries",
            json={
                "name": f"Knowledge base terms {digest[:8]}",
                "dictionaries": dictionaries,
            },
        )
        glossary_id = response.json()["glossary_id"]
        TranslationSettings.objects.filter(pk=stored.pk).update(
            deepl_glossary_id=glossary_id, deepl_glossary_hash=digest
        )
        if stored.deepl_glossary_id:
            try:
                self._request("DELETE", f"/v3/glossaries/{stored.deepl_glossary_id}")
            except MachineTranslationError:
                # Gone already, or made with another key: nothing to clean up.
                logger.info("DeepL glossary %s not deleted", stored.deepl_glossary_id)
        return glossary_id, pairs

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        source_lang = language_code(source_locale.language_code)
        target_lang = language_code(target_locale.language_code, is_target=True)
        if target_lang == "EN":
            target_lang = "EN-GB"  # DeepL asks for a variant; the region is European
        body: dict = {
            "source_lang": source_lang,
            "target_lang": target_lang,
            "tag_handling": "html",
        }
        try:
            glossary_id, glossary_pairs = self.glossary()
        except MachineTranslationError as error:
            # Translate anyway; check_terms below lists the terms to look at.
            logger.warning("DeepL glossary not made, translating without: %s", error)
            glossary_id, glossary_pairs = "", set()
        pair = (_base(source_locale.language_code), _base(target_locale.language_code))
        if glossary_id and pair in glossary_pairs:
            body["glossary_id"] = glossary_id
        translated: dict[StringValue, StringValue] = {}
        for start in range(0, len(strings), DEEPL_BATCH_SIZE):
            batch = strings[start : start + DEEPL_BATCH_SIZE]
            response = self._request(
                "POST",
                "/v2/translate",
                json={**body, "text": [string.data for string in batch]},
            )
            results = response.json()["translations"]
            for string, result in zip(batch, results, strict=True):
                translated[string] = StringValue(result["text"])
        self.term_issues = check_terms(
            ((s.data, t.data) for s, t in translated.items()), term_pairs(*pair)
        )
        _report(self.term_issues, *pair)
        return translated

    def can_translate(self, source_locale, target_locale):
        return _base(source_locale.language_code) != _base(target_locale.language_code)


# LibreTranslate --------------------------------------------------------------

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
                pattern = _term_pattern(pair.source)
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


class LibreTranslateTranslator(BaseMachineTranslator):
    """LibreTranslate, with term list terms protected and put in afterwards."""

    display_name = "LibreTranslate"

    def __init__(self, config: EngineConfig):
        super().__init__({})
        self.config = config
        self.term_issues: list[TermIssue] = []

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        source_lang = _base(source_locale.language_code)
        target_lang = _base(target_locale.language_code)
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
        _report(self.term_issues, source_lang, target_lang)
        return translated

    def can_translate(self, source_locale, target_locale):
        return _base(source_locale.language_code) != _base(target_locale.language_code)
