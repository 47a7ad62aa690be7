"""Articles: reading a text file and splitting it into numbered paragraphs.

Normalisation (the same bytes always give the same paragraphs):

1. decode as UTF-8, dropping a leading byte-order mark;
2. turn CRLF and lone CR line endings into LF;
3. split into blocks at lines that hold nothing but white space;
4. strip leading and trailing white space from every line of a block, and join the block's
   lines with a single LF (line breaks inside a paragraph are kept);
5. number the blocks 1, 2, 3, ... in reading order.

The article text "as the tool sees it" is the paragraphs joined by one blank line (``"\\n\\n"``).
Nothing else is changed: no Unicode normalisation, no collapsing of inner spaces.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from annotator.errors import AnnotatorError

PARAGRAPH_SEPARATOR = "\n\n"
MAX_ARTICLE_BYTES = 64 * 1024 * 1024


class ParagraphKind(StrEnum):
    TITLE = "title"
    CONTENT = "content"
    CAPTION = "caption"
    CREDIT = "credit"
    BYLINE = "byline"
    LANGUAGES = "languages"

    @property
    def is_boilerplate(self) -> bool:
        return self not in (ParagraphKind.TITLE, ParagraphKind.CONTENT)


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: int  # 1-based, in reading order
    text: str
    kind: ParagraphKind

    @property
    def hash(self) -> str:
        return paragraph_hash(self.text)


@dataclass(frozen=True)
class Article:
    id: str
    paragraphs: tuple[Paragraph, ...]
    path: Path | None = None

    @cached_property
    def text(self) -> str:
        """The article as the tool sees it: paragraphs joined by one blank line."""
        return PARAGRAPH_SEPARATOR.join(p.text for p in self.paragraphs)

    @cached_property
    def text_hash(self) -> str:
        return "sha256:" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def paragraph_starts(self) -> tuple[int, ...]:
        """Offset in ``text`` (code points) at which each paragraph starts."""
        starts, offset = [], 0
        for paragraph in self.paragraphs:
            starts.append(offset)
            offset += len(paragraph.text) + len(PARAGRAPH_SEPARATOR)
        return tuple(starts)

    @property
    def title(self) -> str:
        for paragraph in self.paragraphs:
            if paragraph.kind is ParagraphKind.TITLE:
                return paragraph.text
        return ""

    @property
    def reviewable(self) -> tuple[Paragraph, ...]:
        """Paragraphs a reviewer is expected to go through (boilerplate excluded)."""
        return tuple(p for p in self.paragraphs if not p.kind.is_boilerplate)

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]


def paragraph_hash(text: str) -> str:
    """A short content hash, enough to recognise a paragraph again."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


def split_paragraphs(text: str) -> list[str]:
    """Steps 2-4 of the normalisation described in the module docstring."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    block: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            block.append(stripped)
        elif block:
            paragraphs.append("\n".join(block))
            block = []
    if block:
        paragraphs.append("\n".join(block))
    return paragraphs


# Language switchers such as "ua en ru" or "EN | DE".
_LANGUAGE_LIST = (
    "ar be bg cs da de el en es et fi fr ga he hi hr hu hy it ja ka kk ko lt lv mk nl no pl pt "
    "ro ru sk sl sq sr sv tr ua uk zh"
)
_LANGUAGE_CODES = frozenset(_LANGUAGE_LIST.split())
_LANGUAGE_SEPARATORS = re.compile(r"[\s|/•·,]+")
_LONGEST_LANGUAGE_LIST = 4 * len(_LANGUAGE_CODES)  # every code, with a separator each side
_CREDIT = re.compile(
    r"^(?:[•▪·*-]\s*)?(?:©|\(c\)\s|(?:photo|image|picture|video)\s*(?:credit)?s?\s*:)", re.I
)
_CAPTION = re.compile(
    r"^[•▪]|\((?:photo|image|picture|video)\s*:[^)]*\)\s*$|^(?:illustrative )?photo\b", re.I
)
_BYLINE = re.compile(
    r"^(?:(?:author|authors|written by|text|автор)\s*:\s*\S.{0,80}"
    r"|by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:,[^.!?]{0,60})?)$",
    re.I,
)


def classify_line(line: str) -> ParagraphKind:
    if len(line) <= _LONGEST_LANGUAGE_LIST:  # longer lines are never a language switcher
        tokens = [t for t in _LANGUAGE_SEPARATORS.split(line.lower()) if t]
        if len(tokens) >= 2 and all(t in _LANGUAGE_CODES for t in tokens):
            return ParagraphKind.LANGUAGES
    if _CREDIT.search(line):
        return ParagraphKind.CREDIT
    if _CAPTION.search(line):
        return ParagraphKind.CAPTION
    if _BYLINE.match(line):
        return ParagraphKind.BYLINE
    return ParagraphKind.CONTENT


def classify(text: str) -> ParagraphKind:
    """Boilerplate only when every line is; the block then takes its first line's kind."""
    kinds = [classify_line(line) for line in text.split("\n")]
    if all(kind.is_boilerplate for kind in kinds):
        return kinds[0]
    return ParagraphKind.CONTENT


def parse_article(article_id: str, text: str, path: Path | None = None) -> Article:
    """Build an article from decoded text (a leading BOM is dropped)."""
    text = text.removeprefix("\ufeff")
    paragraphs: list[Paragraph] = []
    title_seen = False
    for number, paragraph_text in enumerate(split_paragraphs(text), start=1):
        kind = classify(paragraph_text)
        if kind is ParagraphKind.CONTENT and not title_seen:
            kind, title_seen = ParagraphKind.TITLE, True
        paragraphs.append(Paragraph(number, paragraph_text, kind))
    return Article(article_id, tuple(paragraphs), path)


def decode_article_bytes(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise AnnotatorError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert the file to UTF-8, e.g. with 'iconv -t UTF-8'",
            path,
            line,
        ) from None


def read_article_text(path: Path, root: Path | None = None) -> str:
    """Read and decode an article file, with a clear error for anything that is not usable."""
    from annotator.files import read_bounded

    return article_text(read_bounded(path, "article", MAX_ARTICLE_BYTES, root), path)


def article_text(data: bytes, path: Path) -> str:
    """The text of an article file's bytes; an error for bytes that are not text, or no text."""
    text = decode_article_bytes(data, path)
    if not text.strip():
        raise AnnotatorError("the article is empty; add its text or remove the file", path)
    return text


def load_article(path: Path, article_id: str | None = None) -> Article:
    return parse_article(article_id or path.stem, read_article_text(path), path)
