"""Re-extraction: run the current extractor again on stored articles, keeping every review, note and correction.

The article text does not change, so each old item is matched to the new extraction with the re-anchoring of
``workbench.services.reanchor`` (same figure as the extractor read it, same words, same surroundings) and the
matched row is rewritten *in place*: its id, and so its verdict, sources, notes, corrections and history, stay where
they are. A field a reviewer corrected keeps the reviewer's value; the correction records what the new extractor
says, so a fix the new extractor now makes by itself is kept, not doubled. An item the new extractor no longer
finds is hidden (``not_extracted``), never deleted: if anything was recorded on it, its review is flagged orphaned
for a person to re-attach or discard. An item a reviewer added stays; if the new extractor finds it too, it is not
added a second time. A reviewer's dismissal stays in force.

Each article is redone in one transaction that also records it in the run's log, so a killed run (kill -9
included) leaves whole articles only and the next run with the same selection resumes after the last one; the
report is the sum of the logged articles, so it matches the database. ``dry_run`` does the same work in
transactions that are rolled back, and scores old and new extraction against the reviewers' corrections.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workbench.pipeline.analyze import EXTRACTOR_VERSION, Analysis, analyze_text
from workbench.services.clustering import cluster_pending
from workbench.services.evaluation import GoldSet, Tally, differs, gold_set, score
from workbench.services.reanchor import anchors, match_anchors
from workbench.services.review import ItemRef, ReviewService
from workbench.store.corrections import ADDED, NOT_EXTRACTED, CorrectionStore, from_column
from workbench.store.reextract import EXTRACTED_COLUMNS, ReextractStore
from workbench.store.repository import Store

Analyzer = Callable[[str, "str | None", str], Analysis]
COUNTS = (
    "items_added",
    "items_removed",
    "items_changed",
    "items_unchanged",
    "reviews_kept",
    "reviews_orphaned",
    "reviews_recovered",
    "corrections_kept",
    "corrections_now_extracted",
    "dismissals_confirmed",
    "additions_found",
)
# What decides an item's cluster: when re-extraction changes one of these, the item is clustered again (unless a
# reviewer placed it, or other items are filed under it).
CLUSTER_INPUTS = {
    "claim": ("kind", "value", "value_high", "unit", "hedge", "role", "target", "sentence_start", "sentence_end"),
    "quote": ("text", "speaker"),
}
TEXT_COLUMN = {"claim": "mention", "quote": "text"}


class ReextractError(Exception):
    """The request itself cannot be run (e.g. an unknown selection)."""


class _DryRun(Exception):
    """Raised inside an article's transaction to roll it back after counting."""


@dataclass
class ReextractReport:
    selection: dict[str, Any]
    version: int
    dry_run: bool = False
    run_id: int | None = None
    resumed: int = 0  # articles a killed run had finished already
    articles: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    failed: list[str] = field(default_factory=list)
    clustered: dict[str, int] = field(default_factory=dict)
    before: Tally | None = None  # dry run: the stored extraction against the reviewers' corrections
    after: Tally | None = None  # dry run: the new extraction against them

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        c = self.counts
        verb = "would re-extract" if self.dry_run else "re-extracted"
        return (
            f"{verb} {self.articles} articles with extractor version {self.version}"
            + (f" (resumed; {self.resumed} were done before)" if self.resumed else "")
            + f": items {c['items_added']} added, {c['items_removed']} removed, {c['items_changed']} changed, "
            f"{c['items_unchanged']} unchanged; reviews {c['reviews_kept']} kept on their items, "
            f"{c['reviews_orphaned']} orphaned, {c['reviews_recovered']} recovered; corrections "
            f"{c['corrections_kept']} kept ({c['corrections_now_extracted']} now extracted right), "
            f"{c['dismissals_confirmed']} dismissals confirmed, {c['additions_found']} additions now found"
        )


