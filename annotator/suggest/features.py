"""What the tagger sees of each token: the word, its shape, its neighbours, whether it is quoted,
and how often the word was part of a cue or a source in the training split (the lexicon)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from annotator.suggest.tokens import CLOSING_QUOTES, OPENING_QUOTES, STRAIGHT_QUOTE, Token

QUOTE_MARKS = frozenset([*OPENING_QUOTES, *CLOSING_QUOTES, STRAIGHT_QUOTE, "''", "``"])
Lexicon = Mapping[str, Mapping[str, float]]  # part ("cue", "source", "cue_stem") -> word -> rate
_SUBJECTS = frozenset(("he", "she", "they", "we", "i", "it", "who", "officials", "sources"))


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isupper() and len(word) > 1:
        return "XX"
    if word[:1].isupper():
        return "Xx"
    if word.isalpha():
        return "x"
    return "p" if len(word) == 1 and not word.isalnum() else "m"


def _bin(rate: float) -> str:
    return "0" if rate < 0.05 else "1" if rate < 0.2 else "2" if rate < 0.5 else "3"


def token_features(tokens: Sequence[Token], lexicon: Lexicon) -> list[list[str]]:
    """One feature list per token of a paragraph."""
    words = [t.text.casefold() for t in tokens]
    cue = lexicon.get("cue", {})
    source = lexicon.get("source", {})
    cue_stem = lexicon.get("cue_stem", {})
    cue_bins = [_bin(cue.get(w, 0.0)) for w in words]
    source_bins = [_bin(source.get(w, 0.0)) for w in words]
    # Per sentence: where its likeliest cue word is, so a token knows which side it is on.
    best_cue: dict[int, int] = {}
    sentence_quoted: set[int] = set()
    for i, token in enumerate(tokens):
        rate = cue.get(words[i], 0.0)
        held = best_cue.get(token.sentence)
        if rate >= 0.2 and (held is None or rate > cue.get(words[held], 0.0)):
            best_cue[token.sentence] = i
        if token.text in QUOTE_MARKS:
            sentence_quoted.add(token.sentence)
    count = len(tokens)
    # Runs of capitalised words (names, titles) and each token's place in its sentence.
    caps = [t.text[:1].isupper() for t in tokens]
    sentence_start: dict[int, int] = {}
    for i, token in enumerate(tokens):
        sentence_start.setdefault(token.sentence, i)
    rows: list[list[str]] = []
    for i, token in enumerate(tokens):
        word = words[i]
        row = [
            "b",
            "w=" + word,
            "s3=" + word[-3:],
            "sh=" + _shape(token.text),
            "cb=" + cue_bins[i],
            "sb=" + source_bins[i],
        ]
        row.append("stem=" + stem(word))
        row.append("csb=" + _bin(cue_stem.get(stem(word), 0.0)))
        if i > 0 and (words[i - 1] in _SUBJECTS or tokens[i - 1].text[:1].isupper()):
            row.append("after_subject")
        row.append("pos=" + str(min(i - sentence_start[token.sentence], 8)))
        if caps[i] and ((i > 0 and caps[i - 1]) or (i + 1 < count and caps[i + 1])):
            row.append("capsrun")
        if token.quoted:
            row.append("q")
        if token.text in QUOTE_MARKS:
            row.append("qm=" + ("o" if token.text in OPENING_QUOTES else "c"))  # or straight
        if token.sentence in sentence_quoted:
            row.append("sq")
        if i == 0:
            row.append("first")
        if i == 0 or tokens[i - 1].sentence != token.sentence:
            row.append("s_first")
        if i == count - 1 or tokens[i + 1].sentence != token.sentence:
            row.append("s_last")
        held = best_cue.get(token.sentence)
        if held is None:
            row.append("nocue")
        else:
            gap = i - held
            row.append("cue" + ("<" if gap < 0 else ">" if gap > 0 else "="))
            row.append("cued=" + str(min(abs(gap), 6)))
            row.append("cuew=" + words[held])
            row.append("cuewd=" + words[held] + ("<" if gap < 0 else ">" if gap > 0 else "="))
        for offset in (-3, -2, -1, 1, 2, 3):
            j = i + offset
            if 0 <= j < count:
                row.append(f"w{offset:+d}={words[j]}")
                row.append(f"cb{offset:+d}={cue_bins[j]}")
                if abs(offset) == 1:
                    row.append(f"sh{offset:+d}={_shape(tokens[j].text)}")
                    row.append(f"sb{offset:+d}={source_bins[j]}")
                    row.append(f"q{offset:+d}={int(tokens[j].quoted)}")
            else:
                row.append(f"w{offset:+d}=<edge>")
        if i + 1 < count:
            row.append(f"bi+={word}|{words[i + 1]}")
        if i > 0:
            row.append(f"bi-={words[i - 1]}|{word}")
        rows.append(row)
    return rows


def stem(word: str) -> str:
    """A crude stem so rare forms of a reporting verb share weights ("insisting", "insisted")."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word
