"""Making article text safe to show: what is in an article must never drive the terminal."""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.model import Fragment

# C0 and C1 control characters (but not newline and tab), DEL, and bidirectional overrides,
# which can reorder what the reader sees. Each is replaced by one visible character, so
# offsets into the displayed text stay the offsets into the article.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛ for ESC, and so on
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def safe_text(text: str) -> str:
    """``text`` with every control character replaced one for one by a visible symbol."""
    return _UNSAFE.sub(_visible, text)


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fragment_label(paragraph: int, start: int, end: int) -> str:
    return f"¶{paragraph} {start}-{end}"


def span_label(fragments: Sequence[Fragment], in_paragraph: int | None = None) -> str:
    """Where a span is: "12-40" inside ``in_paragraph``, else "¶3 12-40"; pieces joined by ";"."""
    return "; ".join(
        f"{f.start}-{f.end}" if f.paragraph == in_paragraph else fragment_label(*f.position())
        for f in fragments
    )
