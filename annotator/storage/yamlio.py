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
    loader = _NoAliasLoader(text) if "&" in text else _StrictLoader(text)
    try:
        if "&" in text or _structure_bound(text) > MAX_YAML_EVENTS:
            _check_events(text, MAX_YAML_EVENTS)
        with _gc_paused():
            # The shape this tool writes is read fast; anything else (and every error) by PyYAML.
            fast = load_block_yaml(text)
            return fast if fast is not None else loader.get_single_data()
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


def located_problems(
    path: Path, data: bytes, problems: Sequence[tuple[DocPath, str]]
) -> InvalidFileError:
    """The error listing the first problems of a file with their lines, and how many more."""
    shown = problems[:MAX_PROBLEMS_SHOWN]
    lines = locate(data, [where for where, _ in shown])
    found = [Problem(path, message, line) for (_, message), line in zip(shown, lines, strict=True)]
    if len(problems) > len(shown):
        more = len(problems) - len(shown)
        found.append(Problem(path, f"and {more:,} more problems like these; fix those first"))
    return InvalidFileError(found)


def locate(data: bytes, doc_paths: Sequence[DocPath]) -> list[int | None]:
    """The 1-based line of each document path (keys and list indexes), as near as can be found."""
    try:
        root = yaml.compose(data.decode("utf-8-sig"), Loader=BaseLoader)
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return [None] * len(doc_paths)
    return [_locate_one(root, doc_path) for doc_path in doc_paths]


def _locate_one(node: yaml.Node | None, doc_path: DocPath) -> int | None:
    if node is None:
        return None
    line: int = node.start_mark.line + 1
    for step in doc_path:
        child: yaml.Node | None = None
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


def dump_yaml(data: dict[str, Any]) -> bytes:
    """Block style, Unicode as is, keys in the order given, no line folding: stable diffs."""
    return emit(data).encode("utf-8")
