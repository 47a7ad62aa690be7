"""What rules settle after the tagger, where the reviewer's conventions are plain: content
without its quote marks, the whole impersonal cue ("It is noted"), a source the tagger left out
right beside its cue ("…,” says Okhrimenko." / "he said"), and no attribution suggested inside
another's content."""

from __future__ import annotations

import re

from annotator.attribution import find_source
from annotator.spans import trim_quotes
from annotator.suggest.assemble import Found, Span
from annotator.suggest.claim_types import claim_type
from annotator.suggest.tokens import Paragraph

_IMPERSONAL = re.compile(
    r"\b[Ii]t(?:\s+(?:is|was|has\s+been|had\s+been|should\s+be|must\s+be|will\s+be)|[’']s)"
    r"(?:\s+also)?\s*$"
)
_IMPERSONAL_VERBS = frozenset(("is", "was", "'s", "’s", "has", "had", "should", "must", "will"))
_NAME_AFTER = re.compile(r"\s*((?:the\s+)?(?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){0,3})\s*[.,;]")
_PRONOUN_BEFORE = re.compile(r"(?:^|[\s,”\"])((?:he|she|they|we|I)|(?:[A-Z][\w’'.-]+))\s*$")
_PRONOUNS = frozenset(["he", "she", "they", "we", "i"])
_EDGE = " \t\n,.;:!?…—–-\"“”«»„‘’'"


def trimmed(text: str, spans: list[Span]) -> list[Span]:
    """Spans without the quote marks and punctuation at their ends."""
    kept = []
    for start, end in spans:
        start, end = trim_quotes(text, start, end)
        while start < end and text[start] in _EDGE and not _apostrophe(text, start):
            start += 1
        while end > start and text[end - 1] in _EDGE and not _apostrophe(text, end - 1):
            end -= 1
        if start < end:
            kept.append((start, end))
    return kept


_SPEECH = frozenset(("said", "says", "say", "told", "tells", "tweeted", "noted", "wrote", "added"))
_TRAILING = frozenset(
    ("of", "to", "in", "on", "via", "during", "at", "about", "yesterday", "today", "friday",
     "monday", "tuesday", "wednesday", "thursday", "saturday", "sunday")
)  # fmt: skip
_BY_AFTER = re.compile(r"\s+by\b")


def _trimmed_cue(text: str, cue: list[Span]) -> list[Span]:
    start, end = cue[-1]
    words = list(re.finditer(r"\S+", text[start:end]))
    speech = len(words) >= 2 and words[0].group().casefold() in _SPEECH
    if speech and words[1].group().casefold().strip(",.") in _TRAILING:
        return [*cue[:-1], (start, start + words[0].end())]
    last = words[-1].group().casefold() if words else ""
    if last.endswith("ed") and (by := _BY_AFTER.match(text, end)):
        return [*cue[:-1], (start, by.end())]
    return cue


def _apostrophe(text: str, at: int) -> bool:
    """’ or ' inside a word ("NATO's", "’s been"), not a quote mark."""
    return text[at] in "’'" and at + 1 < len(text) and text[at + 1].isalpha()


def whole_cue(text: str, cue: list[Span]) -> list[Span]:
    """The cue as annotators mark it: "It is noted" (not "noted"); "said" (not "said Friday",
    "said of"); "was first reported by" (with the "by")."""
    if not cue:
        return cue
    cue = _trimmed_cue(text, cue)
    start, end = cue[0]
    found = _IMPERSONAL.search(text, max(0, start - 24), start)
    if found and text[start:end].split()[0].casefold() not in ("is", "was"):
        return [(found.start(), end), *cue[1:]]
    words = text[start:end].split()
    before = _IMPERSONAL.search(text, max(0, start - 4), start + 1)
    if words and words[0].casefold() in _IMPERSONAL_VERBS and before is None:
        it = text.rfind("It", max(0, start - 4), start)
        if it >= 0 and not text[it + 2 : start].strip():
            return [(it, end), *cue[1:]]
    return cue