class ReextractProgress:
    """What a run tells its caller as it goes; the CLI draws a progress bar from it."""

    def start(self, total: int) -> None: ...

    def advance(self, label: str) -> None: ...

    def problem(self, message: str) -> None: ...


def parse_selection(all_articles: bool = False, since_version: int | None = None) -> dict[str, Any]:
    if all_articles and since_version is not None:
        raise ReextractError("--all and --since-version exclude each other")
    if all_articles:
        return {"mode": "all"}
    if since_version is not None:
        return {"mode": "since", "since_version": since_version}
    return {"mode": "stale"}


def reextract(
    store: Store,
    selection: dict[str, Any] | None = None,
    *,
    reviewer: str,
    dry_run: bool = False,
    analyze: Analyzer = analyze_text,
    version: int = EXTRACTOR_VERSION,
    progress: ReextractProgress | None = None,
) -> ReextractReport:
    """Re-extract the selected current articles (default: those an older or unknown extractor version made).

    ``reviewer`` signs the bookkeeping events (orphan flags); ``analyze`` and ``version`` stand for the extractor.
    """
    selection = selection or {"mode": "stale"}
    if selection.get("mode") not in ("all", "stale", "since"):
        raise ReextractError(f"unknown selection {selection!r}")
    progress = progress or ReextractProgress()
    service = ReviewService(store, reviewer)
    runs = ReextractStore(store)
    report = ReextractReport(selection, version, dry_run)
    if not dry_run:
        previous = runs.unfinished_run(selection, version)
        report.run_id = previous["id"] if previous else runs.open_run(selection, version, service.reviewer)
        done = runs.run_counts(report.run_id)
        report.resumed = len(done)
        for counts in done:
            report.counts.update(counts)
    ids = runs.article_ids(selection, version, skip_run=report.run_id)
    gold = gold_set(store) if dry_run else None
    if dry_run:
        report.before, report.after = Tally(), Tally()
    progress.start(len(ids))
    for article_id in ids:
        article = store.get_article(article_id)
        if article is None or article.superseded_by is not None:
            continue  # re-ingested meanwhile: the new version was extracted by the current extractor
        label = article.source
        analysis = _safe(analyze, article.text, article.published, article.language)
        if isinstance(analysis, str):
            report.failed.append(f"{label}: {analysis}")
            progress.problem(report.failed[-1])
            progress.advance(label)
            continue
        counts = _redo(service, runs, article_id, article.text, analysis, version, report, gold)
        report.articles += 1
        report.counts.update(counts)
        progress.advance(label)
    if not dry_run:
        report.clustered = cluster_pending(store)
        if not report.failed:
            runs.finish_run(report.run_id)  # type: ignore[arg-type]
    return report


def _safe(analyze: Analyzer, text: str, published: str | None, language: str) -> Analysis | str:
    try:
        return analyze(text, published, language)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - one article's failure must not stop the run
        return f"internal error while extracting ({type(exc).__name__}: {exc}); its items were left as they were"


def _redo(
    service: ReviewService,
    runs: ReextractStore,
    article_id: int,
    text: str,
    analysis: Analysis,
    version: int,
    report: ReextractReport,
    gold: GoldSet | None,
) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(COUNTS, 0)
    try:
        with service.store.transaction():
            if gold is not None:
                assert report.before is not None and report.after is not None
                report.before += score(gold.of(article_id), gold.produced(article_id))
            runs.replace_sentences(article_id, analysis.sentences)
            new_ids = {}
            for entity_type, items in (("claim", analysis.claims), ("quote", analysis.quotes)):
                new_ids[entity_type] = _redo_items(
                    service, runs, entity_type, article_id, text, [_values(entity_type, item) for item in items], counts
                )
            _regroup(runs, analysis, new_ids["claim"])
            runs.set_version(article_id, version)
            if gold is not None:
                assert report.after is not None
                report.after += score(gold.of(article_id), _produced(analysis, article_id))
                raise _DryRun
            runs.record_article(report.run_id, article_id, counts)  # type: ignore[arg-type]
    except _DryRun:
        pass
    return counts


