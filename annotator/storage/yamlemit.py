"""A small deterministic YAML emitter for plain data (dicts, lists, str, int, bool, None).

Why not ``yaml.dump``: libyaml escapes characters outside the Basic Multilingual Plane (emoji)
and PyYAML's pure-Python emitter does not, so the same tags would be written differently on
different machines. This emitter writes Unicode as is, in block style, never folds lines, and
quotes exactly the scalars that need it; ``yaml.safe_load`` reads back the same values
(property-tested).
"""

from __future__ import annotations

import re
from typing import Any

from yaml.resolver import Resolver

# Characters that must be escaped (double-quoted style): controls, line and paragraph
# separators, the byte-order mark, surrogates and non-characters.
_MUST_ESCAPE = "\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"
_NEEDS_DOUBLE = re.compile(f"[\t{_MUST_ESCAPE}]")
_DOUBLE_ESCAPE = re.compile(f'[\t{_MUST_ESCAPE}"\\\\]')
# A plain (unquoted) scalar must not contain these, nor end in white space or ':'.
_NOT_PLAIN = re.compile(f"[\t{_MUST_ESCAPE}]|: | #|:$|\\s$")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` \xa0")
_ESCAPES = {
    "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
    "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\u2028": "\\L",
    "\u2029": "\\P",
}  # fmt: skip
# Words other YAML 1.1 readers take as booleans even where PyYAML does not.
_OTHER_BOOLEANS = frozenset({"y", "Y", "n", "N"})


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"


def _resolves_to_non_string(text: str) -> bool:
    """Would a YAML reader take this unquoted text as a number, bool, null, date, …?"""
    if text in _OTHER_BOOLEANS:
        return True
    return any(
        regexp.match(text) for _tag, regexp in Resolver.yaml_implicit_resolvers.get(text[0], [])
    )


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} as YAML")
    plain = value and value[0] not in _INDICATORS and not _NOT_PLAIN.search(value)
    if plain and not _resolves_to_non_string(value):
        return value
    if not _NEEDS_DOUBLE.search(value):
        return "'" + value.replace("'", "''") + "'"
    return '"' + _DOUBLE_ESCAPE.sub(_escape, value) + '"'


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"  # only empty containers are written inline
    if isinstance(value, list):
        return "[]"
    return scalar(value)


def _value(value: Any, key_indent: int, out: list[str], head: str) -> None:
    """Write ``head`` (an indented ``key:``) and the value that belongs to it."""
    if isinstance(value, dict) and value:
        out.append(head)
        _mapping(value, key_indent + 2, out)
    elif isinstance(value, list) and value:
        out.append(head)
        _sequence(value, key_indent, out)  # "- " at the key's column, as PyYAML writes it
    else:
        out.append(f"{head} {_inline(value)}")


def _mapping(
    mapping: dict[Any, Any], indent: int, out: list[str], first_lead: str | None = None
) -> None:
    pad = " " * indent
    for index, (key, value) in enumerate(mapping.items()):
        lead = first_lead if index == 0 and first_lead is not None else pad
        _value(value, indent, out, f"{lead}{scalar(key)}:")


def _sequence(items: list[Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, out, first_lead=f"{pad}- ")
        elif isinstance(item, list) and item:
            out.append(f"{pad}-")
            _sequence(item, indent + 2, out)
        else:
            out.append(f"{pad}- {_inline(item)}")


def emit(document: dict[str, Any]) -> str:
    """A mapping as a YAML document, block style, keys in the given order."""
    out: list[str] = []
    _mapping(document, 0, out)
    return "\n".join(out) + "\n"