def source_beside(text: str, paragraph: Paragraph, item: Found) -> list[Span]:
    """A source for a cue that has none: a name right after it ("says Okhrimenko."), a pronoun
    or name right before it that follows a quotation ("…,” he said"). After "according to",
    the source is the clause after it (``attribution.find_source``), where the content starts.
    (Taking the clause before any other cue as its source was measured: it cost precision more
    than it gave recall.)"""
    if not item.cue or not item.content:
        return item.source
    start, end = item.cue[0][0], item.cue[-1][1]
    by_rule = find_source(text, [(paragraph.start, paragraph.end)], item.content, (start, end))
    if text[start:end].casefold() == "according to" and by_rule is not None:
        return [by_rule]
    if item.source:
        return item.source
    after = _NAME_AFTER.match(text, end, paragraph.end)
    if after and item.content[-1][1] <= start:
        return [after.span(1)]
    window = text[max(paragraph.start, start - 40) : start]
    before = _PRONOUN_BEFORE.search(window)
    if before and ("”" in window or '"' in window or before.group(1).casefold() in _PRONOUNS):
        offset = start - len(window)
        word = before.group(1)
        if word.casefold() in _PRONOUNS or word[:1].isupper():
            return [(offset + before.start(1), offset + before.end(1))]
    if by_rule is not None and claim_type(text[slice(*by_rule)]) == "unnamed_source":
        return [by_rule]  # "Officials who spoke on condition of anonymity said …"
    return []


def outermost(found: list[Found]) -> list[Found]:
    """Attributions whose cue is not inside another attribution's content."""
    contents = [(i, s, e) for i, item in enumerate(found) for s, e in item.content]
    kept = []
    for index, item in enumerate(found):
        cue = item.cue[0] if item.cue else None
        inside = cue is not None and any(
            i != index and s <= cue[0] and cue[1] <= e for i, s, e in contents
        )
        if not inside:
            kept.append(item)
    return kept


def content_after_source(text: str, item: Found) -> list[Span]:
    """ "according to X, NATO's reluctance …": the content starts right after the source's
    clause, with the words the tagger gave to neither (up to three)."""
    if not item.source or not item.content or not item.cue:
        return item.content
    source_end = item.source[-1][1]
    first_start, first_end = item.content[0]
    between = text[source_end:first_start]
    if not 0 < first_start - source_end <= 40 or item.cue[0][0] > source_end:
        return item.content
    words = between.strip(" ,").split()
    if len(words) > 3 or any(c in between for c in ".!?\n"):
        return item.content
    start = source_end
    while start < first_start and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    return [(start, first_end), *item.content[1:]]


# “…” ― Sonya Herridge  (a quotation signed with a dash, as in vox-pop pieces)
_SIGNED = re.compile(
    r"^\s*[“”\"](?P<content>.+?)[”\"]\s*(?P<cue>[―—–])\s*(?P<source>[A-Z][^\n,;:]{1,60}?)[.\s]*$",
    re.DOTALL,
)
# PENCE: Well, the question …  (a transcript: a speaker's name in capitals, a colon)
_SPEAKER = re.compile(
    r"^\s*(?P<source>(?:[A-Z][A-Z.’'-]+)(?:\s+[A-Z][A-Z.’'-]+){0,2})(?P<cue>:)\s+(?P<content>\S.*)$",
    re.DOTALL,
)


def structural(text: str, paragraphs: list[Paragraph]) -> list[Found]:
    """Attributions whose form says it all, one a line: a quotation signed with a dash, a
    transcript line."""
    found = []
    for paragraph in paragraphs:
        base = paragraph.start
        for line in text[paragraph.start : paragraph.end].split("\n"):
            match = _SIGNED.match(line) or _SPEAKER.match(line)
            if match is not None:
                content, source, cue = (
                    [(base + match.start(name), base + match.end(name))]
                    for name in ("content", "source", "cue")
                )
                found.append(Found(trimmed(text, content), trimmed(text, source), cue))
            base += len(line) + 1
    return [f for f in found if f.content and f.source]


