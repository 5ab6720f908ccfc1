"""Ingest use case: read files, skip what is already stored, analyse the rest, store each article atomically.

Articles are identified by ``source_key`` (the file's path relative to the folder ingested, or the JSONL id scoped
by its file and outlet; see ``pipeline.reader``) plus a content hash: the same content again is a no-op; changed
content under the same key becomes a new version (the old one is kept). A file read through another root (its
folder ingested once, the file alone later) is recognised by its absolute path and keeps its identity; rows stored
before identities were scoped (``legacy:`` keys) are adopted by the first ingest that reads their file again.

Each article is written in its own savepoint, inside a transaction that commits whole articles every fifth of a
second or whenever the next extraction is not ready (``_CommitBatches``; the store then waits, holding no lock, for a
burst of extractions), so a crash or a kill leaves whole articles only, and a re-run picks up where it stopped; two ingests of the same file at once store it once. Clustering runs afterwards over whatever is
still unclustered, so it also completes an interrupted run.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import Any, cast

from workbench.models import Article
from workbench.pipeline.analyze import EXTRACTOR_VERSION, Analysis, analysis_parts, analyze_text, is_windowed
from workbench.pipeline.cluster_claims import prepared_claims
from workbench.pipeline.html import is_web_address, mapped_outlet
from workbench.pipeline.reader import (
    ArticleInput,
    Problem,
    Severity,
    discover,
    file_size,
    is_jsonl,
    printable_path,
    read_inputs,
)
from workbench.services.checkworthiness import assess_stored
from workbench.services.clustering import cluster_pending
from workbench.services.fetch import FetchSettings, WebAddress, read_web
from workbench.services.reanchor import reanchor
from workbench.services.review import ReviewError
from workbench.store import files as ingested_files
from workbench.store import pages, search
from workbench.store.repository import ItemRows, Store, Stored, StoredVersion, item_rows

# Below this many articles a process pool costs more to start than it saves.
PARALLEL_THRESHOLD = 24
# From this many input bytes on (some 250 articles), an ingest into an empty database builds the indexes whose
# pages every commit would rewrite at the end instead (``Store.indexes_built_after``).
BULK_LOAD_BYTES = 1 << 20


@dataclass
class IngestReport:
    ingested: int = 0
    unchanged: int = 0
    new_versions: int = 0
    metadata_updated: int = 0
    rejected: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    clustered: dict[str, int] = field(default_factory=dict)
    assessed: int = 0  # claims stored before check-worthiness existed, assessed by this run
    claims: int = 0  # claims and quotes stored by this run
    quotes: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.rejected

    def counts(self) -> str:
        """What the run added, for the line after the summary: a user sees at once whether it did anything."""
        clustered = self.clustered
        return (
            f"{self.ingested + self.new_versions:,} articles, {self.claims:,} claims, {self.quotes:,} quotes, "
            f"{clustered.get('clusters', 0):,} clusters, {clustered.get('conflicts', 0):,} conflicts, "
            f"{clustered.get('stories', 0):,} stories ({clustered.get('shared_stories', 0):,} of several articles), "
            f"{len(self.rejected):,} rejected in {self.seconds:.1f} s"
        )

    def summary(self) -> str:
        parts = [
            f"{self.ingested} ingested",
            f"{self.unchanged} unchanged",
            f"{self.new_versions} new versions",
            f"{len(self.rejected)} rejected",
        ]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        if self.warnings:
            parts.append(f"{len(self.warnings)} warnings")
        if self.metadata_updated:
            parts.append(f"{self.metadata_updated} metadata updated")
        if self.assessed:
            parts.append(f"{self.assessed} older claims assessed for check-worthiness")
        return ", ".join(parts)


class IngestProgress:
    """What the ingest tells its caller as it goes; the CLI draws a rich progress bar from it."""

    def start(self, total_bytes: int) -> None: ...

    def advance(self, done_bytes: int, label: str) -> None: ...

    def problem(self, problem: Problem) -> None: ...

    def phase(self, name: str) -> None:
        """A new step begins: "extracting", then "check-worthiness", "stories", "clustering quotes" and "clustering
        claims" as far as there is work for them."""

    def fetching(self, done: int, total: int, address: str) -> None: ...


