"""Finding a problem's line by streaming events gives what walking the composed tree gives."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.storage.yamlemit import emit
from annotator.storage.yamlio import locate
from tests.test_blockyaml import documents


def reference(text: str, path: list[str | int]) -> int | None:
    """The tree walk the streaming finder replaced: the key's line, else the deepest found."""
    node: Any = yaml.compose(text, Loader=yaml.SafeLoader)
    line: int = node.start_mark.line + 1
    for step in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                    child, line = value, key.start_mark.line + 1
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(node.value)
        ):
            child = node.value[step]
            line = child.start_mark.line + 1
        if child is None:
            return line
        node = child
    return line


def paths_in(value: Any, prefix: list[str | int]) -> list[list[str | int]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_in(item, [*prefix, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths_in(item, [*prefix, index])
    return found


@settings(max_examples=300)
@given(documents, st.data())
def test_every_path_and_a_missing_one_get_the_tree_walks_line(
    document: dict[str, Any], data: st.DataObject
) -> None:
    text = emit(document)
    existing = paths_in(document, [])
    chosen = data.draw(st.lists(st.sampled_from(existing), min_size=1, max_size=6))
    missing = [[*p, data.draw(st.sampled_from(["id", 0, 7, "zz"]))] for p in chosen]
    wanted = chosen + missing
    assert locate(text.encode(), wanted) == [reference(text, p) for p in wanted]


def test_a_missing_key_gets_the_line_of_its_claim() -> None:
    text = "format: 2\nclaims:\n" + "- id: x\n  type: y\n" * 200_000
    assert locate(text.encode(), [["claims", 3, "type"], ["claims", 5, "nope"]]) == [10, 13]
