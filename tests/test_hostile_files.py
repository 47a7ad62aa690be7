"""Hostile files where articles and tag files are expected: pipes, devices, links out of the
corpus, bad bytes. Each is one line naming the file, a non-zero exit, no hang, nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT, sample_tags

COMMANDS = [
    ("validate",),
    ("list",),
    ("show", SEED_RT),
    ("report", SEED_RT),
    ("export", "--format", "jsonl"),
    ("agreement",),
]


def run_cli(root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ANNOTATOR_CACHE_DIR": str(root.parent / "cache")}
    return subprocess.run(
        [sys.executable, "-m", "annotator", "--root", str(root), "--reviewer", "alice", *argv],
        capture_output=True,
        text=True,
        timeout=30,  # a hang fails the test instead of blocking the suite
        env=env,
        check=False,
    )


def _tag_path(corpus: Corpus) -> Path:
    path = corpus.tag_path(SEED_RT, "alice")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_a_pipe_for_a_tag_file_is_refused_without_hanging(
    corpus: Corpus, command: tuple[str, ...]
) -> None:
    os.mkfifo(_tag_path(corpus))
    result = run_cli(corpus.root, *command)
    assert result.returncode in (1, 2), result.stderr
    said = result.stdout + result.stderr  # validate lists its problems as data, on stdout
    assert "not a regular file" in said and "Traceback" not in said


@pytest.mark.parametrize("command", COMMANDS[:4])
def test_a_link_to_dev_zero_is_refused_without_reading_it(
    corpus: Corpus, command: tuple[str, ...]
) -> None:
    _tag_path(corpus).symlink_to("/dev/zero")
    result = run_cli(corpus.root, *command)
    assert result.returncode in (1, 2)
    said = result.stdout + result.stderr
    assert "outside the corpus" in said and "Traceback" not in said


def test_a_pipe_for_an_article_is_refused(corpus: Corpus) -> None:
    os.mkfifo(corpus.seeds_dir / "piped.txt")
    result = run_cli(corpus.root, "show", "piped")
    assert result.returncode == 2 and "not a regular file" in result.stderr


def test_a_link_out_of_the_corpus_is_not_read(corpus: Corpus, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes, not an article.\n", encoding="utf-8")
    (corpus.seeds_dir / "linked.txt").symlink_to(secret)
    result = run_cli(corpus.root, "show", "linked")
    assert result.returncode == 2 and "outside the corpus" in result.stderr
    assert "Private notes" not in result.stdout


def test_importing_a_pipe_or_bad_bytes_is_one_line(corpus: Corpus, tmp_path: Path) -> None:
    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    result = run_cli(corpus.root, "import", "--format", "jsonl", "--article", SEED_RT, str(fifo))
    assert result.returncode == 2 and "not a regular file" in result.stderr
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"article": "x", "quote": "caf\xe9"}\n')
    result = run_cli(corpus.root, "import", "--format", "jsonl", str(latin))
    assert result.returncode == 2 and "not valid UTF-8" in result.stderr
    assert f"{latin.name}:1" in result.stderr and "Traceback" not in result.stderr
    assert not corpus.tag_path(SEED_RT, "alice").exists()


def test_saving_over_a_pipe_refuses_and_keeps_it(corpus: Corpus) -> None:
    article = corpus.load_article(SEED_RT)
    path = _tag_path(corpus)
    os.mkfifo(path)
    from annotator.errors import AnnotatorError

    with pytest.raises(AnnotatorError, match="not a regular file"):
        corpus.save_tags(sample_tags(article), None)
    assert path.is_fifo()


def test_an_empty_reviewer_name_is_refused(corpus: Corpus) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--root", str(corpus.root), "--reviewer", "", "list"],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and "the name is empty" in result.stderr


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b'format: 2\nnote: "a\x00b"\n', 2, "control character"),
        (b"format: 2\nclaims: !!python/object:os.system x\n", 2, "no YAML tags"),
    ],
)
def test_refused_bytes_are_one_line_with_their_line(
    corpus: Corpus, data: bytes, line: int, message: str
) -> None:
    from annotator.errors import AnnotatorError

    path = _tag_path(corpus)
    path.write_bytes(data)
    with pytest.raises(AnnotatorError) as raised:
        corpus.load_tags(corpus.load_article(SEED_RT), "alice")
    assert raised.value.problem.line == line and message in raised.value.problem.message
    assert "\n" not in str(raised.value) and "merge marker" not in str(raised.value)


def test_stale_temp_files_of_a_killed_save_are_cleaned(corpus: Corpus) -> None:
    import time

    article = corpus.load_article(SEED_RT)
    path = _tag_path(corpus)
    stale, fresh = path.parent / ".alice.yaml.abc.tmp", path.parent / ".alice.yaml.def.tmp"
    for temp in (stale, fresh):
        temp.write_bytes(b"half a file")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    corpus.save_tags(sample_tags(article), None)
    assert not stale.exists() and fresh.exists()  # a fresh one may be another writer's


def test_an_unsafe_reviewer_name_is_refused_by_commands_that_only_read(corpus: Corpus) -> None:
    result = run_cli(corpus.root, "list")  # run_cli passes --reviewer alice: fine
    assert result.returncode == 0
    bad = subprocess.run(
        [sys.executable, "-m", "annotator", "--root", str(corpus.root), "--reviewer",
         "../../evil", "list"],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert bad.returncode == 2 and "--reviewer" in bad.stderr


def test_an_article_named_like_the_schema_is_refused(corpus: Corpus) -> None:
    (corpus.seeds_dir / "schema.yaml.txt").write_text("A title.\n\nText.\n", encoding="utf-8")
    result = run_cli(corpus.root, "validate")
    assert result.returncode == 1 and "reserved" in result.stdout + result.stderr
    assert (corpus.annotations_dir / "schema.yaml").is_file()  # the schema is untouched


def test_an_article_folder_linked_out_of_the_corpus_takes_no_write(
    corpus: Corpus, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    corpus.annotations_dir.mkdir(exist_ok=True)
    (corpus.annotations_dir / SEED_RT).symlink_to(outside, target_is_directory=True)
    article = corpus.load_article(SEED_RT)
    from annotator.errors import AnnotatorError
    from annotator.storage.unsaved import write_copy

    with pytest.raises(AnnotatorError, match="outside the corpus"):
        corpus.save_tags(sample_tags(article), None)
    copy = write_copy(corpus, sample_tags(article), "20261202T000000")
    assert outside not in copy.parents and list(outside.iterdir()) == []
    imported = tmp_path / "in.jsonl"
    quote = article.paragraphs[0].text[:20]
    record = {"article": SEED_RT, "article_start": 0, "article_end": 20, "quote": quote}
    record["type"] = "unattributed"
    imported.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = run_cli(corpus.root, "import", "--format", "jsonl", str(imported))
    assert result.returncode == 2 and "outside the corpus" in result.stderr, result.stderr
    assert list(outside.iterdir()) == []