def ingest_paths(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    progress: IngestProgress | None = None,
    workers: int | None = None,
    on_new_version: Callable[[Store, int, int], None] | None = None,
    urls: Iterable[WebAddress | Problem] = (),
    fetch: FetchSettings | None = None,
    outlets: Mapping[str, str] | None = None,
    reviewer: str | None = None,
) -> IngestReport:
    """Ingest files, folders and web addresses (in ``paths`` or ``urls``) into ``store``; problems are reported per
    input and never stop the batch. ``outlets`` maps a web page's host to its outlet name.

    A new version of an article and the re-anchoring of its reviews (``on_new_version``, by default ``reanchor``
    recording its moves as ``reviewer``) are one transaction: a kill in between must not leave reviews on the
    superseded items that the next run, seeing the text unchanged, would never move.
    """
    progress = progress or IngestProgress()
    report = IngestReport()
    started = time.perf_counter()
    carry_over = on_new_version or partial(reanchor, reviewer=reviewer)
    paths, urls = list(paths), list(urls)
    web = [WebAddress(str(p), str(p)) for p in paths if isinstance(p, str) and is_web_address(p)]
    found = discover([p for p in paths if not (isinstance(p, str) and is_web_address(p))])
    for problem in [*found.problems, *(u for u in urls if isinstance(u, Problem))]:
        _record(report, progress, problem)
    web += [u for u in urls if isinstance(u, WebAddress)]
    files, fingerprints = _unknown_files(store, found.files, encoding, report, progress)
    total = sum(file_size(p) for p in files)
    progress.phase("extracting")
    progress.start(total)

    per_file: Counter[str] = Counter()
    read_problems: set[Problem] = set()
    items = _counted(read_inputs(files, encoding, roots=found.roots), per_file, read_problems)
    if web:
        fetched = read_web(web, fetch, encoding, progress.fetching)
        items = chain(items, ((item, total) for item in fetched))
    pending = _new_articles(
        store, _with_outlets(items, outlets or {}), report, progress, partial(_finish_carry_over, carry_over)
    )
    batches = _CommitBatches(store)
    with store.savepoints_in_memory(), store.indexes_built_after(bulk=total >= BULK_LOAD_BYTES):
        analysed = _analysed(pending, workers, batches.commit, batches.time_left)
        _store_all(store, analysed, report, progress, carry_over, batches)
    if store.count_unassessed():
        progress.phase("check-worthiness")
        report.assessed = assess_stored(store)
    report.clustered = cluster_pending(store, progress.phase)
    _record_whole_files(store, fingerprints, per_file, read_problems, report)
    report.seconds = time.perf_counter() - started
    return report


def _unknown_files(
    store: Store, files: list[Path], encoding: str | None, report: IngestReport, progress: IngestProgress
) -> tuple[list[Path], dict[Path, str]]:
    """The files to read, and the fingerprints of their JSON Lines files; a JSON Lines file ingested whole before
    (same bytes, same encoding) is counted as unchanged without reading a line of it, and the warnings and skipped
    lines that reading it reported are reported again."""
    fingerprints = {path: _fingerprint(path, encoding) for path in files if is_jsonl(path)}
    known = ingested_files.known_files(store, [f for f in fingerprints.values() if f])
    unknown = []
    for path in files:
        whole = known.get(fingerprints.get(path) or "")
        if whole is None:
            unknown.append(path)
            continue
        report.unchanged += whole.articles
        for where, reason, severity in whole.problems:
            _record(report, progress, Problem(printable_path(path) + where, reason, cast(Severity, severity)))
    return unknown, {path: fingerprint for path, fingerprint in fingerprints.items() if fingerprint and path in unknown}


def _fingerprint(path: Path, encoding: str | None) -> str | None:
    try:
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None  # reading it reports the problem
    return f"{digest}:{encoding or ''}"


def _counted(
    items: Iterator[tuple[ArticleInput | Problem, int]], per_file: Counter[str], read_problems: set[Problem]
) -> Iterator[tuple[ArticleInput | Problem, int]]:
    """The items, counting the articles read from each file and collecting the problems the reader reported."""
    for item, done in items:
        if isinstance(item, Problem):
            read_problems.add(item)
        else:
            read_problems.update(item.warnings)
            if item.path is not None:
                per_file[item.path] += 1
        yield item, done


