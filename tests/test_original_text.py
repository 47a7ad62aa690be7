"""Annotations made on an article's original file (BOM, CRLF, indents) come back onto the
text as the tool sees it; annotations of another text are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.exchange.original import offset_map
from annotator.storage.corpus import Corpus
from tests.conftest import REPO

ORIGINAL = "\ufeffA title\r\n\r\n\r\n   He said: “the deal is done.”  \r\n  Later\r\n\r\nEnd\r\n"
QUOTE = "the deal is done."


def test_offsets_map_through_white_space_only() -> None:
    text = "A title\n\nHe said: “the deal is done.”\nLater\n\nEnd"
    mapping = offset_map(ORIGINAL, text)
    assert mapping is not None
    start = ORIGINAL.index(QUOTE)
    assert text[mapping[start] : mapping[start + len(QUOTE)]] == QUOTE
    assert offset_map(ORIGINAL.replace("deal", "meal"), text) is None


def brat_line(start: int) -> str:
    return f"T1\tunattributed {start} {start + len(QUOTE)}\t{QUOTE}\n"


def test_brat_on_the_original_file_lands_on_the_quote(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (corpus.seeds_dir / "orig.txt").write_bytes(ORIGINAL.encode("utf-8"))
    ann = tmp_path / "orig.ann"
    ann.write_text(brat_line(ORIGINAL.index(QUOTE)), encoding="utf-8")  # brat counts the BOM
    common = ("--root", str(corpus.root), "--reviewer", "alice", "import", "--format", "brat")
    assert main([*common, "--article", "orig", str(ann)]) == 0
    [claim] = corpus.load_tags(corpus.load_article("orig"), "alice").tags.claims
    assert claim.quote == QUOTE and claim.paragraph == 2


def test_label_studio_tasks_on_the_original_text_are_imported(
    corpus: Corpus, tmp_path: Path
) -> None:
    (corpus.seeds_dir / "orig.txt").write_bytes(ORIGINAL.encode("utf-8"))
    start = ORIGINAL.index(QUOTE)
    region = {"start": start, "end": start + len(QUOTE), "text": QUOTE, "labels": ["unattributed"]}
    result = {
        "id": "r1",
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": region,
    }
    task = {
        "id": 1,
        "data": {"text": ORIGINAL, "article": "orig"},
        "annotations": [{"result": [result]}],
    }
    tasks = tmp_path / "tasks.json"
    tasks.write_text(json.dumps([task]), encoding="utf-8")
    common = (
        "--root",
        str(corpus.root),
        "--reviewer",
        "alice",
        "import",
        "--format",
        "labelstudio",
    )
    assert main([*common, str(tasks)]) == 0
    [claim] = corpus.load_tags(corpus.load_article("orig"), "alice").tags.claims
    assert claim.quote == QUOTE


def test_annotations_of_another_text_are_refused_with_where_it_differs(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (corpus.seeds_dir / "orig.txt").write_bytes(ORIGINAL.encode("utf-8"))
    other = tmp_path / "other.txt"
    other.write_text(ORIGINAL.replace("deal", "meal"), encoding="utf-8")
    ann = tmp_path / "orig.ann"
    ann.write_text(brat_line(ORIGINAL.index(QUOTE)), encoding="utf-8")
    common = ("--root", str(corpus.root), "--reviewer", "alice", "import", "--format", "brat")
    assert main([*common, "--article", "orig", "--text", str(other), str(ann)]) == 2
    err = capsys.readouterr().err
    assert "line 4 of the file reads 'meal" in err and len(err.strip().splitlines()) == 1
    assert not corpus.tag_path("orig", "alice").exists()


POLNEAR = REPO.parent / "shared" / "thirdparty" / "polnear-corpus" / "train"
NYT = "nyt_2016-01-29_it-s-still-bill-but-old-magic-se"


@pytest.mark.skipif(not (POLNEAR / "text" / f"{NYT}.txt").is_file(), reason="no PolNeAR corpus")
def test_a_polnear_article_whose_offsets_count_in_its_original_file(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus.seeds_dir / f"{NYT}.txt").write_bytes((POLNEAR / "text" / f"{NYT}.txt").read_bytes())
    ann = next((POLNEAR / "attributions").glob(f"{NYT}_*.ann"))
    common = ("--root", str(corpus.root), "--reviewer", "alice", "import", "--format", "brat")
    assert main([*common, "--article", NYT, str(ann)]) == 0
    assert "skipped 0 spans" in capsys.readouterr().err
