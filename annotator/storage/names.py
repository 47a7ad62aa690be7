"""Source names and roles used anywhere in the corpus, by every reviewer: what the claim form
offers, most used first."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from annotator.errors import AnnotatorError
from annotator.storage.corpus import Corpus
from annotator.storage.yamlio import read_limited

# A claim's source or role line as tag files are written (block style, claims at indent 0).
_NAME_LINE = re.compile(rb"^  (source|role): (.+)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Names:
    sources: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


def _ranked(counts: Counter[str]) -> tuple[str, ...]:
    return tuple(sorted(counts, key=lambda name: (-counts[name], name.casefold())))


def corpus_names(corpus: Corpus, skip: Path | None = None) -> Names:
    """Every source name and role in the corpus' tag files (``skip``: the file the caller has
    loaded already). The files are only scanned for their ``source:`` and ``role:`` lines, not
    parsed whole: a corpus of large tag files costs neither the time nor the memory of loading
    them; a file that cannot be read is left out (``annotator validate`` reports it)."""
    sources: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    folder = corpus.annotations_dir
    for path in sorted(folder.glob("*/*.yaml")) if folder.is_dir() else []:
        if skip is not None and path == skip:
            continue
        try:
            data = read_limited(path, "tag file", root=corpus.root)
        except AnnotatorError:
            continue
        for match in _NAME_LINE.finditer(data):
            value = _scalar(match.group(2))
            if value:
                counts = sources if match.group(1) == b"source" else roles
                counts[value] += 1
    return Names(_ranked(sources), _ranked(roles))


def _scalar(raw: bytes) -> str:
    """The text of a one-line YAML scalar; plain and single-quoted ones (nearly all) directly."""
    try:
        text = raw.decode("utf-8").strip()
        if text.startswith("'") and text.endswith("'") and len(text) > 1:
            value: object = text[1:-1].replace("''", "'")
        elif text.startswith(('"', "!", "&", "*", "|", ">", "[", "{")):
            value = yaml.safe_load(text)
        else:
            value = text
    except (yaml.YAMLError, UnicodeDecodeError):
        return ""
    return " ".join(value.split()) if isinstance(value, str) else ""


def matching(names: tuple[str, ...] | list[str], typed: str) -> list[str]:
    """The names that start with what was typed, then those that contain it (case ignored)."""
    needle = typed.casefold().strip()
    if not needle:
        return list(names)
    starts = [n for n in names if n.casefold().startswith(needle)]
    inside = [n for n in names if needle in n.casefold() and n not in starts]
    return starts + inside
