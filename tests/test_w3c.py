"""W3C exports name the text their selectors count in, by an absolute IRI, and are complete
JSON-LD collections: ids for the collection and its page, the creator an agent, no empty page."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from annotator.cli import main
from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT, sample_tags


def export(corpus: Corpus, output: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    common = ("--root", str(corpus.root), "--reviewer", "alice")
    assert main([*common, "export", "--format", "w3c", "-o", str(output)]) == 0
    capsys.readouterr()
    return json.loads(output.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("crlf", [False, True])
def test_every_position_selector_reads_its_quote_in_the_text_the_target_names(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str], crlf: bool
) -> None:
    if crlf:  # the original file has CRLF line ends and a BOM: the selectors still fit
        path = corpus.seeds_dir / f"{SEED_RT}.txt"
        text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    corpus.save_tags(sample_tags(corpus.load_article(SEED_RT), "alice"), None)
    data = export(corpus, tmp_path / "out" / "claims.jsonld", capsys)
    page = data["first"]  # type: ignore[index]
    assert data["id"] == (tmp_path / "out" / "claims.jsonld").resolve().as_uri()
    assert page["id"] == f"{data['id']}#page-1" and page["partOf"] == data["id"]  # type: ignore[index]
    checked = 0
    for annotation in page["items"]:  # type: ignore[index]
        assert annotation["creator"] == {"type": "Person", "name": "alice"}
        for target in annotation["target"]:
            iri = urlparse(target["source"])
            assert iri.scheme == "file"
            written = Path(unquote(iri.path)).read_text(encoding="utf-8")
            quote, position = target["selector"]
            assert written[position["start"] : position["end"]] == quote["exact"]
            checked += 1
    assert checked >= 2  # every target of the sample claims


def test_an_empty_export_has_no_page_and_stdout_needs_a_base(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = export(corpus, tmp_path / "empty.jsonld", capsys)
    assert data["total"] == 0 and "first" not in data
    common = ("--root", str(corpus.root), "--reviewer", "alice", "export", "--format", "w3c")
    assert main(list(common)) == 2
    assert "needs --base-iri" in capsys.readouterr().err
    corpus.save_tags(sample_tags(corpus.load_article(SEED_RT), "alice"), None)
    assert main([*common, "--base-iri", "https://example.org/texts"]) == 0
    page = json.loads(capsys.readouterr().out)["first"]
    sources = {t["source"] for a in page["items"] for t in a["target"]}
    assert sources == {f"https://example.org/texts/{SEED_RT}.txt"}
