"""The portfolio in figures (issue 16): how many solutions per field of action,
phase, country, authority and year, the budgets per currency, the cross-border ones.

One module computes them, for the statistics page of the portal
(``StatisticsPage``, its template asks ``{% portfolio_figures %}``) and the admin
dashboard's panel (``apps/knowledge/admin/figures_panel.py``). Each figure is a
:class:`Figure` of rows (label, value); :data:`FIGURES` lists the functions that
make them, in the order shown, so a new figure (adoptions across the border, say)
is one more function appended to it.

What counts: the live, public solutions of one language (``live_solutions``, which
goes through :func:`apps.knowledge.visibility.visible`): no draft, no private or
expired page, nothing below an unpublished area, no other language. The figures
are kept in the content cache by the solution lists of that language
(``list:<locale>``), so a publish shows at once.

Country and cross-border, as the rest of the portal tells them: a solution's
country is its lead organisation's (the search's country facet), else the place's
official keys (German ARS/AGS or a Danish kommunekode); a solution is
cross-border when the organisations and the place involved (lead, partners,
keys) lie in both Germany and Denmark (``SolutionPage.country_codes``; the
workflow's cross-border review asks the same of a Danish organisation).

Budgets are summed per currency and never converted silently: the combined
estimate names the rate (``EUR_DKK_RATE``) it uses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from apps.knowledge import content_cache, reuse_graph
from apps.knowledge.choices import Country, Currency, Phase
from apps.knowledge.models import FieldOfAction, PartnerAreaPage, SolutionPage
from apps.knowledge.models.pages import live_solutions
from apps.knowledge.portal import money

#: Row keys of the rows that stand for "none given".
NOT_STATED = "none"


@dataclass(frozen=True)
class Row:
    """One line of a figure: what is counted, its value and the value as shown."""

    key: str
    label: str
    value: int | Decimal
    display: str
    #: A third column where the figure has one (the budgets: how many solutions).
    detail: str = ""


@dataclass(frozen=True)
class Figure:
    """One figure of the portfolio: a title, the column headings and the rows."""

    key: str
    title: str
    label_heading: str
    value_heading: str
    rows: tuple[Row, ...]
    #: How many solutions the figure is about.
    total: int
    #: Drawn as a bar chart (counts); amounts in two currencies are not.
    chart: bool = True
    detail_heading: str = ""
    #: A sentence shown under the figure (what counts, a rate used).
    note: str = ""

    @property
    def largest(self) -> int | Decimal:
        return max((row.value for row in self.rows), default=0)


@dataclass
class Portfolio:
    """The solutions the figures count, with what several figures need."""

    locale: object
    solutions: list[SolutionPage] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.solutions)


def count_display(value: int) -> str:
    """A count in the active language's number format (``1.234`` in German)."""
    return number_format(value, force_grouping=True)


def count_rows(
    labels: Iterable[tuple[str, str]], counts: Counter, *, drop_empty: bool = False
) -> tuple[Row, ...]:
    """Rows of ``(key, label)`` with their count; ``drop_empty`` leaves out zeros."""
    return tuple(
        Row(key, label, counts[key], count_display(counts[key]))
        for key, label in labels
        if counts[key] or not drop_empty
    )


def solutions_heading() -> str:
    return _("Solutions")


# --- what a solution is counted under ----------------------------------------------


def place_country(solution: SolutionPage) -> str | None:
    """The country of the place's official keys, if it has any."""
    if solution.danish_municipality_code:
        return Country.DENMARK
    if solution.regional_key or solution.municipality_key:
        return Country.GERMANY
    return None


def solution_country(solution: SolutionPage) -> str | None:
    """The lead organisation's country, else the place's; None if neither says."""
    if solution.lead_organisation is not None:
        return solution.lead_organisation.country
    return place_country(solution)


def countries_involved(solution: SolutionPage) -> set[str]:
    """The countries of the lead and partner organisations and of the place."""
    organisations = [solution.lead_organisation] + [
        partner.organisation for partner in solution.partners.all()
    ]
    countries = {o.country for o in organisations if o is not None}
    if place := place_country(solution):
        countries.add(place)
    return countries


