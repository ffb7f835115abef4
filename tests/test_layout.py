"""The layout: the README lists every package, each package says what lives there,
tests/ mirrors apps/, and the layers hold (import-linter's contracts)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
APPS = BASE_DIR / "apps"


def packages() -> list[Path]:
    """Every package of apps/, but not migrations and management/commands."""
    return sorted(
        init.parent
        for init in APPS.rglob("__init__.py")
        if "migrations" not in init.parts and init.parent.name != "commands"
    )


def layout_section() -> str:
    readme = (BASE_DIR / "README.md").read_text()
    start = readme.index("## Layout\n")
    return readme[start : readme.index("\n## ", start + 1)]


def test_readme_layout__lists_every_package() -> None:
    section = layout_section()
    missing = [
        f"{path.relative_to(BASE_DIR)}/"
        for path in packages()
        if f"\n{path.relative_to(BASE_DIR)}/ " not in section
    ]
    assert missing == []


def test_readme_layout__lists_no_package_that_is_gone() -> None:
    listed = [
        line.split()[0]
        for line in layout_section().splitlines()
        if line.startswith("apps/")
    ]
    gone = [path for path in listed if not (BASE_DIR / path / "__init__.py").exists()]
    assert gone == []


def test_every_package__opens_with_a_docstring() -> None:
    silent = [
        str(path.relative_to(BASE_DIR))
        for path in packages()
        if not ast.get_docstring(ast.parse((path / "__init__.py").read_text()))
    ]
    assert silent == []


def test_tests__mirror_apps() -> None:
    folders = [
        init.parent
        for init in (BASE_DIR / "tests").rglob("__init__.py")
        if init.parent.name not in {"tests", "e2e"}
    ]
    strays = [
        str(folder.relative_to(BASE_DIR))
        for folder in folders
        if not (APPS / folder.relative_to(BASE_DIR / "tests")).is_dir()
    ]
    assert strays == []


def test_layers__hold() -> None:
    """demo > workflow > knowledge > security, no circles inside an app."""
    command = shutil.which("lint-imports") or str(
        Path(sys.executable).parent / "lint-imports"
    )
    if not Path(command).exists():
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    result = subprocess.run(  # noqa: S603 - the project's own dev tool
        [command, "--no-cache"], cwd=BASE_DIR, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


TESTS = BASE_DIR / "tests"
#: Bases that make a class a Django test case (hypothesis's is one too).
DJANGO_TEST_CASES = {
    "TestCase",
    "SimpleTestCase",
    "TransactionTestCase",
    "LiveServerTestCase",
    "StaticLiveServerTestCase",
    "WagtailPageTestCase",
    "HypothesisTestCase",
}
PYTEST_STYLE = "Style: pytest"
TESTCASE_STYLE = "Style: Django TestCase"


def folders_of_tests() -> list[Path]:
    return sorted(init.parent for init in TESTS.rglob("__init__.py"))


def styles_of(module: Path) -> set[str]:
    """ "testcase" if the module has a Django test case class, "pytest" if it has a
    test function or a plain test class."""
    tree = ast.parse(module.read_text())
    django_classes: set[str] = set()
    found = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            found.add("pytest")
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {ast.unparse(base).rpartition(".")[2] for base in node.bases}
        if bases & (DJANGO_TEST_CASES | django_classes):
            django_classes.add(node.name)
            found.add("testcase")
        elif any(
            isinstance(item, ast.FunctionDef) and item.name.startswith("test_")
            for item in node.body
        ):
            found.add("pytest")
    return found


def test_tests__no_utils_module() -> None:
    """Helpers are factories (factories.py, Traits for states) and fixtures
    (conftest.py), not a grab-bag module."""
    grab_bags = [
        str(path.relative_to(BASE_DIR))
        for path in TESTS.rglob("*.py")
        if "utils" in path.stem
    ]
    assert grab_bags == []


def test_tests__one_style_per_folder_as_its_docstring_says() -> None:
    wrong = []
    for folder in folders_of_tests():
        docstring = ast.get_docstring(ast.parse((folder / "__init__.py").read_text()))
        said = {
            "pytest": PYTEST_STYLE in (docstring or ""),
            "testcase": TESTCASE_STYLE in (docstring or ""),
        }
        if sum(said.values()) != 1:
            wrong.append(f"{folder.relative_to(BASE_DIR)}: docstring names no style")
            continue
        style = "pytest" if said["pytest"] else "testcase"
        wrong += [
            f"{module.relative_to(BASE_DIR)}: {sorted(styles_of(module))}"
            for module in sorted(folder.glob("test_*.py"))
            if styles_of(module) - {style}
        ]
    assert wrong == []
