"""Validation of an exported catalogue against the project's SHACL shapes."""

from __future__ import annotations

from pathlib import Path

from pyshacl import validate
from rdflib import Graph

import apps.knowledge.open_data

SHAPES = Path(apps.knowledge.open_data.__file__).parent / "shapes"


def shapes(name: str) -> Graph:
    return Graph().parse(SHAPES / name, format="turtle")


def validation_report(data: Graph, shapes_name: str) -> tuple[bool, str]:
    """Whether ``data`` conforms to the shapes, warnings (recommended properties)
    counted as failures, and pyshacl's report."""
    conforms, _report_graph, text = validate(
        data,
        shacl_graph=shapes(shapes_name),
        inference="none",
        allow_warnings=False,
    )
    return conforms, text


def parse(content: bytes, rdf_format: str = "turtle") -> Graph:
    return Graph().parse(data=content, format=rdf_format)