def _values(entity_type: str, item: Any) -> dict[str, Any]:
    """The columns of a freshly extracted item; its change group is article-local (``_regroup`` sets it)."""
    values = item.model_dump(include=set(EXTRACTED_COLUMNS[entity_type]) - {"change_group"})
    if "target" in values:
        values["target"] = int(bool(values["target"]))
    return values


def _redo_items(
    service: ReviewService,
    runs: ReextractStore,
    entity_type: str,
    article_id: int,
    text: str,
    new: list[dict[str, Any]],
    counts: dict[str, int],
) -> list[int]:
    """Rewrite one article's claims (or quotes) from a new extraction; returns the row id of each new item."""
    fixes = service.fixes
    rows = runs.items(entity_type, article_id)
    recorded = service.data.ids_with_records(entity_type, [r["id"] for r in rows])
    # Matched: listed items, a reviewer's dismissed or added ones, and items gone earlier that carry records.
    candidates = [
        r
        for r in rows
        if r["dismissed"] is None
        or r["dismissed"] not in (NOT_EXTRACTED, "withdrawn")
        or (r["dismissed"] == NOT_EXTRACTED and r["id"] in recorded)
    ]
    pairs = _pairs(fixes, entity_type, candidates, new, text)
    matched_new = set(pairs.values())
    shared = runs.shared_clusters(entity_type, [r["id"] for r in rows])
    result: list[int] = [0] * len(new)
    for row in candidates:
        index = pairs.get(row["id"])
        ref = ItemRef(entity_type, row["id"])
        corrections = fixes.corrections_of(entity_type, row["id"])
        if row["origin"] == "added":
            found = index is not None
            if index is not None:
                result[index] = row["id"]
                counts["additions_found"] += 1
            if ADDED in corrections and corrections[ADDED]["extracted"] != found:
                fixes.set_extracted(entity_type, row["id"], ADDED, found)
            continue
        if index is None:
            if row["dismissed"] != NOT_EXTRACTED:
                _gone(service, ref, row, corrections, row["id"] in recorded, counts)
            continue
        result[index] = row["id"]
        _rewrite(service, runs, ref, row, new[index], corrections, row["id"] in recorded, row["id"] in shared, counts)
    for index, values in enumerate(new):
        if index not in matched_new:
            result[index] = runs.insert_item(entity_type, article_id, values)
            counts["items_added"] += 1
    return result


def _pairs(
    fixes: CorrectionStore, entity_type: str, old: list[dict[str, Any]], new: list[dict[str, Any]], text: str
) -> dict[int, int]:
    """``old row id -> index in new``: re-anchoring's matcher, on the figures as the extractor read them. An item a
    reviewer added is matched by its words and place only (its figure is the reviewer's)."""
    words = TEXT_COLUMN[entity_type]
    figure = ("kind", "value", "value_high", "unit") if entity_type == "claim" else ("kind",)

    def anchor_row(row: dict[str, Any], row_id: int, *, with_figure: bool) -> dict[str, Any]:
        keep = figure if with_figure else ("kind",)
        return {"id": row_id, "start": row["start"], "end": row["end"], "text": row[words], **{k: row[k] for k in keep}}

    extracted = fixes.extracted_rows(
        entity_type, [anchor_row(r, r["id"], with_figure=True) for r in old if r["origin"] == "extracted"]
    )
    added = [anchor_row(r, r["id"], with_figure=False) for r in old if r["origin"] == "added"]
    fresh = [anchor_row(n, -1 - i, with_figure=True) for i, n in enumerate(new)]
    pairs = match_anchors(anchors([*extracted, *added], text), anchors(fresh, text))
    return {old_id: -1 - new_id for old_id, (new_id, _) in pairs.items()}


