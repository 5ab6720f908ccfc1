"""One export file written by a second process while this one writes the others: a full corpus has two tables of
~225,000 rows each, and one Python process formats them one after the other on one core (about 4.5 CPU s each).

The second process is spawned, not forked: it opens its own read-only connection (SQLite must not share a
connection's state across a fork, and neither may psycopg), and it never sees this process's progress-bar thread.
It writes into a temporary file that ``AtomicFiles.reserve`` made, so the file appears only when the whole export
succeeds and is removed on any failure, Ctrl-C (which reaches both processes) or SIGTERM (this process stops the
second one before it removes the files). The second process reports its rows through a shared counter, so one
progress bar covers both, and it stops by itself when this process dies outright (kill -9).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Generic, TypeVar

from workbench.export.files import ExportProgress
from workbench.store import urls
from workbench.store.repository import Store

T = TypeVar("T")
# Below this many rows in the second process's file, spawning it (~0.3 CPU s of imports) costs more than it saves.
PARALLEL_MIN_ROWS = 20_000
_POLL_S = 0.05
_STOP_WAIT_S = 10


def worth_a_second_process(store: Store, rows: int) -> bool:
    """Whether the second process's file is big enough to pay for its start, and it can open the same database (a
    PostgreSQL URL, or a database file on disk)."""
    return rows >= PARALLEL_MIN_ROWS and (urls.is_url(str(store.path)) or Path(store.path).is_file())


class _CountedProgress(ExportProgress):
    """The second process's progress: rows added to a counter the first one reads. It is also where the second
    process notices that the first is gone (re-parented), every ``PROGRESS_EVERY`` rows."""

    def __init__(self, counter: Any, parent: int) -> None:
        self.counter, self.parent = counter, parent

    def advance(self, count: int) -> None:
        if os.getppid() != self.parent:
            raise SystemExit(1)
        self.counter.value += count


def _run(
    path: str, work: Callable[..., Any], args: tuple[Any, ...], counter: Any, parent: int, out: Connection
) -> None:
    try:
        with Store.open(path, readonly=True) as store:
            reply: tuple[bool, Any] = (True, work(store, _CountedProgress(counter, parent), *args))
    except BaseException as exc:  # noqa: BLE001  every failure goes back to the first process, which raises it
        reply = (False, exc)
    try:
        out.send(reply)
    except OSError:
        pass  # the first process is gone (killed outright): nobody is left to tell
    except Exception:  # noqa: BLE001  an exception that cannot be pickled goes back as its message
        out.send((False, ChildProcessError(f"{type(reply[1]).__name__}: {reply[1]}")))


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """A spawned process runs the starting program's main script again (as ``__mp_main__``) unless it was run
    with ``-m``; a script that calls an export without an ``if __name__ == "__main__"`` guard would then run
    again in the second process, export included. The work needs nothing from the main script, so while the
    process starts, the main module does not say where it came from."""
    names = vars(sys.modules["__main__"])
    saved: dict[str, Any] = {name: names[name] for name in ("__file__", "__spec__") if name in names}
    names.pop("__file__", None)
    names["__spec__"] = None
    try:
        yield
    finally:
        names.pop("__spec__")
        names.update(saved)


class SecondProcess(Generic[T]):
    """``work(store, progress, *args)`` run in a spawned process on its own read-only connection to ``store``'s
    database; ``result()`` waits for what it returns (or raises what it raised). Use as a context manager: leaving
    it early (an exception here) stops the process."""

    def __init__(self, store: Store, work: Callable[..., T], *args: Any) -> None:
        context = multiprocessing.get_context("spawn")
        # Lock-free: only the second process writes it. (A lock would be a semaphore that a kill -9 leaks.)
        self._counter: Any = context.RawValue("q", 0)
        self._seen = 0
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_run,
            args=(str(store.path), work, args, self._counter, os.getpid(), send),
            name="workbench-export",
            daemon=True,
        )
        with _main_module_hidden():
            self._process.start()
        send.close()

    def new_rows(self) -> int:
        """Rows the second process wrote since the last call."""
        done = self._counter.value
        new, self._seen = done - self._seen, done
        return new

    def result(self, progress: ExportProgress) -> T:
        """Wait for the second process, advancing ``progress`` by its rows; its exception is raised here."""
        while not self._receive.poll(_POLL_S):
            progress.advance(self.new_rows())
        try:
            ok, value = self._receive.recv()
        except EOFError:  # it ended without a word (killed, or it could not start): its end of the pipe closed
            self._process.join()
            raise ChildProcessError(
                f"the export's second process stopped (exit status {self._process.exitcode})"
            ) from None
        progress.advance(self.new_rows())
        self._process.join()
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(_STOP_WAIT_S)
        self._receive.close()

    def __enter__(self) -> SecondProcess[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Beside(ExportProgress):
    """The first process's progress while a second process writes too: one bar for both, the second process's rows
    added whenever the first reports its own."""

    def __init__(self, progress: ExportProgress, second: SecondProcess[Any]) -> None:
        self.progress, self.second = progress, second

    def start(self, label: str, total: int) -> None:
        """The bar was started once for both files."""

    def advance(self, count: int) -> None:
        self.progress.advance(count + self.second.new_rows())
