"""Budgets in the visitor's number format, with the other currency as an estimate.

Solutions on both sides of the border state their budget in euros or Danish kroner.
The portal shows the amount in its own currency and, for comparison, an approximate
amount in the other one at ``settings.EUR_DKK_RATE`` (kroner per euro; the krone
is pegged to the euro in ERM II, so one rate serves for years).

The placement of the currency sign is locale data after the Unicode CLDR, like the
number format Django takes from its locale files; the word for "approximately" is
in the catalogues.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import pgettext_lazy

from apps.knowledge import i18n

EUR = "EUR"
DKK = "DKK"

# Where the currency sign goes in each language, after the CLDR patterns.
CURRENCY_PATTERNS = {
    "de": {EUR: "{amount}\u00a0€", DKK: "{amount}\u00a0DKK"},
    "da": {EUR: "{amount}\u00a0€", DKK: "{amount}\u00a0kr."},
    "en": {EUR: "€{amount}", DKK: "DKK\u00a0{amount}"},
}
# (abbreviation shown, word read out) for an approximate amount.
APPROXIMATELY = (
    pgettext_lazy("before an estimated amount, abbreviated", "approx."),
    pgettext_lazy("before an estimated amount, read out", "approximately"),
)
# The estimate is rounded to three significant digits: it is a comparison, and
# false precision would suggest an exact conversion.
SIGNIFICANT_DIGITS = 3


def eur_dkk_rate() -> Decimal:
    """Danish kroner per euro (``EUR_DKK_RATE``)."""
    return Decimal(str(settings.EUR_DKK_RATE))


def other_currency(currency: str) -> str | None:
    """The currency an amount is compared with: kroner for euros and vice versa."""
    return {EUR: DKK, DKK: EUR}.get(currency)


def convert(amount: Decimal, currency: str) -> Decimal | None:
    """``amount`` in the other currency at the configured rate, unrounded."""
    rate = eur_dkk_rate()
    if currency == EUR:
        return amount * rate
    if currency == DKK:
        return amount / rate
    return None


def round_estimate(amount: Decimal) -> Decimal:
    """Three significant digits from 1,000 on (8,952,000 -> 8,950,000), else whole."""
    if amount.copy_abs() < 1000:
        return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    step = Decimal(1).scaleb(amount.adjusted() - SIGNIFICANT_DIGITS + 1)
    return (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def format_money(amount, currency: str, language: str | None = None) -> str:
    """``amount`` with its currency in the language's format (default: active).

    ``1.200.000 €`` in German, ``€1,200,000`` in English; whole amounts without
    cents.
    """
    if amount in (None, ""):
        return ""
    amount = Decimal(amount)
    language = language or i18n.active_language()
    decimals = 0 if amount == amount.to_integral_value() else 2
    with translation.override(language):
        formatted = number_format(amount, decimal_pos=decimals, force_grouping=True)
    patterns = CURRENCY_PATTERNS.get(language, CURRENCY_PATTERNS["en"])
    pattern = patterns.get(currency, "{amount}\u00a0" + currency)
    return pattern.format(amount=formatted)


@dataclass(frozen=True)
class Budget:
    """A budget as shown: the amount, and an estimate in the other currency."""

    amount: str
    estimate: str
    approx_abbreviation: str
    approx_word: str

    @property
    def text(self) -> str:
        """Plain text, e.g. for feeds: ``1.200.000 € (ca. 8.950.000 DKK)``."""
        if not self.estimate:
            return self.amount
        return f"{self.amount} ({self.approx_abbreviation}\u00a0{self.estimate})"


def budget(amount, currency: str, language: str | None = None) -> Budget | None:
    """The budget in ``currency`` and its estimate in the other currency."""
    if amount in (None, ""):
        return None
    amount = Decimal(amount)
    language = language or i18n.active_language()
    converted = convert(amount, currency)
    estimate = ""
    if converted is not None:
        estimate = format_money(
            round_estimate(converted), other_currency(currency), language
        )
    with translation.override(language):
        abbreviation, word = (str(text) for text in APPROXIMATELY)
    return Budget(
        amount=format_money(amount, currency, language),
        estimate=estimate,
        approx_abbreviation=abbreviation,
        approx_word=word,
    )
