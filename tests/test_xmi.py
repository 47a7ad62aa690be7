"""UIMA CAS XMI (INCEpTION): claims with their source and cue, UTF-16 offsets in the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.model import TagFile
from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT, tag_span
from tests.test_exchange_spans import attribution_tags

cassis = pytest.importorskip("cassis")


def export_xmi(corpus: Corpus, folder: Path, article: str) -> Path:
    common = ("--root", str(corpus.root), "--reviewer", "alice")
    assert main([*common, "export", article, "--format", "xmi", "-o", str(folder)]) == 0
    assert (folder / "TypeSystem.xml").is_file()
    return folder / f"{article}--alice.xmi"


def test_a_claim_with_fragments_source_and_cue_comes_back_whole(
    corpus: Corpus, tmp_path: Path
) -> None:
    tags = attribution_tags(corpus)
    corpus.save_tags(tags, None)
    xmi = export_xmi(corpus, tmp_path / "xmi", SEED_RT)
    into = ("--root", str(corpus.root), "--reviewer", "bob", "import", "--format", "xmi")
    assert main([*into, str(xmi)]) == 0
    [mine] = tags.claims
    [back] = corpus.load_tags(corpus.load_article(SEED_RT), "bob").tags.claims
    assert (back.fragments, back.source_fragments, back.cue_fragments) == (
        mine.fragments, mine.source_fragments, mine.cue_fragments,
    )  # fmt: skip
    assert (back.type, back.stance, back.target, back.source) == (
        mine.type, mine.stance, mine.target, mine.source,
    )  # fmt: skip


@pytest.mark.filterwarnings("ignore:Trying to add feature:UserWarning")  # cassis: type -> type_
def test_offsets_after_an_emoji_are_utf16_in_the_file_and_right_in_cassis(
    corpus: Corpus, tmp_path: Path
) -> None:
    (corpus.seeds_dir / "emoji.txt").write_text(
        "Title 🙂🙂\n\nThe minister 👍 said the deal is done.\n", encoding="utf-8"
    )
    article = corpus.load_article("emoji")
    quote = "the deal is done"
    corpus.save_tags(
        tag_span(TagFile("emoji", "alice", article.text_hash), article, 2, quote, "unattributed"),
        None,
    )
    xmi = export_xmi(corpus, tmp_path / "xmi", "emoji")
    begin = int(re.search(r'Claim [^>]*begin="(\d+)"', xmi.read_text()).group(1))  # type: ignore[union-attr]
    code_points = article.text.index(quote)
    assert begin == code_points + 3  # three emoji before it, two UTF-16 units each
    system = cassis.load_typesystem((xmi.parent / "TypeSystem.xml").read_text(encoding="utf-8"))
    cas = cassis.load_cas_from_xmi(xmi.read_text(encoding="utf-8"), typesystem=system)
    [claim] = cas.select("webanno.custom.Claim")
    assert claim.get_covered_text() == quote


def test_a_file_that_is_not_xmi_is_one_line(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.xmi"
    bad.write_text("<not xmi", encoding="utf-8")
    into = ("--root", str(corpus.root), "--reviewer", "bob", "import", "--format", "xmi")
    assert main([*into, "--article", SEED_RT, str(bad)]) == 2
    err = capsys.readouterr().err
    assert "not a UIMA CAS XMI file" in err and len(err.strip().splitlines()) == 1