def is_cross_border(solution: SolutionPage) -> bool:
    return {Country.GERMANY, Country.DENMARK} <= countries_involved(solution)


# --- the figures ---------------------------------------------------------------------


def by_field_of_action(portfolio: Portfolio) -> Figure:
    """Per field of action; a solution with several is counted under each."""
    # Named as the visitor's language has them (a translation awaiting review
    # shows its German name), in the taxonomy's order.
    public = {
        field.translation_key: field
        for field in FieldOfAction.objects.public_in(portfolio.locale)
    }
    counts: Counter = Counter()
    linked: dict = {}
    for solution in portfolio.solutions:
        keys = set()
        for link in solution.fields_of_action.all():
            key = link.field_of_action.translation_key
            keys.add(key)
            linked.setdefault(key, link.field_of_action)
        counts.update(str(key) for key in keys)
    fields = {**linked, **public}
    ordered = sorted(
        fields.items(), key=lambda item: (item[1].sort_order, item[1].name)
    )
    rows = count_rows(((str(key), field.name) for key, field in ordered), counts)
    return Figure(
        key="fields",
        title=_("Solutions per field of action"),
        label_heading=_("Field of action"),
        value_heading=solutions_heading(),
        rows=rows,
        total=portfolio.total,
        note=_("A solution with several fields of action counts in each of them."),
    )


def by_phase(portfolio: Portfolio) -> Figure:
    counts = Counter(solution.phase for solution in portfolio.solutions)
    return Figure(
        key="phases",
        title=_("Solutions per phase"),
        label_heading=_("Phase"),
        value_heading=solutions_heading(),
        rows=count_rows(
            ((value, str(label)) for value, label in Phase.choices), counts
        ),
        total=portfolio.total,
    )


def by_country(portfolio: Portfolio) -> Figure:
    counts = Counter(
        solution_country(solution) or NOT_STATED for solution in portfolio.solutions
    )
    labels = [(value, str(label)) for value, label in Country.choices]
    rows = count_rows(labels, counts)
    if counts[NOT_STATED]:
        rows += count_rows([(NOT_STATED, _("Not stated"))], counts)
    return Figure(
        key="countries",
        title=_("Solutions per country"),
        label_heading=_("Country"),
        value_heading=solutions_heading(),
        rows=rows,
        total=portfolio.total,
        note=_(
            "The country of the lead organisation; without one, the country of the "
            "place's official key."
        ),
    )


def by_authority(portfolio: Portfolio) -> Figure:
    """Per partner area: the authority or partner group responsible."""
    step = Page.steplen
    parent_paths = Counter(solution.path[:-step] for solution in portfolio.solutions)
    areas = PartnerAreaPage.objects.filter(
        path__in=list(parent_paths), locale=portfolio.locale
    ).order_by("path")
    counts = Counter({area.path: parent_paths[area.path] for area in areas})
    rows = count_rows(((area.path, area.title) for area in areas), counts)
    return Figure(
        key="authorities",
        title=_("Solutions per responsible authority"),
        label_heading=_("Authority or partner group"),
        value_heading=solutions_heading(),
        rows=tuple(sorted(rows, key=lambda row: (-row.value, row.label))),
        total=portfolio.total,
    )


def by_start_year(portfolio: Portfolio) -> Figure:
    counts = Counter(
        str(solution.start_date.year) if solution.start_date else NOT_STATED
        for solution in portfolio.solutions
    )
    years = sorted(int(key) for key in counts if key != NOT_STATED)
    labels = (
        [(str(year), str(year)) for year in range(years[0], years[-1] + 1)]
        if years
        else []
    )
    rows = count_rows(labels, counts)
    if counts[NOT_STATED]:
        rows += count_rows([(NOT_STATED, _("No start date"))], counts)
    return Figure(
        key="years",
        title=_("Solutions per year started"),
        label_heading=_("Year"),
        value_heading=solutions_heading(),
        rows=rows,
        total=portfolio.total,
    )


