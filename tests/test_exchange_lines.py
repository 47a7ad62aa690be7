"""Line-based formats split at line feeds only: text from PDFs holds other line breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.exchange.placement import records_of
from annotator.model import TagFile
from annotator.storage.corpus import Corpus
from tests.conftest import tag_span

ODD = "the deal\u2028is done\x0cand\x85signed\u2029today"


def test_records_split_at_line_feeds_only() -> None:
    assert records_of(f"a{ODD}\r\nb\n") == [f"a{ODD}", "b"]
    assert records_of("") == []


@pytest.mark.parametrize("fmt", ["jsonl", "brat"])
def test_a_claim_holding_pdf_line_breaks_comes_back_from_its_own_export(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    (corpus.seeds_dir / "pdf.txt").write_text(f"Title\n\nHe said {ODD}.\n", encoding="utf-8")
    article = corpus.load_article("pdf")
    tags = tag_span(TagFile("pdf", "alice", article.text_hash), article, 2, ODD, "unattributed")
    corpus.save_tags(tags, None)
    out = tmp_path / ("out.jsonl" if fmt == "jsonl" else "brat")
    common = ("--root", str(corpus.root), "--reviewer", "alice")
    assert main([*common, "export", "pdf", "--format", fmt, "-o", str(out)]) == 0
    source = out if fmt == "jsonl" else next(out.glob("*.ann"))
    into = ("--root", str(corpus.root), "--reviewer", "bob", "import", "--format", fmt)
    mine = ["--as-mine"] if fmt == "jsonl" else []  # the records name alice
    assert main([*into, *mine, "--article", "pdf", str(source)]) == 0, capsys.readouterr().err
    [claim] = corpus.load_tags(article, "bob").tags.claims
    assert claim.quote == ODD and claim.fragments == tags.claims[0].fragments


def test_brat_splits_a_span_at_a_line_break_and_the_import_joins_it(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A paragraph of two lines (a poem, an address, a hard-wrapped quote).
    (corpus.seeds_dir / "lines.txt").write_text(
        "Title\n\nShe wrote: the first line\nand the second line, she said.\n", encoding="utf-8"
    )
    article = corpus.load_article("lines")
    quote = "the first line\nand the second line"
    tags = tag_span(TagFile("lines", "alice", article.text_hash), article, 2, quote, "unattributed")
    corpus.save_tags(tags, None)
    out = tmp_path / "brat"
    common = ("--root", str(corpus.root), "--reviewer", "alice")
    assert main([*common, "export", "lines", "--format", "brat", "-o", str(out)]) == 0
    ann = next(out.glob("*.ann"))
    text = next(out.glob("*.txt")).read_text(encoding="utf-8")
    [content] = [line for line in ann.read_text().splitlines() if "\tContent " in line]
    spans = content.split("\t")[1].removeprefix("Content ")
    pieces = [tuple(map(int, p.split())) for p in spans.split(";")]
    assert len(pieces) == 2 and all("\n" not in text[a:b] for a, b in pieces)
    # brat's own check: the text field is the pieces' text joined by a space
    assert content.split("\t")[2] == " ".join(text[a:b] for a, b in pieces)
    capsys.readouterr()
    into = ("--root", str(corpus.root), "--reviewer", "bob", "import", "--format", "brat")
    assert main([*into, "--article", "lines", str(ann)]) == 0
    assert "joined 1 spans split at a line break" in capsys.readouterr().err
    [claim] = corpus.load_tags(article, "bob").tags.claims
    assert claim.fragments == tags.claims[0].fragments