_VERB = (
    r"(?:stated|states|state|noted|notes|note|said|says|say|reported|reports|explained"
    r"|emphasized|emphasised|stressed|announced|indicated|specified|clarified|believes|believe"
    r"|pointed\s+out|wrote|writes|put\s+it)"
)
# "As stated by the head of the ministry Dmitry Kuleba, CONTENT." / "as analysts state, CONTENT."
_AS_CUE = re.compile(
    rf"\b[Aa]s\s+(?:(?P<cue1>{_VERB}(?:\s+(?:by|on|in))?)\s+(?P<source1>[^,.;]{{3,120}}?)"
    rf"|(?P<source2>[^,.;]{{2,80}}?)\s+(?P<cue2>(?:also\s+)?{_VERB})(?:\s+(?:in|to|on)\s+[^,.;]{{0,60}})?)"
    r",\s*(?P<content>[^.!?]*[^.!?\s,]*)"
)
_AS_WORD = re.compile(r"\b[Aa]s\s+(?:\w+\s+){0,12}?" + _VERB + r"\b")
# “…,” the deputy is sure.  /  …,” Podberezkin summed up.  (a short clause after a closing quote)
_SIGNATURE = re.compile(
    r"[”\"]\s*,?\s*(?P<source>(?:the\s+)?[A-Za-z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})\s+"
    r"(?P<cue>(?:is|was)\s+sure|summed\s+up|concluded|added|stressed|noted|insisted|recalled"
    r"|explained|continued|admitted|warned|emphasized|emphasised)\s*[.!]?\s*$"
)


def rule_labels(text: str, paragraph: Paragraph, labels: list[str]) -> list[str]:
    """The tagger's labels, with attributions it missed in two plain forms labelled by rule:
    "As stated by X, CONTENT" / "as X state, CONTENT", and a short signature after a closing
    quote ("…,” the deputy is sure."), whose content is the quotation."""
    body = text[paragraph.start : paragraph.end]
    labels = list(labels)
    for match in _AS_CUE.finditer(body) if _AS_WORD.search(body) else ():
        cue = match.span("cue1") if match.group("cue1") else match.span("cue2")
        source = match.span("source1") if match.group("source1") else match.span("source2")
        _label(paragraph, labels, cue, source, match.span("content"))
    signed = _SIGNATURE.search(body) if ("”" in body or '"' in body) else None
    if signed is not None:
        quoted = [t for t in paragraph.tokens if t.quoted]
        content = (
            (quoted[0].start - paragraph.start, quoted[-1].end - paragraph.start)
            if quoted
            else None
        )
        _label(paragraph, labels, signed.span("cue"), signed.span("source"), content)
    return labels


def _label(
    paragraph: Paragraph,
    labels: list[str],
    cue: Span,
    source: Span,
    content: Span | None,
) -> None:
    """Label the parts (paragraph offsets) unless the tagger already found a cue there."""
    base = paragraph.start
    tokens = paragraph.tokens

    def inside(span: Span) -> list[int]:
        return [
            i for i, t in enumerate(tokens) if base + span[0] <= t.start and t.end <= base + span[1]
        ]

    cue_tokens = inside(cue)
    if not cue_tokens or any(labels[i].endswith("Q") for i in cue_tokens):
        return
    for letter, indexes in (
        ("C", inside(content) if content else []),
        ("S", inside(source)),
        ("Q", cue_tokens),
    ):
        for n, i in enumerate(indexes):
            labels[i] = ("B-" if n == 0 else "I-") + letter


def without(spans: list[Span], taken: list[Span]) -> list[Span]:
    """``spans`` with the parts ``taken`` covers cut out (content never repeats its cue)."""
    kept = []
    for start, end in spans:
        pieces = [(start, end)]
        for low, high in taken:
            pieces = [
                piece
                for s, e in pieces
                for piece in ((s, min(e, low)), (max(s, high), e))
                if piece[0] < piece[1]
            ]
        kept += pieces
    return kept


def source_comma(text: str, source: list[Span]) -> list[Span]:
    """PolNeAR's convention (997 to 116 in the training split): a source with an apposition
    keeps the comma that closes it ("Scott Pruitt, the attorney general of Oklahoma,"); a
    source without one has no comma at its end."""
    if not source:
        return source
    start, end = source[-1]
    words = text[start:end]
    if "," in words.rstrip(","):
        if not words.endswith(",") and text[end : end + 1] == ",":
            end += 1
    else:
        while end > start and text[end - 1] in ", ":
            end -= 1
    return [*source[:-1], (start, end)] if start < end else source[:-1]