def _record_whole_files(
    store: Store,
    fingerprints: dict[Path, str],
    per_file: Counter[str],
    read_problems: set[Problem],
    report: IngestReport,
) -> None:
    """Remember the JSON Lines files of which every line went in, so that the next run skips them. Warnings and
    skipped lines the reader reported are remembered with the file (a skip says them again, as reading it would);
    a rejected line, or any problem met after reading (a failed extraction), has the file read again next time."""
    problems = [*report.rejected, *report.skipped, *report.warnings]
    for path, fingerprint in fingerprints.items():
        label = printable_path(path)
        found = [p for p in problems if p.label == label or p.label.startswith(label + " ")]
        if all(p in read_problems and p.severity != "error" for p in found):
            where = printable_path(os.path.abspath(path))  # what an ArticleInput's path says
            kept = [(p.label.removeprefix(label), p.reason, p.severity) for p in found]
            ingested_files.record_file(store, fingerprint, where, per_file[where], kept)


# What the store gets for one article: the whole analysis (from a worker), its windows one at a time (a text
# longer than any article, extracted here as it is stored), or the reason it could not be extracted.
Extraction = Analysis | ItemRows | Iterator[Analysis] | str


class ExtractionFailed(Exception):
    """An extractor bug met while an article was being stored window by window: that article is rolled back."""


class CarryOverFailed(Exception):
    """The reviews of the superseded version could not be carried over: the new version is rolled back with them."""


def _store_all(
    store: Store,
    analysed: Iterator[tuple[ArticleInput, Extraction, int]],
    report: IngestReport,
    progress: IngestProgress,
    on_new_version: Callable[[Store, int, int], object],
    batches: _CommitBatches | None = None,
) -> None:
    """Store each analysed article as it comes; a function of its own so that the last article's extraction is
    freed before clustering starts (with 200,000 claims it is most of the memory)."""
    batches = batches or _CommitBatches(store)
    try:
        _store_each(store, analysed, report, progress, on_new_version, batches)
    finally:
        batches.commit()  # whole articles only: an article cut short has been undone by its own savepoint


def _store_each(
    store: Store,
    analysed: Iterator[tuple[ArticleInput, Extraction, int]],
    report: IngestReport,
    progress: IngestProgress,
    on_new_version: Callable[[Store, int, int], object],
    batches: _CommitBatches,
) -> None:
    for article, analysis, done in analysed:
        batches.begin()
        if isinstance(analysis, str):
            _record(report, progress, Problem(article.label, analysis))
            progress.advance(done, article.label)
            continue
        stored_items = [0, 0]
        try:
            stored = _store_version(store, article, analysis, on_new_version, stored_items)
        except ExtractionFailed as exc:
            _record(report, progress, Problem(article.label, str(exc)))
            progress.advance(done, article.label)
            continue
        except CarryOverFailed as exc:
            _record(
                report,
                progress,
                Problem(
                    article.label,
                    f"its reviews could not be carried over to the new version ({exc}); the new version was not stored",
                ),
            )
            progress.advance(done, article.label)
            continue
        if not stored.created:  # another ingest stored the same text meanwhile
            report.unchanged += 1
            progress.advance(done, article.label)
            continue
        report.claims += stored_items[0]
        report.quotes += stored_items[1]
        if stored.previous_id is None:
            report.article_ids.append(stored.id)
            report.ingested += 1
        else:
            report.article_ids.append(stored.id)
            report.new_versions += 1
        progress.advance(done, article.label)
        batches.commit_if_due()


# How long a batch of stored articles may hold the write lock before it is committed; also how long the store waits,
# holding no lock, for a burst of extractions to be ready (see ``_analysed_in_pool``).
BATCH_SECONDS = 0.2
# A burst: this many extractions per worker, in input order, ready before the store takes the lock again.
BURST_PER_WORKER = 4


