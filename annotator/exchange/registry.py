"""The exchange formats: what each is, which directions it has, and the module that holds them.

Adding a format is one module in this package plus one line in ``FORMATS``. A module that exports
defines ``export_text(items, schema) -> str`` (printed, or written to ``-o FILE``; with
``export_chunks(items, schema)`` beside it the export streams) or
``export_folder(items, schema, folder) -> list[Path]``; a module that imports defines
``read(path, data, schema, options) -> FileContents``. Modules load only when their format is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Literal, cast

from annotator.exchange.placement import FileContents, ImportOptions, Tagged
from annotator.schema import Schema

TextExporter = Callable[[Sequence[Tagged], Schema], str]
ChunkExporter = Callable[[Iterable[Tagged], Schema], Iterator[str]]
ItemExporter = Callable[[Tagged, Schema], str]
FolderExporter = Callable[[Sequence[Tagged], Schema, Path], list[Path]]
Reader = Callable[[Path, str, Schema, ImportOptions], FileContents]


@dataclass(frozen=True)
class Format:
    name: str  # the --format value, and the module's name in this package
    summary: str  # one line for --help and the README
    writes: Literal["file", "folder"] | None  # None: import only
    reads: bool
    opened_by: str  # the tools known to open it

    def module(self) -> ModuleType:
        return importlib.import_module(f"annotator.exchange.{self.name}")

    def text_exporter(self) -> TextExporter:
        return cast(TextExporter, self.module().export_text)

    def item_exporter(self) -> tuple[str, ItemExporter] | None:
        """A header and the text of one tag file, for formats that are a concatenation of
        those (jsonl, csv): they stream, and can be made article by article over the cores."""
        module = self.module()
        if not hasattr(module, "export_item"):
            return None
        return cast(str, module.HEADER), cast(ItemExporter, module.export_item)

    def chunk_exporter(self) -> ChunkExporter:
        """The export as pieces, a tag file at a time where the format allows (jsonl, csv);
        otherwise the whole text, built once every item is in."""
        module = self.module()
        if hasattr(module, "export_chunks"):
            return cast(ChunkExporter, module.export_chunks)
        whole = self.text_exporter()
        return lambda items, schema: iter([whole(list(items), schema)])

    def folder_exporter(self) -> FolderExporter:
        return cast(FolderExporter, self.module().export_folder)

    def reader(self) -> Reader:
        return cast(Reader, self.module().read)


FORMATS: tuple[Format, ...] = (
    Format("jsonl", "JSON Lines: a record per claim, then one per article", "file", True, "pandas"),
    Format("csv", "CSV (RFC 4180): a row per claim", "file", False, "spreadsheets, pandas"),
    Format("w3c", "W3C Web Annotation (JSON-LD) collection", "file", False, "W3C tools"),
    Format("brat", "brat standoff: .txt + .ann per article and reviewer", "folder", True, "brat"),
    Format("labelstudio", "Label Studio tasks + labeling config", "folder", True, "Label Studio"),
    Format("doccano", "doccano JSONL: a line per article and reviewer", "file", True, "doccano"),
    Format(
        "xmi", "UIMA CAS XMI + TypeSystem.xml per article and reviewer", "folder", True, "INCEpTION"
    ),
)


def export_formats() -> list[Format]:
    return [f for f in FORMATS if f.writes is not None]


def import_formats() -> list[Format]:
    return [f for f in FORMATS if f.reads]


def get_format(name: str) -> Format:
    """The format called NAME (the CLI's --format choices come from this registry)."""
    return next(f for f in FORMATS if f.name == name)


def formats_help(formats: Sequence[Format]) -> str:
    return "; ".join(f"{f.name}: {f.summary}" for f in formats)
