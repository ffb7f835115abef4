"""Machine translation for wagtail-localize, chosen in the admin, using the term list.

One module per engine, as wagtail-localize's own ``machine_translators``:
``deepl.py`` and ``libretranslate.py``; what they share is in ``base.py`` (the
configuration, the error, the base class) and ``terms.py`` (the term list).

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

from wagtail_localize.machine_translators.base import BaseMachineTranslator

from apps.knowledge.translation.machine.base import (
    DEEPL_FREE_URL,
    DEEPL_PRO_URL,
    EngineConfig,
    MachineTranslationError,
    current_config,
)
from apps.knowledge.translation.machine.deepl import DeepLTranslator
from apps.knowledge.translation.machine.libretranslate import (
    LibreTranslateTranslator,
    protect_terms,
    restore_terms,
)
from apps.knowledge.translation.machine.terms import (
    TermIssue,
    TermPair,
    check_terms,
    term_issues,
    term_pairs,
)

__all__ = [
    "DEEPL_FREE_URL",
    "DEEPL_PRO_URL",
    "DeepLTranslator",
    "EngineConfig",
    "LibreTranslateTranslator",
    "MachineTranslationError",
    "TermIssue",
    "TermPair",
    "check_terms",
    "configured_translator",
    "current_config",
    "protect_terms",
    "restore_terms",
    "term_issues",
    "term_pairs",
]


def configured_translator(options: dict | None = None) -> BaseMachineTranslator | None:
    """The translator the admin chose, or None (localize then offers no button)."""
    config = current_config()
    if config.engine == "deepl" and config.deepl_api_key:
        return DeepLTranslator(config)
    if config.engine == "libretranslate" and config.libretranslate_url:
        return LibreTranslateTranslator(config)
    return None
