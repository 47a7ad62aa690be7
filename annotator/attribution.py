"""Finding a claim's reporting cue and source in the text around its content, by rule.

A reviewer who has tagged a claim's content presses ``C`` or ``S`` with nothing selected: the
cue is the reporting word ("said", "noted", "according to", …, a fixed list) nearest to the
content in the sentences it is in, and the source the words the cue ties to it, read from where
the cue stands: "X noted …, CONTENT" and "CONTENT, he said" (the words before the cue),
"CONTENT, says X" and "according to X, CONTENT" (the words after it). Nothing is learned or
downloaded; the reviewer sees the span and presses the key again to remove it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.spans import Span, sentence_spans, trim_quotes

# Reporting verbs (the forms news uses) and phrases; multi-word phrases first.
CUE_PHRASES = (
    "according to",
    "in the words of",
    "in an interview with",
)
_VERBS = """
said says say saying told tells tell noted notes note stated states state added adds
stressed stresses emphasized emphasised emphasizes underlined reported reports claimed
claims announced announces explained explains warned warns insisted insists argued argues
wrote writes asked asks replied replies confirmed confirms denied denies admitted admits
suggested suggests predicted predicts recalled recalls clarified clarifies acknowledged
declared declares urged urges believes believe believed thinks think thought remembers
remembered commented comments assured assures pointed promised promises
"""
CUE_VERBS = frozenset(_VERBS.split())
# Passive cues whose source follows "by": "as stated by the minister".
_BY = "by"
# Words that open a clause before its source: "as the president noted", "and he said".
_LEADING_FUNCTION_WORDS = frozenset(
    ["as", "and", "but", "however", "while", "whereas", "so", "thus", "then", "also"]
)
_WORD = re.compile(r"[\w’'-]+")
_BOUNDARY = re.compile(r"[,;:—–()\"“”«»]")


def _sentence_ranges(text: str, paragraphs: Sequence[Span], content: Sequence[Span]) -> list[Span]:
    """The article ranges of the sentences that hold the content's first and last characters
    (``paragraphs``: each paragraph's article range)."""
    found: set[Span] = set()
    for position in (content[0][0], content[-1][1] - 1):
        for p_start, p_end in paragraphs:
            if not p_start <= position < p_end:
                continue
            sentences = sentence_spans(text[p_start:p_end]) or [(0, p_end - p_start)]
            for s, e in sentences:
                if s <= position - p_start < max(e, s + 1) or (s, e) == sentences[-1]:
                    found.add((p_start + s, p_start + e))
                    break
    return sorted(found)


def _inside(position: int, content: Sequence[Span]) -> bool:
    return any(start <= position < end for start, end in content)


def find_cue(text: str, paragraphs: Sequence[Span], content: Sequence[Span]) -> Span | None:
    """The reporting cue nearest to the content, outside it, in the sentences it is in."""
    best: tuple[int, Span] | None = None
    lowered = text.casefold()
    for lo, hi in _sentence_ranges(text, paragraphs, content):
        candidates: list[Span] = []
        for phrase in CUE_PHRASES:
            at = lowered.find(phrase, lo, hi)
            while at != -1:
                candidates.append((at, at + len(phrase)))
                at = lowered.find(phrase, at + 1, hi)
        for match in _WORD.finditer(text, lo, hi):
            if match.group().casefold() in CUE_VERBS:
                candidates.append(match.span())
        for cue in candidates:
            if _inside(cue[0], content) or _inside(cue[1] - 1, content):
                continue
            distance = min(min(abs(cue[0] - end), abs(start - cue[1])) for start, end in content)
            if best is None or distance < best[0]:
                best = (distance, cue)
    if best is None:
        return None
    start, end = best[1]
    # "It is noted that …", "It was also stated that …": the whole impersonal phrase is the cue.
    impersonal = _IMPERSONAL.search(text, max(0, start - 24), start)
    return (impersonal.start(), end) if impersonal else (start, end)


_IMPERSONAL = re.compile(r"\b[Ii]t (?:is|was|has been|had been)(?: also)? $")


def _clause_after(text: str, start: int, limit: int) -> Span | None:
    """From ``start`` to the next clause boundary (or ``limit``), trimmed."""
    while start < limit and (text[start].isspace() or _BOUNDARY.match(text[start])):
        start += 1
    end = start
    while end < limit and not _BOUNDARY.match(text[end]) and text[end] not in ".!?\n":
        end += 1
    start, end = trim_quotes(text, start, end)
    return (start, end) if start < end and text[start:end].strip() else None


def _clause_before(text: str, end: int, limit: int) -> Span | None:
    """From the previous clause boundary (or ``limit``) to ``end``, trimmed, without the
    function words that open a clause."""
    while end > limit and (text[end - 1].isspace() or _BOUNDARY.match(text[end - 1])):
        end -= 1
    start = end
    while start > limit and not _BOUNDARY.match(text[start - 1]) and text[start - 1] not in "\n":
        start -= 1
    words = list(_WORD.finditer(text, start, end))
    while words and words[0].group().casefold() in _LEADING_FUNCTION_WORDS:
        start = words.pop(0).end()
    start, end = trim_quotes(text, start, end)
    return (start, end) if start < end and text[start:end].strip() else None


def find_source(
    text: str, paragraphs: Sequence[Span], content: Sequence[Span], cue: Span
) -> Span | None:
    """The words naming the source, read from where the cue stands against the content."""
    p_start, p_end = next(((s, e) for s, e in paragraphs if s <= cue[0] <= e), (0, len(text)))
    words = text[cue[0] : cue[1]].casefold()
    after_cue = _WORD.match(text, _skip_space(text, cue[1]))
    passive = after_cue is not None and after_cue.group().casefold() == _BY
    content_start, content_end = content[0][0], content[-1][1]
    if words in CUE_PHRASES or passive:  # "according to X", "stated by X"
        start = after_cue.end() if passive and after_cue else cue[1]
        limit = content_start if cue[1] <= content_start else p_end
        return _clause_after(text, start, limit)
    if cue[0] >= content_end:  # after the content: "…,” he said" or "…,” says X"
        before = _clause_before(text, cue[0], max(content_end, p_start))
        return before or _clause_after(text, cue[1], p_end)
    return _clause_before(text, cue[0], p_start)  # "X noted …, CONTENT"


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position