def cross_border(portfolio: Portfolio) -> Figure:
    crossing = sum(1 for solution in portfolio.solutions if is_cross_border(solution))
    counts = Counter(
        {"cross-border": crossing, "one-country": portfolio.total - crossing}
    )
    labels = [
        ("cross-border", _("Cross-border")),
        ("one-country", _("Not cross-border")),
    ]
    return Figure(
        key="cross-border",
        title=_("Cross-border solutions"),
        label_heading=_("Solutions"),
        value_heading=_("Number"),
        rows=count_rows(labels, counts),
        total=portfolio.total,
        note=_(
            "Cross-border: the lead organisation, the partners and the place lie in "
            "both Germany and Denmark."
        ),
    )


def budgets(portfolio: Portfolio) -> Figure:
    """The budgets summed per currency; no amount is converted into the sum."""
    sums: dict[str, Decimal] = {currency: Decimal(0) for currency in Currency.values}
    counts: Counter = Counter()
    for solution in portfolio.solutions:
        if solution.budget is not None and solution.currency in sums:
            sums[solution.currency] += solution.budget
            counts[solution.currency] += 1
    rows = tuple(
        Row(
            key=currency,
            label=str(label),
            value=sums[currency],
            display=money.format_money(sums[currency], currency),
            detail=count_display(counts[currency]),
        )
        for currency, label in Currency.choices
    )
    note = ""
    if counts[money.EUR] and counts[money.DKK]:
        combined = sums[money.EUR] + money.convert(sums[money.DKK], money.DKK)
        note = _(
            "Together approximately %(amount)s, if the kroner are converted at "
            "%(rate)s DKK per euro: the portal's comparison rate (setting "
            "EUR_DKK_RATE; the krone is pegged to the euro in ERM II)."
        ) % {
            "amount": money.format_money(money.round_estimate(combined), money.EUR),
            "rate": number_format(money.eur_dkk_rate()),
        }
    return Figure(
        key="budgets",
        title=_("Budgets per currency"),
        label_heading=_("Currency"),
        value_heading=_("Sum of budgets"),
        detail_heading=_("Solutions with a budget"),
        rows=rows,
        total=portfolio.total,
        chart=False,
        note=note,
    )


def reuse(portfolio: Portfolio) -> Figure:
    """Confirmed reuse (issue 17): adoptions by other organisations, those across
    the border counted apart, and solutions built on another."""
    found = reuse_graph.reuse_figures(portfolio.locale)
    counts = Counter(
        {
            "cross-border": found["cross_border_adoptions"],
            "domestic": found["domestic_adoptions"],
            "derived": found["derivations"],
        }
    )
    labels = [
        ("cross-border", _("Adopted across the border")),
        ("domestic", _("Adopted in the same country")),
        ("derived", _("Built on another solution")),
    ]
    return Figure(
        key="reuse",
        title=_("Reuse of solutions"),
        label_heading=_("Reuse"),
        value_heading=_("Number"),
        rows=count_rows(labels, counts),
        total=portfolio.total,
        note=_(
            "Confirmed by both sides. Across the border: the adopting organisation "
            "lies in another country than the solution's lead organisation."
        ),
    )


#: The figures in the order shown; append a function to add one.
FIGURES: list[Callable[[Portfolio], Figure]] = [
    by_field_of_action,
    by_phase,
    by_country,
    by_authority,
    by_start_year,
    cross_border,
    reuse,
    budgets,
]


def portfolio(locale) -> Portfolio:
    """The live, public solutions of ``locale`` with what the figures read."""
    solutions = live_solutions(locale).prefetch_related(
        "fields_of_action__field_of_action", "partners__organisation"
    )
    return Portfolio(locale=locale, solutions=list(solutions))


def build_figures(locale) -> list[Figure]:
    found = portfolio(locale)
    return [make(found) for make in FIGURES]


def portfolio_figures(locale) -> list[Figure]:
    """Every figure of the live, public solutions of ``locale``, named in the
    active language; kept until a solution of that language (or anything every
    page shows) changes, or a page expires."""
    return content_cache.remember_visible_tagged(
        "portfolio-figures",
        lambda: build_figures(locale),
        locale.pk,
        translation.get_language(),
    )


def solutions_counted(figures: list[Figure]) -> int:
    """How many solutions ``figures`` count (the same for each)."""
    return figures[0].total if figures else 0
