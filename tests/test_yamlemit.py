from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.storage.yamlemit import emit, scalar

keys = st.text(min_size=1, max_size=10)
leaves = st.one_of(st.text(), st.integers(), st.booleans(), st.none())
values = st.recursive(
    leaves,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=600)
@given(st.dictionaries(keys, values, min_size=1, max_size=6))
def test_safe_load_reads_back_exactly_what_was_emitted(document: dict[str, Any]) -> None:
    assert yaml.safe_load(emit(document)) == document
    assert yaml.load(emit(document), Loader=yaml.CSafeLoader) == document


@settings(max_examples=600)
@given(st.text())
def test_every_string_survives(text: str) -> None:
    assert yaml.safe_load(emit({"k": text})) == {"k": text}


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("plain words", "plain words"),
        ("Жёлтый «flag» 🙂", "Жёлтый «flag» 🙂"),
        ("", "''"),
        ("yes", "'yes'"),
        ("y", "'y'"),
        ("123", "'123'"),
        ("2026-01-02T03:04:05Z", "'2026-01-02T03:04:05Z'"),
        ("a: b", "'a: b'"),
        ("x #y", "'x #y'"),
        ("- item", "'- item'"),
        ("it's", "it's"),
        ("'quoted'", "'''quoted'''"),
        ("two\nlines", '"two\\nlines"'),
        ("esc\x1b[31m", '"esc\\e[31m"'),
        ("tab\there", '"tab\\there"'),
        (7, "7"),
        (True, "true"),
    ],
)
def test_scalars_are_quoted_only_when_needed(value: object, written: str) -> None:
    assert scalar(value) == written


def test_block_layout_matches_what_people_expect() -> None:
    document = {"a": 1, "items": [{"x": "1", "z": []}, {"x": "b"}], "map": {"k": ["v"], "e": {}}}
    assert emit(document) == (
        "a: 1\nitems:\n- x: '1'\n  z: []\n- x: b\nmap:\n  k:\n  - v\n  e: {}\n"
    )


# Every character YAML or Unicode treats as a line or paragraph break, and every control.
BREAKS_AND_CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f", "\x85", "\u2028", "\u2029"]
BREAKS_AND_CONTROLS += [chr(c) for c in range(0x80, 0xA0)] + ["\ufeff"]


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(BREAKS_AND_CONTROLS) | st.text(max_size=3), max_size=8).map("".join)
)
def test_breaks_and_controls_in_a_tag_file_field_read_back_exactly(text: str) -> None:
    from pathlib import Path

    from annotator.storage.yamlio import load_yaml

    document = {"claims": [{"quote": text, "source": text, "note": text}]}
    written = emit(document).encode("utf-8")
    assert load_yaml(written, Path("t.yaml")) == document
