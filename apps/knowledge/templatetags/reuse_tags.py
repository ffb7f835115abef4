"""Template tags of the reuse graph: who adopted a solution, what it builds on,
what an organisation adopted (``apps.knowledge.reuse_graph``)."""

from __future__ import annotations

from django import template

from apps.knowledge import i18n, reuse_graph

register = template.Library()


@register.simple_tag
def adoptions_of(page) -> list[reuse_graph.ShownAdoption]:
    """The confirmed adoptions of ``page``, in its language."""
    return reuse_graph.adoptions_of(page)


@register.simple_tag
def derived_from(page) -> list:
    """The solutions ``page`` builds on, in its language."""
    return reuse_graph.derived_from(page)


@register.simple_tag
def built_on_by(page) -> list:
    """The solutions building on ``page``, in its language."""
    return reuse_graph.built_on_by(page)


@register.simple_tag
def adoptions_by(organisation) -> list[reuse_graph.ShownAdoption]:
    """The solutions ``organisation`` adopted, in the visitor's language."""
    return reuse_graph.adoptions_by(organisation, i18n.active_language())
