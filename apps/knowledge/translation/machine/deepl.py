"""DeepL, with the term list as a multilingual glossary.

The glossary (v3: one glossary with a dictionary per language pair) is made again
only when the terms change.
https://developers.deepl.com/api-reference/multilingual-glossaries
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable

import requests
from django.conf import settings
from wagtail_localize.machine_translators.deepl import language_code
from wagtail_localize.strings import StringValue

from apps.knowledge.models import TranslationSettings
from apps.knowledge.translation.machine.base import (
    USER_AGENT,
    MachineTranslationError,
    TermListTranslator,
)
from apps.knowledge.translation.machine.terms import (
    base_language,
    check_terms,
    report_term_issues,
    term_pairs,
)

logger = logging.getLogger(__name__)

#: Texts per DeepL translate request (the API's limit).
DEEPL_BATCH_SIZE = 50
#: Languages DeepL accepts in glossaries (of those the knowledge base uses).
# https://developers.deepl.com/api-reference/multilingual-glossaries
DEEPL_GLOSSARY_LANGUAGES = {"da", "de", "en"}


def glossary_dictionaries(languages: Iterable[str]) -> list[dict]:
    """The term list as DeepL v3 glossary dictionaries, one per language pair.

    https://developers.deepl.com/api-reference/multilingual-glossaries
    """
    languages = sorted(
        {base_language(code) for code in languages} & DEEPL_GLOSSARY_LANGUAGES
    )
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


class DeepLTranslator(TermListTranslator):
    """DeepL with the term list as glossary."""

    display_name = "DeepL"

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
        pair = (
            base_language(source_locale.language_code),
            base_language(target_locale.language_code),
        )
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
        report_term_issues(self.term_issues, *pair)
        return translated
