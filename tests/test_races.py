"""Two processes saving one tag file at the same moment: no save is lost, the loser is told."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from annotator.editing import set_status
from annotator.errors import ConflictError
from annotator.session import EditSession
from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT

ROUNDS = 50


def _save_after_barrier(root: str, paragraph: int, barrier: object, results: object) -> None:
    corpus = Corpus.open(Path(root))
    article = corpus.load_article(SEED_RT)
    session = EditSession.open(corpus, article, corpus.load_tags(article, "alice"))
    session.apply(set_status(session.tags, article, paragraph, "done"), "mark")
    barrier.wait()  # type: ignore[attr-defined]
    try:
        session.save()
        results.put((paragraph, "saved"))  # type: ignore[attr-defined]
    except ConflictError:
        results.put((paragraph, "conflict"))  # type: ignore[attr-defined]


def test_of_two_simultaneous_saves_one_wins_and_the_other_gets_the_conflict(
    corpus: Corpus,
) -> None:
    context = multiprocessing.get_context("fork")
    article = corpus.load_article(SEED_RT)
    for round_number in range(ROUNDS):
        path = corpus.tag_path(SEED_RT, "alice")
        if path.exists():
            path.unlink()
        barrier = context.Barrier(2)
        results = context.Queue()
        workers = [
            context.Process(
                target=_save_after_barrier, args=(str(corpus.root), p, barrier, results)
            )
            for p in (2, 3)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(30)
            assert worker.exitcode == 0
        outcome = dict(results.get(timeout=5) for _ in workers)
        assert sorted(outcome.values()) == ["conflict", "saved"], (round_number, outcome)
        [winner] = [p for p, what in outcome.items() if what == "saved"]
        saved = corpus.load_tags(article, "alice").tags
        assert [r.paragraph for r in saved.reviews] == [winner]  # what was saved is on disk
