"""Per-article work over the cores: reading a corpus is CPU-bound (parsing YAML), and a cold
corpus of a thousand articles takes seconds on one core.

Workers are forked, so they inherit the corpus, the schema and any cache as they are: only the
article ids go to them and only the results come back. Results come back in order; a worker's
``AnnotatorError`` is raised here, at its place in the order, as if the work ran in this process.
Used by commands only: the terminal UI has threads, and forking a threaded process is unsafe.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from annotator.errors import AnnotatorError, InvalidFileError, Problem

Result = TypeVar("Result")

# Below this many items a second process costs more than it saves.
PARALLEL_FROM = 200
MAX_WORKERS = 8

_TASK: Callable[[str], Any] | None = None


def _worker_count() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


def can_fork(items: int) -> bool:
    return (
        items >= PARALLEL_FROM
        and _worker_count() > 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def map_articles(function: Callable[[str], Result], ids: Sequence[str]) -> Iterator[Result]:
    """``function(id)`` for each id, in order: over the cores when there are enough ids."""
    if not can_fork(len(ids)):
        yield from map(function, ids)
        return
    global _TASK
    _TASK = function
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(_worker_count()) as pool:
            for outcome in pool.imap(_run, ids, chunksize=8):
                yield _unwrap(outcome)
    finally:
        _TASK = None


def _run(article_id: str) -> tuple[str, Any]:
    assert _TASK is not None, "set before the pool forks"
    try:
        return "ok", _TASK(article_id)
    except InvalidFileError as error:  # exceptions with their own arguments do not pickle
        return "invalid", [_problem(p) for p in error.problems]
    except AnnotatorError as error:
        return "error", (_problem(error.problem), error.exit_code)


def _problem(problem: Problem) -> tuple[str | None, str, int | None]:
    return (None if problem.path is None else str(problem.path), problem.message, problem.line)


def _unproblem(raw: tuple[str | None, str, int | None]) -> Problem:
    path, message, line = raw
    return Problem(None if path is None else Path(path), message, line)


def _unwrap(outcome: tuple[str, Any]) -> Any:
    kind, value = outcome
    if kind == "invalid":
        raise InvalidFileError([_unproblem(p) for p in value])
    if kind == "error":
        raw, exit_code = value
        problem = _unproblem(raw)
        error = AnnotatorError(problem.message, problem.path, problem.line)
        error.exit_code = exit_code
        raise error
    return value
