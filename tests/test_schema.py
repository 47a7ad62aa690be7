from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import InvalidFileError
from annotator.schema import Schema, load_schema
from tests.conftest import REPO

DEFAULT_TYPES = [
    "official_statement",
    "analyst_opinion",
    "unnamed_source",
    "media_report",
    "unattributed",
]


def test_default_schema_has_the_documented_choices() -> None:
    schema = Schema()
    assert [c.key for c in schema.claim_types] == DEFAULT_TYPES
    assert all(c.label and c.definition for c in schema.claim_types)
    assert [c.key for c in schema.stances] == ["favor", "against", "neutral"]
    assert [c.key for c in schema.outlet_types] == [
        "state_affiliated",
        "public_service",
        "private",
        "unknown",
    ]
    assert [c.key for c in schema.bias_indicators] == [
        "loaded_language", "one_sided_sourcing", "anonymous_sourcing", "unverifiable_claims",
    ]  # fmt: skip


def test_no_schema_file_means_the_default(tmp_path: Path) -> None:
    assert load_schema(tmp_path) == Schema()


def test_the_shipped_schema_adds_the_nato_target_and_keeps_defaults() -> None:
    schema = load_schema(REPO / "annotations")
    assert [t.key for t in schema.targets] == ["ukraine_nato_membership"]
    assert [c.key for c in schema.claim_types] == DEFAULT_TYPES
    assert schema.fingerprint != "default"


def test_a_section_overrides_the_default_and_plain_keys_are_allowed(tmp_path: Path) -> None:
    (tmp_path / "schema.yaml").write_text(
        "stances: [pro, con]\nclaim_types:\n"
        "  - key: quote\n    label: Direct quote\n    color: '#ff8800'\n",
        encoding="utf-8",
    )
    schema = load_schema(tmp_path)
    assert [s.key for s in schema.stances] == ["pro", "con"]
    assert schema.stances[0].label == "Pro"
    assert schema.claim_types[0].label == "Direct quote"
    assert schema.keys["claim_types"] == {"quote"}


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("claim_types:\n  - key: ok\n  - key: Bad Key\n", 3, "key 'Bad Key'"),
        ("claim_types:\n  - key: a\n  - key: a\n", 3, "duplicate key 'a'"),
        ("targets:\n  - key: t\n    colour: red\n", 2, "unknown field 'colour'"),
        ("stance:\n  - favor\n", 1, "unknown section 'stance'"),
        ("claim_types: {a: 1}\n", 1, "claim_types must be a list"),
        ("claim_types:\n  - key: a\n    color: notacolour\n", 3, "not a colour"),
        ("claim_types: []\n", 1, "at least one entry"),
        ("targets:\n  - key: t\n  label: x\n", 3, "malformed YAML"),
    ],
)
def test_a_bad_schema_names_file_and_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = tmp_path / "schema.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Exception) as caught:
        load_schema(tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert fragment in message


def test_every_problem_of_a_schema_is_reported(tmp_path: Path) -> None:
    (tmp_path / "schema.yaml").write_text("foo: 1\nclaim_types:\n  - key: A\n", encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        load_schema(tmp_path)
    assert [p.line for p in caught.value.problems] == [1, 3]
