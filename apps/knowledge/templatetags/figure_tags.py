"""Template tags of the portfolio in figures and the comparison of solutions.

``{% portfolio_figures locale as figures %}`` gives the figures
(apps/knowledge/portal/figures.py); ``{% bar_chart figure as chart %}`` the
geometry of its bar chart, which ``knowledge/includes/figure.html`` draws as inline
SVG (no script, no library: the page works offline and without JavaScript);
``solution|comparable`` tells whether a search hit can be chosen for comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from apps.knowledge import content_cache, i18n
from apps.knowledge.models import SolutionPage
from apps.knowledge.portal import figures as portfolio

register = template.Library()

#: The drawing's width in SVG units; it is scaled to the width of its column.
CHART_WIDTH = 640
#: The longest bar leaves room for its value after it.
BAR_SPACE = 520
ROW_HEIGHT = 48
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    """One bar; coordinates as text, never localised (``1,5`` is no SVG number)."""

    label: str
    display: str
    label_y: str
    bar_y: str
    width: str
    value_x: str
    value_y: str


@dataclass(frozen=True)
class Chart:
    width: str
    height: str
    bar_height: str
    bars: tuple[Bar, ...]
    #: The values in words, for the drawing's description.
    description: str


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def chart_for(figure: portfolio.Figure) -> Chart:
    """A horizontal bar chart of ``figure``: each label above its bar, the value
    after it; bars in proportion to the largest value."""
    largest = float(figure.largest) or 1.0
    bars = []
    for number, row in enumerate(figure.rows):
        top = number * ROW_HEIGHT
        width = BAR_SPACE * float(row.value) / largest
        if row.value and width < 2:
            width = 2  # a small value stays visible
        bars.append(
            Bar(
                label=row.label,
                display=row.display,
                label_y=_number(top + 16),
                bar_y=_number(top + 22),
                width=_number(width),
                value_x=_number(width + 8),
                value_y=_number(top + 22 + BAR_HEIGHT - 4),
            )
        )
    return Chart(
        width=str(CHART_WIDTH),
        height=_number(max(len(bars), 1) * ROW_HEIGHT),
        bar_height=str(BAR_HEIGHT),
        bars=tuple(bars),
        description="; ".join(f"{row.label}: {row.display}" for row in figure.rows),
    )


@register.simple_tag
def bar_chart(figure: portfolio.Figure) -> Chart:
    return chart_for(figure)


@register.simple_tag(takes_context=True)
def portfolio_figures(context, locale=None) -> list[portfolio.Figure]:
    """The figures of ``locale``'s solutions (default: the active language's)."""
    if locale is None:
        locale = content_cache.locale_for(i18n.active_language())
    return portfolio.portfolio_figures(locale) if locale else []


@register.filter
def solutions_counted(figures) -> int:
    return portfolio.solutions_counted(figures)


@register.filter
def comparable(page) -> bool:
    """Whether ``page`` is a solution, which visitors can compare."""
    return isinstance(getattr(page, "specific_deferred", page), SolutionPage)