class _CommitBatches:
    """Consecutive articles stored in one transaction, committed after ``BATCH_SECONDS``, or when the next article
    is not extracted by then: a commit (and a savepoint) per article was a sixth of the storing process's time, and
    every commit writes each page it changed to the WAL again. The write lock is never held longer than
    ``BATCH_SECONDS`` (a reviewer's write waits on it): the store waits for a worker's next article holding it only
    while the batch is younger than that (``time_left``), and otherwise commits first. Committing as soon as the
    next article was not ready committed every 1.9 articles on a loaded machine, and wrote the WAL twice as often as
    batches of 16. Each article still goes in whole or not at all (its own savepoint), and a kill -9 loses at most
    the open batch, which a re-run stores again. The batch's items are indexed for search once, just before its
    commit (see ``Store.store_article_parts``)."""

    def __init__(self, store: Store):
        self._store = store
        self._open: Any = None
        self._since = 0.0

    def begin(self) -> None:
        if self._open is None:
            self._open = self._store.transaction()
            self._open.__enter__()
            self._since = time.monotonic()

    def time_left(self) -> float:
        """How long the open batch may still wait for its next article before it must be committed (0: none open)."""
        if self._open is None:
            return 0.0
        return max(0.0, BATCH_SECONDS - (time.monotonic() - self._since))

    def commit_if_due(self) -> None:
        if self._open is not None and time.monotonic() - self._since >= BATCH_SECONDS:
            self.commit()

    def commit(self) -> None:
        """Index the batch's items for search and commit it, if one is open; one that a database error has already
        ended is left as it is."""
        if self._open is not None:
            opened, self._open = self._open, None
            if self._store.db.conn.in_transaction:
                try:
                    search.sync(self._store.db)
                except BaseException as exc:
                    opened.__exit__(type(exc), exc, exc.__traceback__)  # rolled back: a re-run stores the batch
                    raise
                opened.__exit__(None, None, None)


def _store_version(
    store: Store,
    article: ArticleInput,
    analysis: Analysis | ItemRows | Iterator[Analysis],
    carry_over: Callable[[Store, int, int], object],
    stored_items: list[int],
) -> Stored:
    """The article version, the web page it came from and its reviews carried over from the version it
    supersedes: all of them are stored, or none. ``stored_items`` counts the claims and quotes stored."""
    parts = [analysis] if isinstance(analysis, Analysis | ItemRows) else analysis

    def counted(part: Analysis | ItemRows) -> ItemRows:
        rows = part if isinstance(part, ItemRows) else _rows(part)
        stored_items[0] += len(rows.claims)
        stored_items[1] += len(rows.quotes)
        return rows

    with store.transaction():
        stored = store.store_article_parts(_to_model(article), (counted(p) for p in parts), index_now=False)
        if stored.created and article.page is not None:
            pages.add_page(store, stored.id, asdict(article.page))
        if stored.created and stored.previous_id is not None:
            try:
                carry_over(store, stored.previous_id, stored.id)
            except (ReviewError, ValueError) as exc:  # only re-anchoring's refusals; a store bug stays a bug
                raise CarryOverFailed(str(exc)) from exc
    return stored


def _with_outlets(
    items: Iterator[tuple[ArticleInput | Problem, int]], outlets: Mapping[str, str]
) -> Iterator[tuple[ArticleInput | Problem, int]]:
    """A web page's outlet as the config maps its host, unless a manifest named the outlet."""
    for item, done in items:
        page = item.page if isinstance(item, ArticleInput) else None
        if page is not None and item.outlet == (page.outlet or "unknown"):  # type: ignore[union-attr]
            item.outlet = mapped_outlet(page.host, outlets) or item.outlet  # type: ignore[union-attr]
        yield item, done


def _finish_carry_over(carry_over: Callable[[Store, int, int], object], store: Store, stored: StoredVersion) -> None:
    """A current version whose predecessor still holds reviews that were neither moved nor flagged orphaned (an
    older workbench committed the version first and could be killed before re-anchoring): finish the job."""
    if stored.version > 1 and (previous := store.unanchored_predecessor(stored.id)) is not None:
        with store.transaction():
            carry_over(store, previous, stored.id)


def _new_articles(
    store: Store,
    items: Iterator[tuple[ArticleInput | Problem, int]],
    report: IngestReport,
    progress: IngestProgress,
    finish: Callable[[Store, StoredVersion], None],
) -> Iterator[tuple[ArticleInput, int]]:
    """Articles whose content is not stored yet; everything else is counted and reported here."""
    seen_in_batch: set[tuple[str, str]] = set()
    for item, done in items:
        if isinstance(item, Problem):
            _record(report, progress, item)
            progress.advance(done, item.label)
            continue
        for warning in item.warnings:
            _record(report, progress, warning)
        key = (item.source_key, item.content_hash)
        stored = store.find_version(*key)
        if stored is None and key not in seen_in_batch:  # new, changed, or stored under another identity
            current = _resolve_identity(store, item, report, progress)
            key = (item.source_key, item.content_hash)
            stored = store.find_version(*key) if current is not None else None
            if stored is None and current is not None and item.source_key.startswith("file:"):
                _warn_if_another_file(current, item, report, progress)
        if stored is not None and not stored.current and key not in seen_in_batch:
            current = store.current_version(item.source_key)
            if current is not None:
                _record(
                    report,
                    progress,
                    Problem(
                        item.label,
                        f"this text is version {stored.version} of {item.source!r}, but version "
                        f"{current.version} is current; going back to an earlier text is not supported, so nothing "
                        "was changed (edit the text, or ingest it under another name)",
                    ),
                )
                progress.advance(done, item.label)
                continue
        if stored is not None or key in seen_in_batch:
            report.unchanged += 1
            if stored is not None and store.update_article_metadata(stored.id, item.metadata()):
                report.metadata_updated += 1
            if stored is not None and stored.current:
                finish(store, stored)
            progress.advance(done, item.label)
            continue
        seen_in_batch.add(key)
        yield item, done


