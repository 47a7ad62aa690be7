from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import build_parser, main
from annotator.storage.corpus import Corpus
from annotator.storage.tagfile import serialize
from tests.conftest import SEED_NV, SEED_RT, sample_tags, tag_span


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def save_sample(corpus: Corpus, reviewer: str = "alice") -> None:
    article = corpus.load_article(SEED_RT)
    corpus.save_tags(sample_tags(article, reviewer), None)


def test_importing_the_cli_does_not_import_textual_or_rich() -> None:
    code = (
        "import sys, annotator.cli, annotator.cli.listing, annotator.storage.summary\n"
        "annotator.cli.build_parser()\n"
        "import annotator.cli.exchange, annotator.session\n"
        "from annotator.exchange.registry import FORMATS\n"
        "[f.module() for f in FORMATS]\n"
        "assert 'textual' not in sys.modules, 'textual'\n"
        "assert 'rich' not in sys.modules, 'rich'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_list_json_has_every_article_and_reviewer_progress(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    save_sample(corpus)
    code, out, err = run(capsys, "--root", str(corpus.root), "list", "--json")
    assert (code, err) == (0, "")
    data = {item["id"]: item for item in json.loads(out)}
    assert set(data) == {SEED_NV, SEED_RT}
    rt = data[SEED_RT]
    assert rt["title"].startswith("Ukraine will become the first state")
    assert (rt["paragraphs"], rt["reviewable"]) == (65, 57)
    [alice] = rt["reviewers"]
    assert (alice["reviewer"], alice["claims"], alice["reviewed"], alice["valid"]) == (
        "alice",
        2,
        0,
        True,
    )
    assert data[SEED_NV]["reviewers"] == []


def test_list_table_shows_titles_and_progress(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    save_sample(corpus)
    code, out, _ = run(capsys, "--root", str(corpus.root), "list")
    assert code == 0
    assert SEED_RT in out and "alice: 2, 0/57" in out and "57 (65)" in out


def test_list_second_run_is_served_from_the_cache_and_follows_changes(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    save_sample(corpus)
    run(capsys, "--root", str(corpus.root), "list", "--json")
    import annotator.storage.corpus

    calls: list[Path] = []
    real = annotator.storage.corpus.load_yaml
    monkeypatch.setattr(
        annotator.storage.corpus,
        "load_yaml",
        lambda data, path: calls.append(path) or real(data, path),
    )
    run(capsys, "--root", str(corpus.root), "list", "--json")
    assert calls == []
    path = corpus.tag_path(SEED_RT, "alice")
    path.write_bytes(path.read_bytes().replace(b"status: done", b"status: done"))  # same bytes
    run(capsys, "--root", str(corpus.root), "list", "--json")
    assert calls == []
    corpus2 = Corpus.open(corpus.root)
    article = corpus2.load_article(SEED_RT)
    tags = corpus2.load_tags(article, "alice")
    corpus2.save_tags(
        tags.tags.__class__(**{**tags.tags.__dict__, "claims": tags.tags.claims[:1]}),
        tags.disk_digest,
    )
    calls.clear()
    _, second, _ = run(capsys, "--root", str(corpus.root), "list", "--json")
    assert calls == [path]
    assert json.loads(second)[1]["reviewers"][0]["claims"] == 1


def test_report_between_two_lists_does_not_evict_their_cache(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    save_sample(corpus)
    common = ("--root", str(corpus.root), "--reviewer", "alice")
    run(capsys, *common, "list", "--json")
    assert run(capsys, *common, "report", SEED_RT)[0] == 0
    import annotator.storage.corpus

    calls: list[Path] = []
    real = annotator.storage.corpus.load_yaml
    monkeypatch.setattr(
        annotator.storage.corpus,
        "load_yaml",
        lambda data, path: calls.append(path) or real(data, path),
    )
    run(capsys, *common, "list", "--json")
    run(capsys, *common, "report", SEED_RT)
    assert calls == []


def test_list_is_the_same_over_several_processes(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.storage.parallel

    save_sample(corpus)
    save_sample(corpus, "bob")
    _, one_process, _ = run(capsys, "--root", str(corpus.root), "--no-cache", "list", "--json")
    monkeypatch.setattr(annotator.storage.parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(annotator.storage.parallel.os, "cpu_count", lambda: 2)
    _, forked, _ = run(capsys, "--root", str(corpus.root), "list", "--json")
    _, warm, _ = run(capsys, "--root", str(corpus.root), "list", "--json")
    assert one_process == forked == warm and len(json.loads(forked)) == 2


def test_list_reports_an_invalid_file_and_exits_1(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    save_sample(corpus)
    path = corpus.tag_path(SEED_RT, "alice")
    path.write_text(
        path.read_text(encoding="utf-8").replace("type: analyst_opinion", "type: rumour"),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--root", str(corpus.root), "list", "--json")
    assert code == 1
    assert json.loads(out)[1]["reviewers"][0]["valid"] is False
    [line] = err.splitlines()
    assert line.startswith(f"annotations/{SEED_RT}/alice.yaml:") and "'rumour'" in line


def test_show_prints_numbered_paragraphs_and_claims_as_plain_text(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    save_sample(corpus)
    code, out, err = run(capsys, "--root", str(corpus.root), "--reviewer", "alice", "show", SEED_RT)
    assert (code, err) == (0, "")
    assert "\x1b[" not in out  # not a terminal: no escape codes
    assert "Legend: Official statement  Analyst opinion" in out
    assert " 6 • RIA News [caption]" in out
    assert "10 “This is just a formal procedure" in out
    assert (
        "Alexander Okhrimenko, president of a Ukrainian think tank "
        "[against ukraine_nato_membership]" in out
    )


def test_show_highlights_claims_in_a_terminal(corpus: Corpus) -> None:
    from rich.console import Console

    from annotator.cli.render import article_view

    article = corpus.load_article(SEED_RT)
    console = Console(force_terminal=True, color_system="truecolor", width=200)
    with console.capture() as capture:
        console.print(article_view(article, sample_tags(article), corpus.schema))
    out = capture.get()
    assert "\x1b[1;4;32mThis is just a formal procedure\x1b[0m" in out  # analyst_opinion: green


def test_show_cannot_be_driven_by_escape_codes_or_markup_in_the_article(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus.seeds_dir / "evil.txt").write_text(
        "Title [bold]x[/bold]\n\nBell \x07 and \x1b[2J clear\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "--root", str(corpus.root), "--reviewer", "alice", "show", "evil")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "Title [bold]x[/bold]" in out
    assert "Bell ␇ and ␛[2J clear" in out


def test_show_unknown_article_is_one_line_exit_2(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--root", str(corpus.root), "--reviewer", "alice", "show", "nope")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "no article 'nope'" in err


def test_validate_ok_and_json(corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    save_sample(corpus)
    code, out, err = run(capsys, "--root", str(corpus.root), "validate")
    assert (code, out) == (0, "")
    assert "2 articles, 1 tag files: all valid" in err
    code, out, _ = run(capsys, "--root", str(corpus.root), "validate", "--json")
    assert code == 0
    assert json.loads(out) == {"ok": True, "articles": 2, "tag_files": 1, "problems": []}


def test_validate_lists_one_line_per_problem_and_exits_1(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    save_sample(corpus)
    save_sample(corpus, "bob")
    bob = corpus.tag_path(SEED_RT, "bob")
    bob.write_text(
        bob.read_text(encoding="utf-8").replace("stance: against", "stance: pro"), encoding="utf-8"
    )
    stray = corpus.annotations_dir / "gone"
    stray.mkdir()
    (stray / "carol.yaml").write_text("format: 1\n", encoding="utf-8")
    (corpus.annotations_dir / SEED_RT / "Bad Name.yaml").write_text("x: 1\n", encoding="utf-8")
    code, out, _ = run(capsys, "--root", str(corpus.root), "validate")
    assert code == 1
    lines = out.splitlines()
    assert any(
        line.startswith(f"annotations/{SEED_RT}/bob.yaml:") and "'pro'" in line for line in lines
    )
    assert any(line.startswith("annotations/gone: no article") for line in lines)
    assert any("Bad Name.yaml" in line and "not a safe name" in line for line in lines)
    data = json.loads(run(capsys, "--root", str(corpus.root), "validate", "--json")[1])
    assert data["ok"] is False and len(data["problems"]) == len(lines)
    assert all(set(p) == {"file", "line", "message"} for p in data["problems"])


def test_validate_reports_a_bad_schema_with_its_line(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus.annotations_dir / "schema.yaml").write_text(
        "targets:\n  - key: Bad\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "--root", str(corpus.root), "validate")
    assert code == 1
    assert out.startswith("annotations/schema.yaml:2: targets: key 'Bad'")


def test_validate_reports_orphaned_claims(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    save_sample(corpus)
    seed = corpus.article_path(SEED_RT)
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("This is just a formal procedure", "Blah"),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--root", str(corpus.root), "validate")
    assert code == 1
    assert "not found in the changed article; kept as orphaned" in out


def test_add_copies_files_under_safe_ids(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "My Story (draft).txt"
    source.write_bytes("Title\r\n\r\nBody “text”.\r\n".encode())
    code, out, err = run(capsys, "--root", str(corpus.root), "add", str(source))
    assert (code, out) == (0, "my-story-draft\n")
    assert (corpus.seeds_dir / "my-story-draft.txt").read_bytes() == source.read_bytes()
    assert "added as my-story-draft" in err
    assert (
        run(capsys, "--root", str(corpus.root), "add", str(source))[1] == "my-story-draft\n"
    )  # same text
    other = tmp_path / "my story draft.txt"
    other.write_text("Other\n", encoding="utf-8")
    assert run(capsys, "--root", str(corpus.root), "add", str(other))[1] == "my-story-draft-2\n"


def test_add_writes_nothing_when_any_file_is_bad(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("Fine\n", encoding="utf-8")
    bad.write_bytes(b"\xff\xfe broken")
    before = sorted(p.name for p in corpus.seeds_dir.iterdir())
    code, out, err = run(capsys, "--root", str(corpus.root), "add", str(good), str(bad))
    assert (code, out) == (2, "")
    assert err.startswith(f"{bad}:1: not valid UTF-8")
    assert sorted(p.name for p in corpus.seeds_dir.iterdir()) == before


def test_no_seeds_folder_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--root", str(tmp_path), "list")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "no 'seeds/' folder" in err and "--root DIR" in err


def test_annotate_checks_the_article_before_starting_the_ui(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "--root", str(corpus.root), "--reviewer", "alice", "annotate", "nope"
    )
    assert (code, out) == (2, "")
    assert "no article 'nope'" in err


def test_the_ui_is_started_with_the_corpus_reviewer_and_article(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.tui import app as tui_app

    started: list[tuple[Path, str, str | None]] = []

    def fake_run(self: tui_app.AnnotatorApp, **options: object) -> None:
        started.append((self.corpus.root, self.reviewer, self.article_id))

    monkeypatch.setattr(tui_app.AnnotatorApp, "run", fake_run)
    assert run(capsys, "--root", str(corpus.root), "--reviewer", "alice")[0] == 0
    assert (
        run(capsys, "--root", str(corpus.root), "--reviewer", "bob", "annotate", f"{SEED_RT}.txt")[
            0
        ]
        == 0
    )
    assert started == [(corpus.root, "alice", None), (corpus.root, "bob", SEED_RT)]


def test_unsafe_reviewer_is_refused_with_a_suggestion(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "--root", str(corpus.root), "--reviewer", "../Alice Smith", "show", SEED_RT
    )
    assert code == 2
    assert (
        "--reviewer: reviewer name '../Alice Smith' is not a safe name" in err
        and "'alice-smith'" in err
    )


def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["list", "--bogus"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unrecognized arguments: --bogus" in err


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["list"],
        ["show"],
        ["validate"],
        ["add"],
        ["annotate"],
        ["export"],
        ["import"],
        ["report"],
        ["agreement"],
        ["diff"],
    ],
)
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([*command, "--help"])
    assert caught.value.code == 0
    assert "usage: annotator" in capsys.readouterr().out


def test_the_installed_command_runs_without_traceback(corpus: Corpus) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--root", str(corpus.root), "show", "missing"],
        capture_output=True,
        text=True,
        env={"ANNOTATOR_REVIEWER": "alice", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_parser_lists_all_commands() -> None:
    help_text = build_parser().format_help()
    for command in ("list", "show", "validate", "add", "annotate"):
        assert command in help_text


def test_saved_file_is_what_serialize_gives(corpus: Corpus) -> None:
    save_sample(corpus)
    article = corpus.load_article(SEED_RT)
    loaded = corpus.load_tags(article, "alice")
    assert corpus.tag_path(SEED_RT, "alice").read_bytes() == serialize(loaded.tags)


def _narrow_output_is_whole(out: str, headers: list[str], width: int = 80) -> None:
    lines = out.splitlines()
    assert lines and all(len(line) <= width for line in lines)
    assert "…" not in out.replace("with th…", "")  # only a long title is clipped, on purpose
    flat = " ".join(" ".join(line.strip(" │┃") for line in lines).split())
    for header in headers:
        assert header in flat, header


@pytest.mark.parametrize("width", [80, 200])
def test_list_is_readable_at_80_columns_with_long_ids_and_names(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    long_id = "breitbart_2016-03-11_activists-brick-up-entrance-to-migrants-polling-station"
    (corpus.seeds_dir / f"{long_id}.txt").write_text("A title\n\nA paragraph said so.\n")
    corpus.save_tags(sample_tags(corpus.load_article(SEED_RT), "a-reviewer-with-a-long-name"), None)
    code, out, _ = run(capsys, "--root", str(corpus.root), "list")
    assert code == 0
    _narrow_output_is_whole(out, ["title", "reviewer: claims, progress", long_id], width)
    assert "a-reviewer-with-a-long-name: 2, 0/57" in out


def test_agreement_tables_are_readable_at_80_columns(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    article = corpus.load_article(SEED_RT)
    types = [c.key for c in corpus.schema.claim_types]
    for reviewer in ("first-reviewer-name", "second-reviewer-name"):
        tags = sample_tags(article, reviewer)
        for number, claim_type in enumerate(types, start=20):
            tags = tag_span(tags, article, number, article.paragraph(number).text[:12], claim_type)
        corpus.save_tags(tags, None)
    code, out, _ = run(capsys, "--root", str(corpus.root), "agreement")
    assert code == 0
    _narrow_output_is_whole(
        out, ["exact F1", "κ type", "κ stance", *types, "first-reviewer-name", "1.00"]
    )


def test_quitting_does_not_wait_for_a_busy_worker_thread() -> None:
    """A worker stuck in a slow read must not keep the terminal after the app has saved and
    closed: the process leaves at once, with its exit code and its last message flushed."""
    script = (
        "import threading, time, sys\n"
        "from annotator.cli.ui import WORKER_PREFIX, _exit_without_waiting_for_workers\n"
        "threading.Thread(target=time.sleep, args=(60,), name=WORKER_PREFIX + '_0').start()\n"
        "print('saved', file=sys.stderr, end='')\n"
        "_exit_without_waiting_for_workers(0)\n"
        "sys.exit(3)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=30,  # the thread sleeps 60 s
    )
    assert (done.returncode, done.stderr) == (0, "saved")


@pytest.mark.parametrize(
    ("argv", "loaded"),
    [
        (["--version"], set()),
        (["--help"], set()),
        (["list", "--help"], {"listing"}),
        (["--reviewer", "bob", "sync", "--help"], {"sync"}),
        (["--rev", "bob", "diff", "--help"], {"diff"}),  # an abbreviated option: parsed in full
    ],
)
def test_a_command_loads_only_its_own_module(argv: list[str], loaded: set[str]) -> None:
    code = (
        "import sys\n"
        "from annotator.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "from annotator.cli.common import COMMAND_MODULES\n"
        "print(' '.join(m for m in COMMAND_MODULES if 'annotator.cli.' + m in sys.modules))\n"
        "print('yaml' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    modules, yaml_loaded = result.stdout.rstrip("\n").split("\n")[-2:]
    if "--rev" in argv:
        assert "diff" in modules.split()  # every command was loaded to parse it right
    else:
        assert set(modules.split()) == loaded
    if not loaded:
        assert yaml_loaded == "False"
