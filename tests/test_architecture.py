"""The layout keeps its promises: no import circles, small modules, Textual only in the TUI."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "annotator"
README = PACKAGE.parent / "README.md"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path) -> set[str]:
    """Every module of the package that PATH imports, at the top or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
    return {name for name in found if name in MODULES}


def graph() -> dict[str, set[str]]:
    return {name: imported(path) - {name} for name, path in MODULES.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_circle_finder_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_among_the_modules() -> None:
    assert circles(graph()) == []


def test_no_module_over_400_lines() -> None:
    long = {name: n for name, p in MODULES.items() if (n := len(p.read_text().splitlines())) > 400}
    assert long == {}


def third_party(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_textual_only_in_the_tui_and_exchange_free_of_textual_and_rich() -> None:
    for name, path in MODULES.items():
        libraries = third_party(path)
        if not name.startswith("annotator.tui"):
            assert "textual" not in libraries, name
        if name.startswith("annotator.exchange"):
            assert not {"textual", "rich"} & libraries, name


def test_the_exchange_formats_load_neither_textual_nor_rich() -> None:
    code = (
        "import sys\n"
        "from annotator.exchange.registry import FORMATS\n"
        "for f in FORMATS: f.module()\n"
        "assert not {'textual', 'rich'} & set(sys.modules), sorted(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_readme_module_map_matches_the_tree() -> None:
    """Every package of annotator/ has a row in the README's module map, and every row a package."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Module map") :]
    section = section[: section.index("\n## ", 4)]
    rows = set(re.findall(r"^\| `(annotator/[\w/]*)` \|", section, flags=re.MULTILINE))
    packages = {
        str(p.parent.relative_to(PACKAGE.parent)) + "/" for p in PACKAGE.rglob("__init__.py")
    }
    assert rows == packages
    for row in rows:  # each row names exactly the modules of its package
        line = next(x for x in section.splitlines() if x.startswith(f"| `{row}` |"))
        named = set(re.findall(r"`(\w+)\.py`", line))
        present = {p.stem for p in (PACKAGE.parent / row).glob("*.py")} - {"__init__"}
        assert named - {"__init__"} == present, row


def test_the_format_choices_help_and_readme_come_from_the_registry() -> None:
    from annotator.cli import build_parser
    from annotator.exchange.registry import FORMATS, export_formats, import_formats

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    for command, formats in (("export", export_formats()), ("import", import_formats())):
        sub = commands.choices[command]  # type: ignore[index]
        choices = next(a for a in sub._actions if a.dest == "format").choices
        assert list(choices) == [f.name for f in formats]
        help_text = " ".join(sub.format_help().split())
        assert all(" ".join(f.summary.split()) in help_text for f in formats)
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Export and import") :]
    section = section[: section.index("\n## ", 4)]
    table = set(re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE))
    assert table == {f.name for f in FORMATS}
    names = ",".join(f.name for f in import_formats())
    assert f"import --format {{{names}}}" in section


def test_the_annotate_screen_loads_no_suggester_before_its_first_paint() -> None:
    """The suggester and its model load in a worker once the article is shown."""
    code = (
        "import sys\n"
        "import annotator.tui.app, annotator.tui.annotate\n"
        "loaded = [m for m in sys.modules\n"
        "          if m.startswith('annotator.suggest') or m == 'pycrfsuite']\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
