"""Source names and roles used anywhere in the corpus, by every reviewer: what the claim form
offers, most used first."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from annotator.errors import AnnotatorError
from annotator.storage.corpus import Corpus
from annotator.storage.yamlio import load_yaml, read_limited


@dataclass(frozen=True, slots=True)
class Names:
    sources: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


def _ranked(counts: Counter[str]) -> tuple[str, ...]:
    return tuple(sorted(counts, key=lambda name: (-counts[name], name.casefold())))


def corpus_names(corpus: Corpus) -> Names:
    """Every source name and role in the corpus' tag files (only read; a file that cannot be
    read is left out: ``annotator validate`` reports it)."""
    sources: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    folder = corpus.annotations_dir
    for path in sorted(folder.glob("*/*.yaml")) if folder.is_dir() else []:
        try:
            document = load_yaml(read_limited(path, "tag file"), path)
        except AnnotatorError:
            continue
        claims = document.get("claims") if isinstance(document, dict) else None
        for claim in claims if isinstance(claims, list) else []:
            if not isinstance(claim, dict):
                continue
            for key, counts in (("source", sources), ("role", roles)):
                value = claim.get(key)
                if isinstance(value, str) and value.strip():
                    counts[" ".join(value.split())] += 1
    return Names(_ranked(sources), _ranked(roles))


def matching(names: tuple[str, ...] | list[str], typed: str) -> list[str]:
    """The names that start with what was typed, then those that contain it (case ignored)."""
    needle = typed.casefold().strip()
    if not needle:
        return list(names)
    starts = [n for n in names if n.casefold().startswith(needle)]
    inside = [n for n in names if needle in n.casefold() and n not in starts]
    return starts + inside
