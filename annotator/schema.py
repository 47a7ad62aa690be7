"""The tag schema: claim types, stance labels and targets, and article-level fields.

A built-in default applies; ``annotations/schema.yaml`` overrides it section by section.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.storage.yamlio import DocPath, load_yaml, located_problems, read_limited

SCHEMA_FILE = "schema.yaml"
KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")
CHOICE_FIELDS = ("key", "label", "definition", "example", "color")
SECTIONS = ("claim_types", "stances", "targets", "outlet_types", "bias_indicators")


@dataclass(frozen=True, slots=True)
class Choice:
    """One allowed value of a field: its key (stored in tag files), label and guidance."""

    key: str
    label: str
    definition: str = ""
    example: str = ""
    color: str = ""


def _choices(*rows: tuple[str, ...]) -> tuple[Choice, ...]:
    return tuple(Choice(*row) for row in rows)


DEFAULT_CLAIM_TYPES = _choices(
    (
        "official_statement",
        "Official statement",
        "On-record words or documents of a named official or institution acting in role.",
        "“The Ukrainian side is disappointed with this”, said Foreign Minister Kuleba.",
        "blue",
    ),
    (
        "analyst_opinion",
        "Analyst opinion",
        "The view of a named expert, academic, think tank or analyst.",
        "“This is just a formal procedure”, says think-tank president Okhrimenko.",
        "green",
    ),
    (
        "unnamed_source",
        "Unnamed source",
        "A source the reader cannot identify.",
        "An RT source in the office of the President of Ukraine said …",
        "red",
    ),
    (
        "media_report",
        "Media report",
        "Attributed to another outlet or report.",
        "… he said in an interview with the Ukrinform agency.",
        "magenta",
    ),
    (
        "unattributed",
        "Unattributed",
        "The outlet's own assertion with no source given: framing lives here.",
        "A coup d'etat in Ukraine in 2014 spurred Kiev's Euro-Atlantic aspirations.",
        "yellow",
    ),
)
DEFAULT_STANCES = _choices(
    ("favor", "Favor", "The claim supports the target."),
    ("against", "Against", "The claim opposes the target."),
    ("neutral", "Neutral", "The claim takes no side on the target."),
)
DEFAULT_OUTLET_TYPES = _choices(
    ("state_affiliated", "State-affiliated", "Funded or controlled by a government."),
    ("public_service", "Public service", "Publicly funded with editorial independence."),
    ("private", "Private", "Privately owned."),
    ("unknown", "Unknown", "Ownership could not be established."),
)
DEFAULT_BIAS_INDICATORS = _choices(
    ("loaded_language", "Loaded language", "Emotionally charged or pejorative wording."),
    ("one_sided_sourcing", "One-sided sourcing", "Sources from one side only."),
    ("anonymous_sourcing", "Anonymous sourcing", "Relies on sources the reader cannot identify."),
    ("unverifiable_claims", "Unverifiable claims", "Claims the reader cannot check."),
)


@dataclass(frozen=True)
class Schema:
    claim_types: tuple[Choice, ...] = DEFAULT_CLAIM_TYPES
    stances: tuple[Choice, ...] = DEFAULT_STANCES
    targets: tuple[Choice, ...] = ()
    outlet_types: tuple[Choice, ...] = DEFAULT_OUTLET_TYPES
    bias_indicators: tuple[Choice, ...] = DEFAULT_BIAS_INDICATORS
    path: Path | None = None
    # Identifies the content, so caches of validation results follow schema changes.
    fingerprint: str = "default"
    keys: Mapping[str, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = {name: frozenset(c.key for c in getattr(self, name)) for name in SECTIONS}
        object.__setattr__(self, "keys", keys)

    def claim_type(self, key: str) -> Choice | None:
        return next((c for c in self.claim_types if c.key == key), None)


def _check_choice(
    raw: Any, where: DocPath, problems: list[tuple[DocPath, str]], section: str
) -> Choice | None:
    if isinstance(raw, str):
        raw = {"key": raw}
    if not isinstance(raw, dict):
        problems.append((where, f"{section}: each entry must be a mapping with at least 'key'"))
        return None
    unknown = sorted(str(k) for k in raw if k not in CHOICE_FIELDS)
    if unknown:
        problems.append(
            (
                where,
                f"{section}: unknown field {unknown[0]!r} (allowed: {', '.join(CHOICE_FIELDS)})",
            )
        )
        return None
    key = raw.get("key")
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        problems.append(
            (
                [*where, "key"],
                f"{section}: key {key!r} must be lower-case letters, digits and '_', "
                "starting with a letter",
            )
        )
        return None
    values: dict[str, str] = {"key": key}
    for name in CHOICE_FIELDS[1:]:
        value = raw.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems.append(([*where, name], f"{section}: {name} of {key!r} must be text"))
            return None
        values[name] = value.strip()
    if values["color"] and not _is_color(values["color"]):
        problems.append(
            (
                [*where, "color"],
                f"{section}: color {values['color']!r} of {key!r} is not a colour name or #rrggbb",
            )
        )
        return None
    values["label"] = values["label"] or key.replace("_", " ").capitalize()
    return Choice(**values)


def _is_color(name: str) -> bool:
    from rich.color import Color, ColorParseError

    try:
        Color.parse(name)
    except ColorParseError:
        return False
    return True


def parse_schema(
    raw: Any, path: Path | None
) -> tuple[dict[str, tuple[Choice, ...]], list[tuple[DocPath, str]]]:
    problems: list[tuple[DocPath, str]] = []
    sections: dict[str, tuple[Choice, ...]] = {}
    if raw is None:
        return sections, problems
    if not isinstance(raw, dict):
        return sections, [((), "the schema must be a mapping of sections: " + ", ".join(SECTIONS))]
    for name in raw:
        if name not in SECTIONS:
            problems.append(([name], f"unknown section {name!r} (allowed: {', '.join(SECTIONS)})"))
    for name in SECTIONS:
        if name not in raw:
            continue
        entries = raw[name]
        if not isinstance(entries, list):
            problems.append(([name], f"{name} must be a list"))
            continue
        choices: list[Choice] = []
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            choice = _check_choice(entry, [name, index], problems, name)
            if choice is None:
                continue
            if choice.key in seen:
                problems.append(([name, index], f"{name}: duplicate key {choice.key!r}"))
                continue
            seen.add(choice.key)
            choices.append(choice)
        if not entries and name in ("claim_types", "stances"):
            problems.append(([name], f"{name} needs at least one entry"))
        sections[name] = tuple(choices)
    return sections, problems


def load_schema(annotations_dir: Path) -> Schema:
    """The corpus schema: the default, overridden by ``annotations/schema.yaml`` when present."""
    path = annotations_dir / SCHEMA_FILE
    if not path.exists():
        return Schema()
    data = read_limited(path, "schema file")
    raw = load_yaml(data, path)
    sections, problems = parse_schema(raw, path)
    if problems:
        raise located_problems(path, data, problems)
    fingerprint = hashlib.blake2b(data, digest_size=8).hexdigest()
    return Schema(**sections, path=path, fingerprint=fingerprint)