def _rewrite(
    service: ReviewService,
    runs: ReextractStore,
    ref: ItemRef,
    row: dict[str, Any],
    values: dict[str, Any],
    corrections: dict[str, dict[str, Any]],
    recorded: bool,
    shared: bool,
    counts: dict[str, int],
) -> None:
    """Give a matched item the new extraction's values, except where a reviewer's correction stands."""
    fixes = service.fixes
    update = {}
    changed = False
    for name, value in values.items():
        if name in corrections:
            value = from_column(name, value)
            before = corrections[name]["extracted"]
            if differs(before, value):
                fixes.set_extracted(*ref.key, name, value)
            changed |= differs(before, value)
            if not differs(corrections[name]["value"], value):
                counts["corrections_now_extracted"] += 1
            counts["corrections_kept"] += 1
            continue
        if differs(row[name], value):
            update[name] = value
            changed = True
    if "dismissed" in corrections:
        counts["corrections_kept"] += 1
        if corrections["dismissed"]["extracted"] is not None:
            fixes.set_extracted(*ref.key, "dismissed", None)
    elif row["dismissed"] == NOT_EXTRACTED:
        update["dismissed"] = None
        changed = True
        review = service.data.get_review(*ref.key)
        if review and review["orphaned"] == 1:
            service._commit(ref, "found_again", {"review": {"orphaned": 0}})
            counts["reviews_recovered"] += 1
    if "cluster_id" in corrections:
        counts["corrections_kept"] += 1
    elif not shared and any(name in update for name in CLUSTER_INPUTS[ref.entity_type]):
        update["cluster_id"] = None  # its figure or words changed: cluster it again
    runs.update_item(*ref.key, update)
    counts["items_changed" if changed else "items_unchanged"] += 1
    if recorded:
        counts["reviews_kept"] += 1


def _gone(
    service: ReviewService,
    ref: ItemRef,
    row: dict[str, Any],
    corrections: dict[str, dict[str, Any]],
    recorded: bool,
    counts: dict[str, int],
) -> None:
    """The new extractor does not find this item: hide it, keep it, and flag its records for a person."""
    if "dismissed" in corrections:
        # A reviewer said it is no claim, and now the extractor agrees: the dismissal stays, as confirmed.
        if corrections["dismissed"]["extracted"] != NOT_EXTRACTED:
            service.fixes.set_extracted(*ref.key, "dismissed", NOT_EXTRACTED)
            counts["items_removed"] += 1
            counts["dismissals_confirmed"] += 1
        return
    counts["items_removed"] += 1
    ReextractStore(service.store).update_item(*ref.key, {"dismissed": NOT_EXTRACTED})
    if recorded:
        service.mark_orphaned(ref, "re-extraction: the extractor no longer finds it")
        counts["reviews_orphaned"] += 1


def _regroup(runs: ReextractStore, analysis: Analysis, claim_ids: list[int]) -> None:
    """Change groups are article-local in the extraction: each becomes the id of its first claim's row."""
    first: dict[int, int] = {}
    for claim, row_id in zip(analysis.claims, claim_ids, strict=True):
        group = None if claim.change_group is None else first.setdefault(claim.change_group, row_id)
        runs.update_item("claim", row_id, {"change_group": group})


def _produced(analysis: Analysis, article_id: int) -> list[dict[str, Any]]:
    return [
        {"entity_type": entity_type, "article_id": article_id, **_values(entity_type, item)}
        for entity_type, items in (("claim", analysis.claims), ("quote", analysis.quotes))
        for item in items
    ]


def dumps(report: ReextractReport) -> str:
    """The report as JSON for ``--json`` and benchmarks."""
    data = {
        "selection": report.selection,
        "version": report.version,
        "dry_run": report.dry_run,
        "run_id": report.run_id,
        "resumed": report.resumed,
        "articles": report.articles,
        "counts": {k: report.counts.get(k, 0) for k in COUNTS},
        "failed": report.failed,
        "clustered": report.clustered,
    }
    if report.before is not None and report.after is not None:
        data["score"] = {"before": report.before.as_dict(), "after": report.after.as_dict()}
    return json.dumps(data)
