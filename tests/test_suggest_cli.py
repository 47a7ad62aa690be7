"""The ``suggest`` command: JSON Lines with article offsets, a readable listing, --open."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.editing import reject_suggestion
from annotator.model import TagFile
from annotator.storage.corpus import Corpus
from tests.conftest import REPO, SEED_NV, SEED_RT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lines_with_article_offsets(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--root", str(corpus.root), "suggest", SEED_RT, "--json")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) >= 10
    text = corpus.load_article(SEED_RT).text
    for record in records:
        assert set(record) == {
            "article", "fragments", "source_fragments", "cue_fragments", "type", "source",
            "role", "score",
        }  # fmt: skip
        assert record["article"] == SEED_RT and record["fragments"]
        for part in ("fragments", "source_fragments", "cue_fragments"):
            for piece in record[part]:
                assert text[piece["start"] : piece["end"]] == piece["quote"]
        assert record["type"] in {c.key for c in corpus.schema.claim_types}
        assert 0 <= record["score"] <= 1
    okhrimenko = [r for r in records if r["source"] == "Alexander Okhrimenko"]
    assert okhrimenko and all(r["type"] == "analyst_opinion" for r in okhrimenko)
    assert f"{len(records)} suggestions in 1 articles" in err


def test_every_article_without_arguments(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--root", str(corpus.root), "suggest", "--json")
    assert code == 0
    assert {json.loads(line)["article"] for line in out.splitlines()} == {SEED_NV, SEED_RT}


def test_readable_listing(corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--root", str(corpus.root), "suggest", SEED_NV)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"{SEED_NV}: ") and lines[0].endswith(" suggestions")
    assert any("official_statement" in line and "¶" in line for line in lines)
    assert any(line.strip().startswith("“") for line in lines)


def test_open_leaves_out_rejected_suggestions(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--root", str(corpus.root), "suggest", SEED_NV, "--json")
    first = json.loads(out.splitlines()[0])
    quote = " … ".join(p["quote"] for p in first["fragments"])
    article = corpus.load_article(SEED_NV)
    corpus.save_tags(reject_suggestion(TagFile(SEED_NV, "alice", article.text_hash), quote), None)
    args = ["--root", str(corpus.root), "--reviewer", "alice", "suggest", SEED_NV, "--json"]
    _, everything, _ = run(capsys, *args)
    _, still_open, _ = run(capsys, *args, "--open")
    assert len(still_open.splitlines()) == len(everything.splitlines()) - 1
    assert out.splitlines()[0] not in still_open.splitlines()


def test_an_unknown_article_is_one_line_and_exit_2(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--root", str(corpus.root), "suggest", "nope")
    assert code == 2 and not out
    assert len(err.strip().splitlines()) == 1 and "nope" in err


def test_suggest_loads_neither_textual_nor_the_network() -> None:
    code = (
        "import sys, socket\n"
        "def refuse(*a, **k): raise AssertionError('network used')\n"
        "socket.socket.connect = refuse\n"
        "from annotator.cli import main\n"
        f"main(['--root', {str(REPO)!r}, 'suggest', '--json'])\n"
        "assert 'textual' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") >= 10


def test_suggest_writes_nothing(corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    before = {p: p.read_bytes() for p in corpus.root.rglob("*") if p.is_file()}
    args = ["--root", str(corpus.root), "--reviewer", "alice", "suggest", "--open"]
    assert run(capsys, *args)[0] == 0
    assert run(capsys, *args, "--json")[0] == 0
    after = {p: p.read_bytes() for p in corpus.root.rglob("*") if p.is_file()}
    assert after == before


def test_open_leaves_out_suggestions_over_claims(corpus: Corpus) -> None:
    from annotator.suggest.suggester import open_suggestions, suggest_article
    from tests.conftest import sample_tags

    article = corpus.load_article(SEED_RT)
    everything = suggest_article(article)
    tags = sample_tags(article)  # a claim on "This is just a formal procedure" (¶ 10)
    still = open_suggestions(everything, article, tags)
    gone = [s for s in everything if s not in still]
    claimed = [
        (
            article.paragraph_starts[f.paragraph - 1] + f.start,
            article.paragraph_starts[f.paragraph - 1] + f.end,
        )
        for claim in tags.claims
        for f in claim.fragments
    ]
    assert gone
    for suggestion in everything:  # gone exactly when sharing characters with a claim
        shares = any(a < d and c < b for a, b in suggestion.content for c, d in claimed)
        assert (suggestion in gone) == shares
    assert open_suggestions(everything, article, None) == everything


def test_stats_count_accepted_and_rejected(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    from dataclasses import replace

    from tests.conftest import sample_tags

    article = corpus.load_article(SEED_RT)
    tags = sample_tags(article)
    tags = replace(tags, claims=(replace(tags.claims[0], suggested=True), *tags.claims[1:]))
    tags = reject_suggestion(reject_suggestion(tags, "one"), "two")
    corpus.save_tags(tags, None)
    code, out, _ = run(capsys, "--root", str(corpus.root), "suggest", "--stats", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"reviewer": "alice", "accepted": 1, "rejected": 2, "precision": round(1 / 3, 4)}
    ]
    _, out, _ = run(capsys, "--root", str(corpus.root), "suggest", "--stats")
    assert out == "alice: 1 accepted, 2 rejected, precision in use 33%\n"


def test_a_damaged_model_is_one_line_and_exit_2(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from annotator.errors import AnnotatorError
    from annotator.suggest import suggester, tagger

    broken = tmp_path / "attributions.crfsuite.gz"
    broken.write_bytes(b"\x1f\x8b not really gzip")
    with pytest.raises(AnnotatorError, match="suggestions model cannot be read"):
        tagger.Tagger(broken, tagger.LEXICON_FILE)

    def damaged() -> tagger.Tagger:
        return tagger.Tagger(broken, tagger.LEXICON_FILE)

    original = suggester.shipped_tagger
    suggester.shipped_tagger = damaged  # type: ignore[assignment]
    try:
        code, out, err = run(capsys, "--root", str(corpus.root), "suggest", SEED_RT)
    finally:
        suggester.shipped_tagger = original  # type: ignore[assignment]
    assert code == 2 and not out
    assert len(err.strip().splitlines()) == 1
    assert "attributions.crfsuite.gz" in err and "retrain" in err and "Traceback" not in err