def _resolve_identity(
    store: Store, item: ArticleInput, report: IngestReport, progress: IngestProgress
) -> StoredVersion | None:
    """Settle ``item.source_key`` for a text not stored under it: the same file read through another root keeps
    the identity it has, and so does the same JSONL record (id, outlet and text) read from another file; a legacy
    row of the same file (or JSONL id, file and outlet) is adopted. Returns the current version under the settled
    key, if any."""
    current = store.current_version(item.source_key)
    if current is not None:
        return current
    if item.source_key.startswith("file:"):
        same_file = store.current_version_at(item.path)
        if same_file is not None:
            item.source_key, item.source = same_file.source_key, same_file.source
            return same_file
    else:  # the same record in another file (a slice, a later dump of the same feed) is not a second article
        twin = store.current_jsonl_twin(item.source, item.outlet, item.content_hash)
        if twin is not None:
            item.source_key = twin.source_key
            return twin
    if item.legacy_source is None:
        return None
    legacy = store.current_version(f"legacy:{item.legacy_source}")
    if legacy is None or not _same_origin(legacy, item):
        return None
    if not store.rename_source(legacy.source_key, item.source_key, item.source):
        return store.current_version(item.source_key)  # another ingest adopted it meanwhile
    if legacy.source != item.source:
        _record(
            report,
            progress,
            Problem(
                item.label,
                f"stored earlier as {item.legacy_source!r}; now named "
                f"{item.source!r} (versions, reviews and history kept)",
                "warning",
            ),
        )
    return store.current_version(item.source_key)


def _warn_if_another_file(
    current: StoredVersion, item: ArticleInput, report: IngestReport, progress: IngestProgress
) -> None:
    """A new version read from another file than the current one (two folders' ``x.txt`` each named alone) is
    what the user meant only sometimes: say so, with the way to keep both."""
    if current.path and current.path != item.path and os.path.exists(current.path):
        _record(
            report,
            progress,
            Problem(
                item.label,
                f"stored as a new version of {item.source!r}, which was read "
                f"from {current.path}; to keep both as separate articles, ingest the "
                "folder that holds them both",
                "warning",
            ),
        )


def _same_origin(legacy: StoredVersion, item: ArticleInput) -> bool:
    """Whether a row stored before identities were scoped is this item's: its current text, or (JSONL) the same
    file and outlet, or (a file) the same path as recorded then."""
    if legacy.content_hash == item.content_hash:
        return True
    if legacy.path is None:
        return False
    if item.source_key.startswith("jsonl:"):
        return os.path.basename(legacy.path) == os.path.basename(item.path) and legacy.outlet == item.outlet
    return os.path.abspath(legacy.path) == item.path


def safe_analyze(text: str, published: str | None, language: str) -> Analysis | str:
    """The analysis, or a one-line reason: a bug met by one article must not stop the batch or lose the others.
    Each claim's statement is read for clustering here too (``Analysis.prepared``), in the extraction workers."""
    try:
        analysis = analyze_text(text, published, language)
        analysis.prepared = prepared_claims(text, analysis.claims)
        return analysis
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - per article, the batch goes on; Rust panics are BaseExceptions
        return _failure(exc)


def _rows(analysis: Analysis) -> ItemRows:
    checkworthiness = [(a.label, a.score) for a in analysis.checkworthiness]
    return item_rows((analysis.sentences, analysis.claims, analysis.quotes, checkworthiness, analysis.prepared or None))


def rows_of_text(text: str, published: str | None, language: str) -> ItemRows | str:
    """``safe_analyze`` as the rows the store inserts: what an extraction worker sends back (see ``ItemRows``)."""
    analysis = safe_analyze(text, published, language)
    return analysis if isinstance(analysis, str) else _rows(analysis)


