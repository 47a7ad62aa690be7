"""A fast reader for exactly the block-style YAML this tool writes, and nothing else.

libyaml is the floor of reading a corpus: most of its time goes into building one Python object
per event. The files the emitter (``yamlemit``) writes have a narrow shape: one entry per line,
two-space indents, ``- `` items, single-line plain, single-quoted or double-quoted scalars,
``{}`` and ``[]`` for empty containers. This module reads that shape line by line and gives up
(returns ``None``) at the first thing outside it: comments, flow collections, multi-line
scalars, tabs, anchors, tags, duplicate keys, and any plain scalar that YAML 1.1 would read as
anything but text, an integer, a boolean or null. The caller then reads the file with PyYAML,
which also reports the errors. So the result is either exactly what ``yaml.safe_load`` gives or
nothing (tested differentially on generated and mutated files).
"""

from __future__ import annotations

import re
from typing import Any

from yaml.resolver import Resolver

# Anything PyYAML treats specially in the text as a whole: controls, other line breaks, tabs,
# byte-order marks. Such files take the slow path (which reports the bad character).
_UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_CONSTANTS: dict[str, Any] = {
    **dict.fromkeys(("null", "Null", "NULL", "~"), None),
    **dict.fromkeys(("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"), False),
}
_DOUBLE_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_DOUBLE_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_SIMPLE_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip


class _Unsupported(Exception):
    """Outside the written shape: read the file with PyYAML instead."""


def load_block_yaml(text: str) -> Any | None:
    """The document of ``text`` when it has the shape this tool writes, else ``None``."""
    if not text.endswith("\n") or _UNUSUAL.search(text):
        return None
    lines = text.split("\n")
    lines.pop()  # the empty string after the last newline
    if not lines:
        return None
    reader = _Reader(lines)
    try:
        value, end = reader.node(0, 0)
    except (_Unsupported, IndexError, ValueError, RecursionError):
        return None
    return value if end == len(lines) and isinstance(value, dict) else None


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.indents = [len(line) - len(line.lstrip(" ")) for line in lines]
        self.count = len(lines)

    def node(self, i: int, indent: int) -> tuple[Any, int]:
        """The block collection whose first line is ``lines[i]``, at column ``indent``."""
        rest = self.lines[i][indent:]
        if rest == "-" or rest.startswith("- "):
            return self.sequence(i, indent)
        return self.mapping(i, indent, None)

    def mapping(self, i: int, indent: int, first: str | None) -> tuple[Any, int]:
        """A mapping at column ``indent``; ``first`` is its first entry when it follows ``- ``."""
        lines, indents, count = self.lines, self.indents, self.count
        result: dict[Any, Any] = {}
        while True:
            if first is not None:
                entry, first = first, None
            else:
                if i >= count or indents[i] != indent:
                    break
                entry = lines[i][indent:]
                if entry[0] == "-" and (entry == "-" or entry[1] == " "):
                    break  # a sequence at this column belongs to the parent
            key, value_text = _key(entry)
            if key in result:
                raise _Unsupported  # PyYAML refuses it, with the line
            i += 1
            if value_text is not None:
                result[key] = _scalar(value_text)
                continue
            if i < count:
                column = indents[i]
                if column > indent:
                    result[key], i = self.node(i, column)
                    continue
                tail = lines[i][column:]
                if column == indent and (tail == "-" or tail.startswith("- ")):
                    result[key], i = self.sequence(i, indent)
                    continue
            result[key] = None
        return result, i

    def sequence(self, i: int, indent: int) -> tuple[Any, int]:
        lines, indents, count = self.lines, self.indents, self.count
        items: list[Any] = []
        while i < count and indents[i] == indent:
            entry = lines[i][indent:]
            if entry == "-":
                if i + 1 >= count or indents[i + 1] <= indent:
                    raise _Unsupported  # an empty item: never written
                item, i = self.node(i + 1, indents[i + 1])
                items.append(item)
                continue
            if not entry.startswith("- "):
                break
            after = entry[2:]
            if _is_entry(after):
                item, i = self.mapping(i, indent + 2, after)
            else:
                item, i = _scalar(after), i + 1
            items.append(item)
        return items, i


def _is_entry(text: str) -> bool:
    """Does ``text`` (after ``- ``) start a mapping entry rather than hold a scalar?"""
    if text[:1] in ("'", '"'):
        return _quoted_end(text) < len(text)
    return text.endswith(":") or ": " in text


def _quoted_end(text: str) -> int:
    """Where the quoted scalar at the start of ``text`` ends."""
    if text[0] == "'":
        at = 1
        while True:
            at = text.index("'", at)  # ValueError: unterminated
            if text[at + 1 : at + 2] == "'":
                at += 2
                continue
            return at + 1
    match = _DOUBLE_QUOTED.match(text)
    if match is None:
        raise _Unsupported
    return match.end()


def _key(entry: str) -> tuple[Any, str | None]:
    """The key of a mapping entry and the text of its value (``None``: the value is below)."""
    if entry[:1] in ("'", '"'):
        end = _quoted_end(entry)
        key, after = _scalar(entry[:end]), entry[end:]
    else:
        # A plain key cannot hold ': ', so it ends at the first one (or at a final ':').
        colon = entry.find(": ")
        if colon < 0:
            colon = len(entry) - 1 if entry.endswith(":") else -1
        if colon <= 0:
            raise _Unsupported
        key, after = _plain(entry[:colon]), entry[colon:]
    if not isinstance(key, str):
        raise _Unsupported  # PyYAML would give a number or a boolean as key
    if after == ":":
        return key, None
    if not after.startswith(": ") or after == ": ":
        raise _Unsupported
    return key, after[2:]


def _scalar(text: str) -> Any:
    if text != text.rstrip(" ") or not text:
        raise _Unsupported
    first = text[0]
    if first == "'":
        if _quoted_end(text) != len(text):
            raise _Unsupported
        return text[1:-1].replace("''", "'")
    if first == '"':
        if _quoted_end(text) != len(text):
            raise _Unsupported
        return _DOUBLE_ESCAPE.sub(_unescape, text[1:-1])
    if text == "{}":
        return {}
    if text == "[]":
        return []
    return _plain(text)


_BAIL = object()
_KNOWN: dict[str, Any] = {}  # short plain scalars seen before (keys, types, names) and their value


def _plain(text: str) -> Any:
    value = _KNOWN.get(text, _KNOWN)
    if value is _KNOWN:
        try:
            value = _resolve_plain(text)
        except _Unsupported:
            value = _BAIL
        if len(text) <= 40 and len(_KNOWN) < 20_000:
            _KNOWN[text] = value
    if value is _BAIL:
        raise _Unsupported
    return value


def _resolve_plain(text: str) -> Any:
    if _INT.fullmatch(text):
        return int(text)
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        raise _Unsupported
    if text != text.strip(" "):
        raise _Unsupported
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    for _tag, regexp in Resolver.yaml_implicit_resolvers.get(text[0], ()):
        if regexp.match(text):
            raise _Unsupported  # a float, a date, an octal number…: PyYAML knows best
    return text


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        if code not in _SIMPLE_ESCAPES:
            raise _Unsupported
        return _SIMPLE_ESCAPES[code]
    value = int(code[1:], 16)
    if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        raise _Unsupported
    return chr(value)
