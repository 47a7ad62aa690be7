"""Safe YAML reading and deterministic YAML writing.

Reading uses ``yaml.safe_load`` semantics (libyaml's C loader when present), refuses files over
a size limit and refuses aliases, so a crafted file cannot make the tool exhaust memory.
Line numbers are worked out only when a problem must be reported: valid files are parsed once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from annotator.errors import AnnotatorError
from annotator.storage.yamlemit import emit

if TYPE_CHECKING:
    BaseLoader = yaml.SafeLoader
else:  # libyaml's C loader when PyYAML was built with it (the wheels are)
    BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_YAML_BYTES = 32 * 1024 * 1024
DocPath = Sequence[str | int]


class _AliasFound(Exception):
    def __init__(self, mark: Any) -> None:
        super().__init__("alias")
        self.mark = mark


class _NoAliasLoader(BaseLoader):
    """A safe loader that refuses aliases: an alias is the only way a node is constructed twice."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise _AliasFound(node.start_mark)
        return super().construct_object(node, deep)


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


def read_limited(path: Path, what: str = "file", limit: int = MAX_YAML_BYTES) -> bytes:
    """Read a file, refusing anything that is not a regular file or is over ``limit`` bytes."""
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise AnnotatorError(f"no such {what}", path) from None
    except IsADirectoryError:
        raise AnnotatorError(f"the {what} is a folder, not a file", path) from None
    except OSError as error:
        raise AnnotatorError(f"cannot read the {what} ({error.strerror})", path) from None
    if len(data) > limit:
        raise AnnotatorError(
            f"the {what} is over the {limit // (1024 * 1024)} MiB limit; it is not read "
            "(split it, or check that it is the right file)",
            path,
        )
    return data


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
    # An alias needs an anchor ('&name') first, so text without '&' takes the faster plain loader.
    loader = _NoAliasLoader(text) if "&" in text else BaseLoader(text)
    try:
        with _gc_paused():
            return loader.get_single_data()
    except _AliasFound as alias:
        raise AnnotatorError(
            "YAML anchors and aliases (&name, *name) are not allowed here; write the values out",
            path,
            alias.mark.line + 1,
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "malformed YAML"
        raise AnnotatorError(
            f"malformed YAML: {what}; fix the syntax (a git merge marker or a bad indent?)",
            path,
            None if mark is None else mark.line + 1,
        ) from None
    except yaml.YAMLError as error:
        raise AnnotatorError(f"malformed YAML: {error}", path) from None
    except RecursionError:
        raise AnnotatorError(
            "YAML nested too deeply; this is not an annotation file", path
        ) from None
    finally:
        loader.dispose()


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
