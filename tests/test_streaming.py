"""Exports stream a tag file at a time, over several processes for a large corpus, and still
write nothing when a later file is bad."""

from __future__ import annotations

import pytest

from annotator.cli import main
from annotator.storage import parallel
from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT, sample_tags


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


COPY = "zzz_copy"  # the same text as SEED_RT, sorted last


def tag_both(corpus: Corpus) -> None:
    text = (corpus.seeds_dir / f"{SEED_RT}.txt").read_bytes()
    (corpus.seeds_dir / f"{COPY}.txt").write_bytes(text)
    for article_id in (SEED_RT, COPY):
        for reviewer in ("alice", "bob"):
            corpus.save_tags(sample_tags(corpus.load_article(article_id), reviewer), None)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_an_export_over_several_processes_is_the_same_as_in_one(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    tag_both(corpus)
    common = ("--root", str(corpus.root), "--reviewer", "alice", "export", "--format", fmt)
    code, alone, err = run(capsys, *common, "--all-reviewers")
    assert code == 0 and "from 4 tag files" in err
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    assert run(capsys, *common, "--all-reviewers") == (0, alone, err)
    output = corpus.root.parent / f"out.{fmt}"
    assert run(capsys, *common, "--all-reviewers", "-o", str(output))[0] == 0
    forked = output.read_bytes()
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10_000)
    assert run(capsys, *common, "--all-reviewers", "-o", str(output))[0] == 0
    assert output.read_bytes() == forked
    lines = sorted(alone.splitlines())  # the same records as on stdout, in two files for jsonl
    written = forked.decode("utf-8").splitlines()
    if fmt == "jsonl":
        written += output.with_name("out.articles.jsonl").read_text(encoding="utf-8").splitlines()
        assert all('"record": "claim"' in line for line in forked.decode("utf-8").splitlines())
    assert sorted(written) == lines


@pytest.mark.parametrize("forked", [False, True])
def test_a_bad_tag_file_late_in_the_export_leaves_stdout_and_the_file_untouched(
    corpus: Corpus,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    forked: bool,
) -> None:
    if forked:
        monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
        monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    tag_both(corpus)
    bad = corpus.tag_path(COPY, "bob")  # in the last article
    bad.write_text(bad.read_text(encoding="utf-8").replace("format: 2", "format: [2]"))
    common = ("--root", str(corpus.root), "--reviewer", "alice", "export", "--format", "jsonl")
    code, out, err = run(capsys, *common, "--all-reviewers")
    assert (code, out) == (2, "") and "bob.yaml" in err and "Traceback" not in err
    output = corpus.root.parent / "out.jsonl"
    output.write_text("earlier export\n")
    assert run(capsys, *common, "--all-reviewers", "-o", str(output))[0] == 2
    assert output.read_text() == "earlier export\n"
    assert not list(output.parent.glob(".out.jsonl.*"))


def test_claims_only_leaves_out_the_article_records(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    tag_both(corpus)
    common = ("--root", str(corpus.root), "--reviewer", "alice", "export", "--format", "jsonl")
    code, out, _ = run(capsys, *common, "--all-reviewers", "--claims-only")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) == 8  # 2 claims x 2 reviewers x 2 articles
    assert {r["record"] for r in records} == {"claim"}
    assert all(isinstance(r["article_start"], int) for r in records)
    output = corpus.root.parent / "claims.jsonl"
    assert run(capsys, *common, "--claims-only", "-o", str(output))[0] == 0
    assert not output.with_name("claims.articles.jsonl").exists()
