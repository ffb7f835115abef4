"""What every engine shares: the configuration, the error, and a small base class.

The configuration is the admin's choice in Settings > Machine translation
(:class:`~apps.knowledge.models.TranslationSettings`), environment variables over it,
read at call time.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from wagtail_localize.machine_translators.base import BaseMachineTranslator

from apps.knowledge.models import TranslationSettings
from apps.knowledge.translation.machine.terms import TermIssue, base_language

DEEPL_FREE_URL = "https://api-free.deepl.com"
DEEPL_PRO_URL = "https://api.deepl.com"
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


class TermListTranslator(BaseMachineTranslator):
    """An engine set up in the admin, its output checked against the term list."""

    def __init__(self, config: EngineConfig):
        super().__init__({})
        self.config = config
        self.term_issues: list[TermIssue] = []

    def can_translate(self, source_locale, target_locale):
        return base_language(source_locale.language_code) != base_language(
            target_locale.language_code
        )
