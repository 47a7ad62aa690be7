"""The one way the tool reads a file: regular files only, size-limited, never blocking.

A pipe, a device (``/dev/zero``) or a socket where an article or tag file is expected is refused
before anything is read, checked on the open descriptor (opened non-blocking, so a FIFO without a
writer cannot hang the tool); a file over the limit is refused without reading past it; inside a
corpus, a symbolic link to a file outside it is refused, so a link cannot make the tool read, or
an export write, elsewhere.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from annotator.errors import AnnotatorError

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def outside(path: Path, root: Path) -> bool:
    """Does ``path`` (its links followed) lead outside ``root``?"""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return True
    base = root.resolve()
    return target != base and base not in target.parents


def read_bounded(path: Path, what: str, limit: int, root: Path | None = None) -> bytes:
    """The bytes of ``path``, or one clear error naming it."""
    if root is not None and outside(path, root):
        raise AnnotatorError(
            f"the {what} is a link to somewhere outside the corpus; it is not read "
            "(copy the file in instead)",
            path,
        )
    try:
        descriptor = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise AnnotatorError(f"no such {what}", path) from None
    except IsADirectoryError:
        raise AnnotatorError(f"the {what} is a folder, not a file", path) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise AnnotatorError(f"the {what} is a symbolic link loop", path) from None
        raise AnnotatorError(f"cannot read the {what} ({error.strerror})", path) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise AnnotatorError(f"the {what} is a folder, not a file", path)
        if not stat.S_ISREG(info.st_mode):
            raise AnnotatorError(
                f"the {what} is not a regular file (a pipe, device or socket); it is not read",
                path,
            )
        if info.st_size > limit:
            raise _too_big(what, limit, path)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise AnnotatorError(f"cannot read the {what} ({error.strerror})", path) from None
    finally:
        os.close(descriptor)
    if size > limit:  # it grew while being read
        raise _too_big(what, limit, path)
    return b"".join(chunks)


def _too_big(what: str, limit: int, path: Path) -> AnnotatorError:
    size = f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit} bytes"
    return AnnotatorError(
        f"the {what} is over the {size} limit; it is not read "
        "(split it, or check that it is the right file)",
        path,
    )
