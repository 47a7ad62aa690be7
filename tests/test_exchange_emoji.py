"""Every import format round-trips an attribution over the text that breaks offsets: emoji with
skin tones, ZWJ sequences and flags, U+2028, U+0085 and form feeds inside a paragraph, in a file
saved with a byte-order mark and CRLF line ends. (XMI cannot hold a form feed: it writes a space
there, and reading it back pairs the two.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.editing import add_claim, article_fragments, claim_of
from annotator.model import TagFile, positions
from annotator.storage.corpus import Corpus
from tests.test_exchange import export, import_files

TEXT = (
    "Emoji 👍🏽 and 👩‍👩‍👧‍👦 and 🇺🇦 lead the title\n\n"
    "The minister 👨🏿‍💻 Olena Kovalenko 🇺🇦 said\u2028that the plan 👍🏽 works\x85well\x0cindeed, "
    "“every family 👩‍👩‍👧‍👦 counts.”\n\n"
    "Nothing here."
)
FILES = {
    "jsonl": ("x.jsonl", ["x.jsonl", "x.articles.jsonl"]),
    "doccano": ("x.doccano", ["x.doccano"]),
    "brat": ("x", ["x/a1--alice.ann"]),
    "xmi": ("x", ["x/a1--alice.xmi"]),
    "labelstudio": ("x", ["x/tasks.json"]),
}


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.mark.parametrize("fmt", sorted(FILES))
@pytest.mark.parametrize("raw", ["plain", "bom+crlf"])
def test_an_attribution_over_awkward_text_comes_back_exactly(
    tmp_path: Path, fmt: str, raw: str
) -> None:
    (tmp_path / "seeds").mkdir()
    data = TEXT.replace("\n", "\r\n").encode("utf-8") if raw != "plain" else TEXT.encode()
    (tmp_path / "seeds" / "a1.txt").write_bytes(b"\xef\xbb\xbf" + data if raw != "plain" else data)
    corpus = Corpus.open(tmp_path)
    article = corpus.load_article("a1")
    text = article.text
    content = article_fragments(article, *_span(text, "that the plan 👍🏽 works\x85well\x0cindeed"))
    content += article_fragments(article, *_span(text, "every family 👩‍👩‍👧‍👦 counts."))
    tags = TagFile("a1", "alice", article.text_hash)
    claim = claim_of(
        tags, content, "official_statement",
        source_fragments=article_fragments(article, *_span(text, "Olena Kovalenko 🇺🇦")),
        cue_fragments=article_fragments(article, *_span(text, "said")),
        source="Olena Kovalenko", role="minister",
    )  # fmt: skip
    corpus.save_tags(add_claim(tags, claim), None)
    out, files = FILES[fmt]
    export(corpus, fmt, tmp_path / out)
    corpus.tag_path("a1", "alice").unlink()
    assert import_files(corpus, fmt, *(tmp_path / f for f in files)) == 0
    claims = corpus.load_tags(article, "alice").tags.claims
    if fmt == "doccano":  # typed spans only: a label per content fragment, no source or cue
        assert [positions(c.fragments) for c in claims] == [(p,) for p in positions(content)]
        assert all(c.type == claim.type for c in claims)
        return
    [back] = claims
    assert positions(back.fragments) == positions(claim.fragments)
    assert positions(back.source_fragments) == positions(claim.source_fragments)
    assert positions(back.cue_fragments) == positions(claim.cue_fragments)
    assert back.quote == claim.quote and "👩‍👩‍👧‍👦" in back.quote and "\u2028" not in back.quote
    assert (back.type, back.source, back.role) == (claim.type, claim.source, claim.role)
