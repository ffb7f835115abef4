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


def test_readme_layout__lists_every_package():
    section = layout_section()
    missing = [
        f"{path.relative_to(BASE_DIR)}/"
        for path in packages()
        if f"\n{path.relative_to(BASE_DIR)}/ " not in section
    ]
    assert missing == []


def test_readme_layout__lists_no_package_that_is_gone():
    listed = [
        line.split()[0]
        for line in layout_section().splitlines()
        if line.startswith("apps/")
    ]
    gone = [path for path in listed if not (BASE_DIR / path / "__init__.py").exists()]
    assert gone == []


def test_every_package__opens_with_a_docstring():
    silent = [
        str(path.relative_to(BASE_DIR))
        for path in packages()
        if not ast.get_docstring(ast.parse((path / "__init__.py").read_text()))
    ]
    assert silent == []


def test_tests__mirror_apps():
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


def test_layers__hold():
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
