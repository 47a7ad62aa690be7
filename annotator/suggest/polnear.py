"""PolNeAR's attributions as brat files give them: each attribution's content, source and cue
spans (raw-text offsets), for training the tagger and measuring the suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    content: Spans
    source: Spans = ()
    cue: Spans = ()


def read_ann(path: Path) -> list[Attribution]:
    """The attributions of a PolNeAR .ann file (an event per attribution, naming its parts)."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _label, _, offsets = fields[1].partition(" ")
            pieces = []
            for piece in offsets.split(";"):
                start, end = piece.split()
                pieces.append((int(start), int(end)))
            spans[fields[0]] = tuple(pieces)
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(part.split(":", 1) for part in fields[1].split()))
    found = []
    for event in events:
        content = spans.get(event.get("Content", ""), ())
        if not content:
            continue
        found.append(
            Attribution(
                content, spans.get(event.get("Source", ""), ()), spans.get(event.get("Cue", ""), ())
            )
        )
    return found


def split_files(corpus: Path, split: str) -> list[tuple[Path, Path]]:
    """(text, .ann) of every annotation file of a split; one annotator per article (the first
    by name) so an article with several annotators counts once."""
    pairs = []
    for text in sorted((corpus / split / "text").glob("*.txt")):
        anns = sorted((corpus / split / "attributions").glob(f"{text.stem}_*.ann"))
        if anns:
            pairs.append((text, anns[0]))
    return pairs
