"""Joining labelled tokens into attributions: each cue gathers the source and content spans the
tagger found around it (the nearest cue wins a span), and a quotation continued over several
paragraphs joins the attribution that opened it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.suggest.tokens import Paragraph

Span = tuple[int, int]


@dataclass(slots=True)
class Found:
    """An attribution as assembled: article spans of each part."""

    content: list[Span] = field(default_factory=list)
    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Run:
    letter: str
    first: int  # token indexes, inclusive
    last: int
    sentence: int


def runs(paragraph: Paragraph, labels: Sequence[str]) -> list[Run]:
    """Maximal runs of tokens with one part's label (B- starts a new run)."""
    found: list[Run] = []
    for i, label in enumerate(labels):
        if label == "O":
            continue
        letter = label[2:]
        sentence = paragraph.tokens[i].sentence
        previous = found[-1] if found else None
        if (
            label.startswith("I-")
            and previous is not None
            and previous.letter == letter
            and previous.last == i - 1
        ):
            found[-1] = Run(letter, previous.first, i, previous.sentence)
        else:
            found.append(Run(letter, i, i, sentence))
    return found


def _span(paragraph: Paragraph, run: Run) -> Span:
    return (paragraph.tokens[run.first].start, paragraph.tokens[run.last].end)


def _gap(run: Run, cue: Run) -> int:
    return cue.first - run.last if run.last < cue.first else run.first - cue.last


def _nearest(run: Run, cues: list[Run], same_sentence: bool) -> int | None:
    best: tuple[int, int] | None = None
    for index, cue in enumerate(cues):
        if same_sentence and cue.sentence != run.sentence:
            continue
        gap = _gap(run, cue)
        if best is None or gap < best[0]:
            best = (gap, index)
    return None if best is None else best[1]


def assemble(paragraphs: Sequence[Paragraph], labels: Sequence[Sequence[str]]) -> list[Found]:
    found: list[Found] = []
    open_quote: Found | None = None  # the attribution a continued quotation belongs to
    pending: list[Span] = []  # content of a quotation whose cue comes in a later paragraph
    for index, (paragraph, row) in enumerate(zip(paragraphs, labels, strict=True)):
        goes_on = index + 1 < len(paragraphs) and paragraphs[index + 1].opens_quoted
        if not paragraph.opens_quoted:
            pending = []
        all_runs = runs(paragraph, row)
        cues = [r for r in all_runs if r.letter == "Q"]
        here = [Found(cue=[_span(paragraph, c)]) for c in cues]
        loose: list[Span] = []
        nearest_source: dict[int, tuple[int, Span]] = {}
        for run in all_runs:
            if run.letter == "Q":
                continue
            index_of = _nearest(run, cues, same_sentence=run.letter == "S")
            if index_of is None and run.letter == "S":
                index_of = _nearest(run, cues, same_sentence=False)
            if index_of is not None and run.letter == "S":
                gap = _gap(run, cues[index_of])
                held = nearest_source.get(index_of)
                if held is None or gap < held[0]:  # one source per cue: the nearest
                    nearest_source[index_of] = (gap, _span(paragraph, run))
            elif index_of is not None:
                here[index_of].content.append(_span(paragraph, run))
            elif run.letter == "C":
                loose.append(_span(paragraph, run))
        for cue_index, (_, span) in nearest_source.items():
            here[cue_index].source.append(span)
        for item in here:
            if not item.content:
                item.content.extend(_content_by_rule(paragraph, item))
        kept = [f for f in here if f.content]
        if not cues and (goes_on or paragraph.opens_quoted):
            loose = _quoted(paragraph) or loose  # a paragraph of a longer quotation
        if kept and pending:  # “… (paragraphs) … ,” says X: the quotation is one claim
            kept[0].content[:0] = pending
            pending = []
        if loose and not kept:
            if paragraph.opens_quoted and open_quote is not None:
                open_quote.content.extend(loose)
            elif goes_on:
                pending.extend(loose)
        found.extend(kept)
        if kept:
            open_quote = kept[-1]
        elif not paragraph.opens_quoted:
            open_quote = None
    for item in found:
        item.content.sort()
        item.source.sort()
    return found


def _quoted(paragraph: Paragraph) -> list[Span]:
    """The quoted words of a paragraph, as one span."""
    inside = [t for t in paragraph.tokens if t.quoted]
    return [(inside[0].start, inside[-1].end)] if inside else []


_SKIP_AFTER_CUE = frozenset(["that", ",", ":", "—", "–", "-"])
_CLAUSE_END = frozenset([".", "?", "!", ";"])


def _content_by_rule(paragraph: Paragraph, item: Found) -> list[Span]:
    """Content for a cue the tagger gave none: the rest of its sentence after the cue (past
    "that"), else the sentence before it."""
    tokens = paragraph.tokens
    cue_end = next(i for i, t in enumerate(tokens) if t.end >= item.cue[-1][1])
    sentence = tokens[cue_end].sentence
    taken = {i for i, t in enumerate(tokens) for s, e in item.source if s <= t.start < e}
    after = [
        i for i in range(cue_end + 1, len(tokens))
        if tokens[i].sentence == sentence and i not in taken
    ]  # fmt: skip
    while after and tokens[after[0]].text.casefold() in _SKIP_AFTER_CUE:
        after.pop(0)
    while after and (tokens[after[-1]].text in _CLAUSE_END or not tokens[after[-1]].text.isalnum()):
        after.pop()
    if len(after) >= 3:
        return [(tokens[after[0]].start, tokens[after[-1]].end)]
    cue_start = next(i for i, t in enumerate(tokens) if t.start >= item.cue[0][0])
    before = [
        i for i in range(cue_start)
        if tokens[i].sentence == sentence and i not in taken and tokens[i].text.isalnum()
    ]  # fmt: skip
    if len(before) >= 3:
        return [(tokens[before[0]].start, tokens[before[-1]].end)]
    return []
