"""The fast block reader gives exactly what PyYAML gives, or nothing: differential tests."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import AnnotatorError
from annotator.storage import yamlio
from annotator.storage.blockyaml import load_block_yaml
from annotator.storage.tagfile import serialize
from annotator.storage.yamlemit import emit
from tests.conftest import REPO, SEED_RT, sample_tags

keys = st.text(min_size=1, max_size=10)
leaves = st.one_of(st.text(), st.integers(), st.booleans(), st.none())
values = st.recursive(
    leaves,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)
documents = st.dictionaries(keys, values, min_size=1, max_size=6)


def pyyaml(text: str) -> Any:
    """What the tool's strict PyYAML loader reads, or the exception it raises."""
    try:
        return yamlio._StrictLoader(text).get_single_data()
    except Exception as error:  # any refusal counts as "not read"
        return error


@settings(max_examples=800)
@given(documents)
def test_everything_the_emitter_writes_takes_the_fast_path(document: dict[str, Any]) -> None:
    text = emit(document)
    assert load_block_yaml(text) == document == yaml.safe_load(text)


# Edits a hand merge, an editor or an attacker could make, at any place in a written file.
EDITS = [
    "#", " #", ": ", ":", "- ", "-", " ", "  ", "\n", "'", '"', "\\", "&a ", "*a", "!!str ",
    "? ", "{", "}", "[", "]", ",", "|", ">", "%", "@", "`", "~", "0", "1.5", "0o7", "012",
    "1_0", "yes", "No", "null", "2026-01-02", ".inf", "<<: ", "\t", "\r", "\x85", "\u2028",
    "\ufeff", "---\n", "...\n", "\\x4", "\\u00e9", "\\q", "1e3", "0x1F", "1:20", "=",
]  # fmt: skip


@settings(max_examples=int(os.environ.get("BLOCKYAML_EXAMPLES", "1500")))
@given(documents, st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(EDITS)), max_size=3),
       st.booleans())  # fmt: skip
def test_an_edited_file_is_read_as_pyyaml_reads_it_or_left_to_pyyaml(
    document: dict[str, Any], edits: list[tuple[int, str]], delete: bool
) -> None:
    text = emit(document)
    for at, edit in edits:
        at %= len(text) + 1
        text = text[:at] + edit + text[at + (1 if delete else 0) :]
    fast = load_block_yaml(text)
    if fast is not None:
        assert fast == pyyaml(text), text


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # PyYAML refuses a key given twice, with its line
        "a: 1.5\n",  # a float: PyYAML's own resolution
        "a: 012\n",  # octal in YAML 1.1
        "a: 2026-01-02\n",  # a date
        "a: &x 1\nb: *x\n",
        "a: b # comment\n",
        "a: [1, 2]\n",
        "a: |\n  text\n",
        "a: 1",  # no final newline
        "- 1\n",  # not a mapping
    ],
)
def test_what_is_outside_the_written_shape_is_left_to_pyyaml(text: str) -> None:
    assert load_block_yaml(text) is None


def test_a_real_tag_file_is_read_fast_and_the_same(corpus_root: Path) -> None:
    from annotator.storage.corpus import Corpus

    corpus = Corpus.open(corpus_root)
    text = serialize(sample_tags(corpus.load_article(SEED_RT), "alice")).decode()
    assert load_block_yaml(text) == yaml.safe_load(text) is not None
    schema = (REPO / "annotations" / "schema.yaml").read_text(encoding="utf-8")
    assert load_block_yaml(schema) in (None, yaml.safe_load(schema))


def test_refusals_still_come_from_pyyaml_with_their_line() -> None:
    with pytest.raises(AnnotatorError) as raised:
        yamlio.load_yaml(b"format: 2\nnote: x\nnote: y\n", Path("a.yaml"))
    assert raised.value.problem.line == 3 and "given twice" in raised.value.problem.message
