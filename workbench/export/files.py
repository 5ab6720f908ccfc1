"""Where exports go and how they get there: timestamped names, and files that appear whole or not at all.

A reader (a spreadsheet, the scorer, a cron job copying ``exports/``) must never see half a file, so every file is
written to a temporary name in the same folder and renamed over the target with ``os.replace`` only after the last
byte is written. An exception, Ctrl-C (KeyboardInterrupt) or SIGTERM (the CLI turns it into SystemExit) removes the
temporary files and leaves targets as they were, even when the disk is full. Several files written as one batch
(the three JSONL files) are renamed together at the end.

Only kill -9 (or a power cut) can leave a temporary file behind. Its name carries the writer's process id
(``.claims-….csv.<pid>.<random>.tmp``), so the next export into that folder removes the ones whose writer is gone,
and never one that a running export is still writing.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any, TypeVar

DEFAULT_EXPORT_DIR = Path("exports")
T = TypeVar("T")


def timestamp(now: datetime | None = None) -> str:
    """Sortable, file-name safe on every OS (no colons), local time because people read it."""
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


def timestamped_path(directory: Path, stem: str, suffix: str, stamp: str | None = None) -> Path:
    """``directory/stem-<timestamp>suffix``; a second export within the same second gets ``-2``, not an overwrite."""
    stamp = stamp or timestamp()
    candidate = directory / f"{stem}-{stamp}{suffix}"
    counter = 2
    while candidate.exists():
        candidate = directory / f"{stem}-{stamp}-{counter}{suffix}"
        counter += 1
    return candidate


_TEMPORARY = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]+\.tmp$")


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Delete the temporary files in ``directory`` that an export killed outright left behind (its process is
    gone); returns them. Files of a running export, and files not named like ours, are left alone."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match and entry.is_file(follow_symlinks=False) and not _process_alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or we cannot tell: leave its file alone
    return True


def current_umask() -> int:
    """The process umask. Linux reports it in /proc; elsewhere reading it means setting it, so it is set straight
    back (exports run on one thread)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class AtomicFiles:
    """Open several files for writing; on a clean exit all appear at once, on any exception none changes.

    Text files are opened with ``newline=""`` so the csv module controls line endings, and JSONL gets plain LF.
    """

    def __init__(self) -> None:
        self._pending: list[tuple[IO[Any] | None, Path, Path]] = []
        self._swept: set[Path] = set()

    def open(self, path: Path, *, encoding: str = "utf-8") -> IO[str]:
        handle: IO[str] = self._open(path, "w", encoding)
        return handle

    def open_binary(self, path: Path) -> IO[bytes]:
        """For writers that encode themselves (JSON serialized straight to UTF-8 bytes): no decode and re-encode."""
        handle: IO[bytes] = self._open(path, "wb", None)
        return handle

    def reserve(self, path: Path) -> Path:
        """A temporary file for ``path`` that another process fills (``open_temporary``) and flushes to disk itself;
        it is renamed or removed with the others."""
        fd, temp = self._temporary(path)
        os.close(fd)
        self._pending.append((None, temp, path))
        return temp

    def _open(self, path: Path, mode: str, encoding: str | None) -> IO[Any]:
        fd, temp = self._temporary(path)
        try:
            handle = os.fdopen(fd, mode, encoding=encoding, newline=None if encoding is None else "")
        except BaseException:
            os.close(fd)
            temp.unlink()
            raise
        self._pending.append((handle, temp, path))
        return handle

    def _temporary(self, path: Path) -> tuple[int, Path]:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.parent not in self._swept:
            self._swept.add(path.parent)
            remove_stale_temporaries(path.parent)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
        try:
            # mkstemp creates 0600 (private while half-written); the finished export is an ordinary file.
            os.chmod(temp, 0o666 & ~current_umask())
        except BaseException:
            os.close(fd)
            os.unlink(temp)
            raise
        return fd, Path(temp)

    def __enter__(self) -> AtomicFiles:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self._commit()
        else:
            self._discard()

    def _commit(self) -> None:
        try:
            for handle, _, _ in self._pending:
                if handle is not None:
                    handle.flush()
                    os.fsync(handle.fileno())
                    handle.close()
            for _, temp, target in self._pending:
                os.replace(temp, target)
        except BaseException:
            self._discard()
            raise
        self._pending.clear()

    def _discard(self) -> None:
        for handle, temp, _ in self._pending:
            # Closing flushes, and on a full disk the flush fails again: the file must go regardless.
            with contextlib.suppress(OSError):
                if handle is not None:
                    handle.close()
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        self._pending.clear()


@contextlib.contextmanager
def open_temporary(temp: Path, *, binary: bool = False, encoding: str = "utf-8") -> Iterator[IO[Any]]:
    """A reserved temporary file (``AtomicFiles.reserve``) opened by the process that fills it, as ``AtomicFiles``
    opens its own, and on disk when the block ends (the reserving process renames it later without a handle)."""
    with open(temp, "wb") if binary else open(temp, "w", encoding=encoding, newline="") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextlib.contextmanager
def atomic_write(path: Path, *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """One file written atomically (see ``AtomicFiles``)."""
    with AtomicFiles() as files:
        yield files.open(path, encoding=encoding)


class ExportProgress:
    """What an export tells its caller as it goes; the CLI draws a rich bar on stderr from it, tests ignore it."""

    def start(self, label: str, total: int) -> None: ...

    def advance(self, count: int) -> None: ...


# Progress is reported in batches: a callback per row would cost more than writing the row.
PROGRESS_EVERY = 2000


def tracked(rows: Iterable[T], progress: ExportProgress | None, label: str, total: int) -> Iterator[T]:
    """``rows`` unchanged, telling ``progress`` how far the export has got."""
    progress = progress or ExportProgress()
    progress.start(label, total)
    done = 0
    for done, row in enumerate(rows, 1):
        yield row
        if done % PROGRESS_EVERY == 0:
            progress.advance(PROGRESS_EVERY)
    progress.advance(done % PROGRESS_EVERY)
