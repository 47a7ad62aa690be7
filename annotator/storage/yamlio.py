"""Safe YAML reading and deterministic YAML writing.

Reading uses ``yaml.safe_load`` semantics (libyaml's C loader when present), refuses files over
a size limit or of too many values, and refuses aliases, so a crafted file cannot make the tool
exhaust memory or time.
Line numbers are worked out only when a problem must be reported: valid files are parsed once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from annotator.errors import AnnotatorError, InvalidFileError, Problem
from annotator.files import read_bounded
from annotator.storage.blockyaml import load_block_yaml
from annotator.storage.yamlemit import emit

if TYPE_CHECKING:
    BaseLoader = yaml.SafeLoader
else:  # libyaml's C loader when PyYAML was built with it (the wheels are)
    BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_YAML_BYTES = 32 * 1024 * 1024
# Bytes alone do not bound the cost: 32 MiB of one-letter values is 16 million nodes, minutes and
# gigabytes to build. A million events (a file of some 27,000 claims) loads in a few seconds.
MAX_YAML_EVENTS = 1_000_000
# Files in the shape the tool writes are read by ``blockyaml`` at a fraction of the cost: up to
# two million lines (a file of some 100,000 claims) in seconds.
MAX_BLOCK_LINES = 2_000_000
DocPath = Sequence[str | int]


class _Refused(Exception):
    """Something YAML allows and a tag file must not hold, with where it is."""

    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


_MERGE_TAG = "tag:yaml.org,2002:merge"
_NO_ANCHORS = "YAML anchors and aliases (&name, *name) are not allowed here; write the values out"


class _StrictLoader(BaseLoader):
    """A safe loader that refuses a key given twice in one mapping (a bad hand merge: the
    second would silently win, and the next save would drop the first) and merge keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[str, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:
                raise _Refused(
                    key_node.start_mark,
                    "merge keys (<<) are not allowed here; write the values out",
                )
            if isinstance(key_node, yaml.ScalarNode):
                line = key_node.start_mark.line + 1
                if key_node.value in seen:
                    raise _Refused(
                        key_node.start_mark,
                        f"the key {key_node.value!r} is given twice in one mapping (first on line "
                        f"{seen[key_node.value]}); a bad merge? keep one of them",
                    )
                seen[key_node.value] = line
        return super().construct_mapping(node, deep)


class _NoAliasLoader(_StrictLoader):
    """Also refuses aliases: an alias is the only way a node is constructed twice."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise _Refused(
                node.start_mark,
                _NO_ANCHORS,
            )
        return super().construct_object(node, deep)


def _structure_bound(text: str) -> int:
    """An upper bound on the YAML events of ``text``, from the characters that can start a node:
    each mapping entry needs ``:`` (or ``?``, or ``,`` in flow), each list entry ``-`` or ``,``,
    each flow collection ``[`` or ``{``; one of them accounts for at most three events (a key,
    and a collection's start and end). Counting characters costs milliseconds for 32 MiB."""
    return 10 + 3 * sum(text.count(mark) for mark in ":-,[{?")


def _check_events(text: str, limit: int) -> None:
    """Refuse anchors (an anchor alone builds nothing twice, but has no place in a tag file) and
    more than ``limit`` events, streaming: nothing is built, and the count stops at the limit."""
    parser = BaseLoader(text)
    try:
        count = 0
        while parser.check_event():
            event = parser.get_event()  # type: ignore[no-untyped-call]
            if getattr(event, "anchor", None):
                raise _Refused(event.start_mark, _NO_ANCHORS)
            count += 1
            if count > limit:
                raise _Refused(
                    event.start_mark,
                    f"over {limit:,} YAML values; a tag file is never that large (a file of 5,000 "
                    "claims holds about 190,000); not read",
                )
    finally:
        parser.dispose()


@contextmanager
def _gc_paused() -> Iterator[None]:
    # Building many small containers triggers the cyclic GC again and again for nothing:
    # YAML documents cannot contain cycles once aliases are refused.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_limited(
    path: Path, what: str = "file", limit: int = MAX_YAML_BYTES, root: Path | None = None
) -> bytes:
    """Read a file, refusing anything that is not a regular file or is over ``limit`` bytes
    (see ``annotator.files``)."""
    return read_bounded(path, what, limit, root)


def load_yaml(data: bytes, path: Path) -> Any:
    """Parse one YAML document safely; errors name the file and line."""
    if len(data) > MAX_YAML_BYTES:
        raise AnnotatorError(
            f"over the {MAX_YAML_BYTES // (1024 * 1024)} MiB limit; not read", path
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise AnnotatorError("not valid UTF-8; save the file as UTF-8", path, line) from None
    # An alias needs an anchor ('&name') first, so text without '&' needs no alias check; and
    # events are counted only when the characters leave room for too many.
    # The shape this tool writes is read fast, up to a number of lines (its values are at most
    # three a line); anything else, and every error, by PyYAML, up to a number of values.
    if "&" not in text and text.count("\n") <= MAX_BLOCK_LINES:
        with _gc_paused():
            fast = load_block_yaml(text)
        if fast is not None:
            return fast
    loader = _NoAliasLoader(text) if "&" in text else _StrictLoader(text)
    try:
        if "&" in text or _structure_bound(text) > MAX_YAML_EVENTS:
            _check_events(text, MAX_YAML_EVENTS)
        with _gc_paused():
            return loader.get_single_data()
    except _Refused as refused:
        raise AnnotatorError(refused.message, path, refused.mark.line + 1) from None
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark or error.context_mark
        raise AnnotatorError(
            f"{error.problem or 'a value this file may not hold'}; tag files hold only plain "
            "text, numbers, lists and mappings (no YAML tags such as !!python)",
            path,
            None if mark is None else mark.line + 1,
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "malformed YAML"
        raise AnnotatorError(
            f"malformed YAML: {what}; fix the syntax (a git merge marker or a bad indent?)",
            path,
            None if mark is None else mark.line + 1,
        ) from None
    except yaml.reader.ReaderError as error:
        # A character YAML refuses (a NUL byte, a control): one line, with its line number.
        line = text.count("\n", 0, max(0, error.position)) + 1
        raise AnnotatorError(
            f"a control character (code {error.character:#06x}) YAML does not allow; remove it",
            path,
            line,
        ) from None
    except yaml.YAMLError as error:
        message = " ".join(str(error).split())
        raise AnnotatorError(f"malformed YAML: {message}", path) from None
    except RecursionError:
        raise AnnotatorError(
            "YAML nested too deeply; this is not an annotation file", path
        ) from None
    finally:
        loader.dispose()


# A file can be wrong in a million places; the first hundred say what to fix, and printing every
# one (each with its path) would take a minute.
MAX_PROBLEMS_SHOWN = 100
MAX_PROBLEMS_KEPT = 10_000  # validation stops looking after this many
LOCATE_EVENTS = 400_000  # a file of some 10,000 claims


def located_problems(
    path: Path, data: bytes, problems: Sequence[tuple[DocPath, str]]
) -> InvalidFileError:
    """The error listing the first problems of a file with their lines, and how many more."""
    shown = problems[:MAX_PROBLEMS_SHOWN]
    lines = locate(data, [where for where, _ in shown])
    found = [Problem(path, message, line) for (_, message), line in zip(shown, lines, strict=True)]
    if len(problems) > len(shown):
        more = len(problems) - len(shown)
        at_least = "at least " if len(problems) >= MAX_PROBLEMS_KEPT else ""
        found.append(
            Problem(path, f"and {at_least}{more:,} more problems like these; fix those first")
        )
    return InvalidFileError(found)


def locate(data: bytes, doc_paths: Sequence[DocPath]) -> list[int | None]:
    """The 1-based line of each document path (keys and list indexes), as near as can be found:
    the line of its key (mapping) or item (list), else of the deepest part of it that exists.

    Streams the parser's events and stops once every path is settled, so finding the first
    problems of a huge file costs what it takes to reach them, and nothing is built. A path
    that may still come (a key missing from a mapping that has not ended) is settled at the
    deepest part found once ``LOCATE_EVENTS`` events are read: a file that large gets its
    missing header keys pointed at line 1 in milliseconds rather than exactly in seconds."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [None] * len(doc_paths)
    finder = _LineFinder([tuple(str(step) for step in p) for p in doc_paths])
    parser = BaseLoader(text)
    try:
        budget = LOCATE_EVENTS
        while finder.pending and budget and parser.check_event():
            finder.feed(parser.get_event())  # type: ignore[no-untyped-call]
            budget -= 1
    except (yaml.YAMLError, RecursionError):
        pass  # what was reached still tells where
    finally:
        parser.dispose()
    return finder.finish()


class _Frame:
    __slots__ = ("expecting_key", "index", "is_map", "key", "key_line", "path")

    def __init__(self, path: tuple[str, ...] | None, is_map: bool) -> None:
        self.path = path  # None: nothing wanted lies inside
        self.is_map = is_map
        self.index = 0
        self.key: str | None = None
        self.key_line = 0
        self.expecting_key = True


class _LineFinder:
    def __init__(self, wanted: list[tuple[str, ...]]) -> None:
        self.wanted = wanted
        self.prefixes = {w[:k] for w in wanted for k in range(len(w) + 1)}
        self.found: dict[tuple[str, ...], int] = {}
        self.lines: list[int | None] = [None] * len(wanted)
        self.pending = set(range(len(wanted)))
        self.stack: list[_Frame] = []

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.CollectionEndEvent):
            frame = self.stack.pop()
            if frame.path is not None:  # everything wanted inside it has been seen
                self._settle(frame.path)
            return
        if not isinstance(event, yaml.NodeEvent):
            return
        line = 0 if event.start_mark is None else event.start_mark.line + 1
        path: tuple[str, ...] | None = ()
        if self.stack:
            frame = self.stack[-1]
            if frame.is_map and frame.expecting_key:
                frame.expecting_key = False
                frame.key = event.value if isinstance(event, yaml.ScalarEvent) else None
                frame.key_line = line
                if isinstance(event, yaml.CollectionStartEvent):  # a complex key: skip it
                    self.stack.append(_Frame(None, isinstance(event, yaml.MappingStartEvent)))
                return
            if frame.is_map:
                frame.expecting_key = True
                path = None if frame.path is None or frame.key is None else (*frame.path, frame.key)
                line = frame.key_line
            else:
                path = None if frame.path is None else (*frame.path, str(frame.index))
                frame.index += 1
        if path is not None and path not in self.prefixes:
            path = None
        if path is not None and path not in self.found:
            self.found[path] = line
            self._settle(path, exact=True)
        if isinstance(event, yaml.CollectionStartEvent):
            self.stack.append(_Frame(path, isinstance(event, yaml.MappingStartEvent)))

    def _settle(self, prefix: tuple[str, ...], exact: bool = False) -> None:
        """Give their line to the pending paths that are ``prefix`` (or lie under it)."""
        size = len(prefix)
        settled = [
            i
            for i in self.pending
            if (self.wanted[i] == prefix if exact else self.wanted[i][:size] == prefix)
        ]
        for index in settled:
            self.pending.discard(index)
            self.lines[index] = self._deepest(self.wanted[index])

    def _deepest(self, wanted: tuple[str, ...]) -> int | None:
        for depth in range(len(wanted), -1, -1):
            if wanted[:depth] in self.found:
                return self.found[wanted[:depth]]
        return None

    def finish(self) -> list[int | None]:
        self._settle(())
        return self.lines


def dump_yaml(data: dict[str, Any]) -> bytes:
    """Block style, Unicode as is, keys in the order given, no line folding: stable diffs."""
    return emit(data).encode("utf-8")
