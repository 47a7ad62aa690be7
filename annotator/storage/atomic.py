"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.errors import AnnotatorError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents), flushing each new entry to disk (POSIX: a new folder
    is durable only once its parent is flushed)."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        _fsync_directory(new.parent)


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``folder``, across processes, for a compare-and-replace:
    whoever holds it compares the file on disk and renames the new one over it with nobody
    writing in between. Nothing is created: the lock is on the folder itself (flock), and it is
    released when the holder exits, even by kill -9."""
    make_folder(folder)
    if fcntl is None:  # not POSIX: no cross-process lock to take
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or pieces of it as they are made) to ``path`` via a temp file in
    the same folder, fsync, then rename; a write that fails (full disk, read-only folder) leaves
    the old file and says so in one line."""
    try:
        _atomic_write(path, [data] if isinstance(data, bytes) else data)
    except OSError as error:
        reason = error.strerror or str(error)
        raise AnnotatorError(
            f"cannot write the file ({reason}); it was left as it was: free some space or "
            "choose a folder you can write to",
            path,
        ) from None


STALE_SECONDS = 3600  # a temp file this old was left by a killed writer, not one at work


def _remove_stale_temps(path: Path) -> None:
    """Temp files of ``path`` left by a writer killed mid-save (kill -9): never a complete
    file anyone relies on, but clutter in ``git status``."""
    import time

    limit = time.time() - STALE_SECONDS
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < limit:
                temp.unlink()


def _atomic_write(path: Path, pieces: Iterable[bytes]) -> None:
    make_folder(path.parent)
    _remove_stale_temps(path)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o666 & ~_current_umask()
    descriptor, temp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            for piece in pieces:
                stream.write(piece)
            stream.flush()
            os.fsync(stream.fileno())
        temp = Path(temp_name)
        temp.chmod(mode)
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temp_name).unlink()
        raise
    _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    # The rename is durable only once the folder itself is flushed (POSIX); not possible everywhere.
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