def _safe_parts(article: ArticleInput) -> Iterator[Analysis]:
    """The windows of a very long article, extracted one at a time; a bug becomes ``ExtractionFailed``."""
    try:
        for part in analysis_parts(article.text, article.published, article.language):
            part.prepared = prepared_claims(article.text, part.claims)  # the claims hold article offsets
            yield part
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - see safe_analyze
        raise ExtractionFailed(_failure(exc)) from exc


def _failure(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return (
        f"internal error while extracting ({type(exc).__name__}: {exc} at "
        f"{Path(where.filename).name}:{where.lineno}); the article was not stored, please report this"
    )


def _extraction(article: ArticleInput) -> Extraction:
    """In this process: the windows of a very long article lazily, any other article whole."""
    if is_windowed(article.text):
        return _safe_parts(article)
    return safe_analyze(article.text, article.published, article.language)


def available_cores() -> int:
    """The cores this process may run on (a container's or ``taskset``'s limit, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _analysed(
    articles: Iterator[tuple[ArticleInput, int]],
    workers: int | None,
    waiting: Callable[[], None] = lambda: None,
    patience: Callable[[], float] = lambda: 0.0,
) -> Iterator[tuple[ArticleInput, Extraction, int]]:
    """Analysis results in input order; a process pool keeps both cores busy on big batches. ``waiting`` is
    called before anything is extracted here, or waited for from a worker longer than ``patience()`` seconds."""
    workers = workers if workers is not None else available_cores()
    buffered: list[tuple[ArticleInput, int]] = []
    for entry in articles:
        buffered.append(entry)
        if len(buffered) >= PARALLEL_THRESHOLD and workers > 1:
            yield from _analysed_in_pool(buffered, articles, workers, waiting, patience)
            return
    for article, done in buffered:
        waiting()
        yield article, _extraction(article), done


def _analysed_in_pool(
    head: list[tuple[ArticleInput, int]],
    tail: Iterator[tuple[ArticleInput, int]],
    workers: int,
    waiting: Callable[[], None] = lambda: None,
    patience: Callable[[], float] = lambda: 0.0,
) -> Iterator[tuple[ArticleInput, Extraction, int]]:
    """Articles go to the workers; one longer than any article stays here, to be extracted window by window as
    it is stored (a worker would have to send all its claims back at once). The next article is waited for
    ``patience()`` seconds first, then ``waiting`` is called and a burst of articles waited for."""
    in_flight: deque[tuple[ArticleInput, int, Future[ItemRows | str] | None]] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:

        def submit(entry: tuple[ArticleInput, int]) -> None:
            article, done = entry
            future = (
                None
                if is_windowed(article.text)
                else pool.submit(rows_of_text, article.text, article.published, article.language)
            )
            in_flight.append((article, done, future))

        def ready() -> tuple[ArticleInput, Extraction, int]:
            article, done, future = in_flight.popleft()
            if future is not None and not future.done() and (seconds := patience()) > 0:
                wait([future], timeout=seconds)
            if future is None or not future.done():
                waiting()
                if future is not None:  # gather a burst, so that the store commits once for several articles
                    burst = [future, *(f for _, _, f in islice(in_flight, workers * BURST_PER_WORKER - 1) if f)]
                    wait(burst, timeout=BATCH_SECONDS)
            return article, _safe_parts(article) if future is None else future.result(), done

        for entry in head:
            submit(entry)
        for entry in tail:
            submit(entry)
            if len(in_flight) >= workers * 8:
                yield ready()
        while in_flight:
            yield ready()


def die_with_parent(poll_seconds: float = 0.5) -> None:
    """Run in each worker: when the ingest is killed outright (kill -9 gives it no chance to stop its pool), the
    worker is re-parented, notices, and exits instead of living on as an orphan."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_seconds)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def _to_model(article: ArticleInput) -> Article:
    return Article(
        source=article.source,
        source_key=article.source_key or None,
        content_hash=article.content_hash,
        text=article.text,
        outlet=article.outlet,
        published=article.published,
        title=article.title,
        url=article.url,
        language=article.language,
        path=article.path,
        author=article.author,
        extractor_version=EXTRACTOR_VERSION,
    )


def _record(report: IngestReport, progress: IngestProgress, problem: Problem) -> None:
    bucket = {"error": report.rejected, "skipped": report.skipped, "warning": report.warnings}[problem.severity]
    bucket.append(problem)
    progress.problem(problem)
