"""Correcting the extractor from the command line: ``correct``, ``dismiss``, ``undismiss``, ``add``, ``cluster``,
``reextract`` and ``eval corrections``. Each is a thin call into ``workbench.services``; every change is an event
that ``workbench undo`` takes back and ``workbench history`` lists."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from workbench.cli.common import AppContext, echo_problem, err, out, pass_app, print_table, safe
from workbench.cli.review import EXPECT_VERSION, ITEM, review_service
from workbench.services.corrections import ClusterPlan, CorrectionService, parse_field
from workbench.services.evaluation import Tally, evaluate_corrections
from workbench.services.reextract import (
    ReextractError,
    ReextractProgress,
    dumps,
    parse_selection,
    reextract,
)
from workbench.services.review import ItemRef, Review, ReviewError

DISMISS_CHOICES = ("not-a-claim", "not-a-quote", "duplicate")


@contextmanager
def correction_service(app: AppContext) -> Iterator[CorrectionService]:
    with review_service(app) as service:
        yield CorrectionService.of(service)


def _assignments(entity_type: str, pairs: tuple[str, ...]) -> dict[str, Any]:
    """``field=value`` arguments as typed values; a malformed one is a usage error."""
    changes: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.UsageError(f'{pair!r} is not FIELD=VALUE (e.g. speaker="Ebrahim Raisi", value=3.2bn)')
        try:
            changes[name.strip()] = parse_field(entity_type, name.strip(), value)
        except ReviewError as exc:
            raise click.UsageError(str(exc)) from exc
    return changes


def _done(ref: ItemRef, review: Review, what: str) -> None:
    out.print(Text(f"{ref}: {safe(what)} (version {review.version}, by {safe(review.reviewer)})"))


def _print_plan(plan: ClusterPlan, *, dry_run: bool) -> None:
    out.print(Text("would change:" if dry_run else "changed:", style="bold"))
    for line in plan.lines:
        out.print(Text(f"  {line}"))


@click.command()
@click.argument("item", type=ITEM)
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@click.option(
    "--restore",
    "restore",
    multiple=True,
    metavar="FIELD",
    help="Give this field the extractor's value back (repeatable).",
)
@click.option("--note", help="Why (kept with the correction).")
@EXPECT_VERSION
@pass_app
def correct(
    app: AppContext,
    item: ItemRef,
    fields: tuple[str, ...],
    restore: tuple[str, ...],
    note: str | None,
    expected_version: int | None,
) -> None:
    """Fix fields of a claim or a quote; lists, exports and ClaimReview use your values from now on.

    Claims: kind, value, value_high, unit, hedge, role, target, speaker. Quotes: kind (direct or fragment),
    speaker. An empty value clears the field; a value equal to the extractor's removes your correction. Numbers
    may be written 3.2e9, 3,200,000,000 or 3.2 billion. `workbench undo` takes the change back.

    \b
    Example:
      workbench correct quote:7 speaker="Ebrahim Raisi" --note "the interviewer asked, Raisi answered"
      workbench correct claim:12 value=3e11 kind=money --expect-version 2
    """
    if item.entity_type not in ("claim", "quote"):
        raise click.UsageError(f"{item} is a cluster; correct one of its claims or quotes")
    if not fields and not restore:
        raise click.UsageError("name at least one FIELD=VALUE or --restore FIELD")
    changes = _assignments(item.entity_type, fields)
    with correction_service(app) as service:
        if changes:
            review = service.correct(item, changes, note=note, expected_version=expected_version)
            expected_version = None if expected_version is None else review.version
        if restore:
            review = service.restore_fields(item, list(restore), expected_version=expected_version)
    shown = ", ".join([*(f"{k}={v!r}" for k, v in changes.items()), *(f"{k} restored" for k in restore)])
    _done(item, review, shown)


@click.command()
@click.argument("item", type=ITEM)
@click.option(
    "--as",
    "reason",
    type=click.Choice(DISMISS_CHOICES),
    help="Why it goes: not-a-claim / not-a-quote (default, by the item's type) or duplicate.",
)
@click.option("--reason", "note", help="Your reason in words (kept with the dismissal).")
@EXPECT_VERSION
@pass_app
def dismiss(app: AppContext, item: ItemRef, reason: str | None, note: str | None, expected_version: int | None) -> None:
    """Take a claim or quote out of the lists and exports (it stays in the database; undismiss brings it back).

    List dismissed items with `workbench claims --verdict dismissed`.

    \b
    Example:
      workbench dismiss quote:31 --reason "scare quote, not a statement"
      workbench dismiss claim:12 --as duplicate
    """
    with correction_service(app) as service:
        review = service.dismiss(
            item, reason.replace("-", "_") if reason else None, note, expected_version=expected_version
        )
        why = service.fixes.item(*item.key)["dismissed"]  # type: ignore[index]
    _done(item, review, f"dismissed ({why.replace('_', ' ')})")


@click.command()
@click.argument("item", type=ITEM)
@EXPECT_VERSION
@pass_app
def undismiss(app: AppContext, item: ItemRef, expected_version: int | None) -> None:
    """Bring a dismissed claim or quote back into the lists and exports.

    \b
    Example:
      workbench undismiss claim:12
    """
    with correction_service(app) as service:
        review = service.restore(item, expected_version=expected_version)
    _done(item, review, "back in the lists")


@click.command()
@click.argument("item_type", metavar="claim|quote", type=click.Choice(["claim", "quote"]))
@click.argument("article", metavar="ARTICLE")
@click.argument("start", type=click.IntRange(min=0))
@click.argument("end", type=click.IntRange(min=0))
@click.argument("fields", nargs=-1, metavar="[FIELD=VALUE...]")
@pass_app
def add(app: AppContext, item_type: str, article: str, start: int, end: int, fields: tuple[str, ...]) -> None:
    """Add a claim or quote the extractor missed: text[START:END] of ARTICLE (its id or source name).

    Offsets are Python string indices into the stored text, end exclusive (`workbench articles --json` and the
    JSONL export show texts). Repeat the words as mention=... (claim) or text=... (quote) to have them checked
    against the span. A claim needs kind=...; the other fields are those of `workbench correct`.

    \b
    Example:
      workbench add claim 001_3ce812547ec02d89.txt 120 131 kind=money value=3e9 unit=USD mention='$3 billion'
    """
    typed = "mention" if item_type == "claim" else "text"
    words = [pair for pair in fields if pair.partition("=")[0].strip() == typed]
    values = _assignments(item_type, tuple(pair for pair in fields if pair not in words))
    if words:
        values[typed] = words[-1].partition("=")[2]
    with correction_service(app) as service:
        article_id = _article_id(service, article)
        ref = service.add_item(item_type, article_id, start, end, values)
        row = service.fixes.item(*ref.key)
    shown = row["mention"] if item_type == "claim" else row["text"]  # type: ignore[index]
    out.print(Text(f"{ref}: added “{safe(shown)}” to article {article_id} (cluster {ref.entity_id})"))


def _article_id(service: CorrectionService, article: str) -> int:
    if article.isdigit():
        return int(article)
    named = service.store.current_versions_named(article)
    if not named:
        raise click.ClickException(f"no article with source {article!r}; `workbench articles` lists them")
    if len(named) > 1:
        ids = ", ".join(str(version.id) for version in named)
        raise click.ClickException(f"{len(named)} articles are named {article!r} (ids {ids}); give the id instead")
    return named[0].id


@click.group("cluster")
def cluster_group() -> None:
    """Change clusters by hand: split an item off, move it, merge two clusters, clear a conflict flag.

    Each command says what will change (and, with --dry-run, changes nothing). Verdicts of clusters follow: an
    item that leaves a cluster stops inheriting its verdict and inherits the new cluster's. Clustering of later
    ingests leaves items you placed where you put them.

    \b
    Example:
      workbench cluster move claim:12 claim-cluster:40 --dry-run
    """


def _cluster_arg(value: ItemRef) -> ItemRef:
    if not value.entity_type.endswith("_cluster"):
        raise click.UsageError(f"{value} is not a cluster; write it like claim-cluster:7")
    return value


DRY_RUN = click.option("--dry-run", is_flag=True, help="Only say what would change.")


@cluster_group.command("split")
@click.argument("item", type=ITEM)
@DRY_RUN
@EXPECT_VERSION
@pass_app
def cluster_split(app: AppContext, item: ItemRef, dry_run: bool, expected_version: int | None) -> None:
    """Move an item out of its cluster into a cluster of its own.

    \b
    Example:
      workbench cluster split claim:12
    """
    with correction_service(app) as service:
        plan = service.plan_move(item) if dry_run else service.move_to_cluster(item, expected_version=expected_version)
    _print_plan(plan, dry_run=dry_run)


@cluster_group.command("move")
@click.argument("item", type=ITEM)
@click.argument("cluster", type=ITEM)
@DRY_RUN
@EXPECT_VERSION
@pass_app
def cluster_move(app: AppContext, item: ItemRef, cluster: ItemRef, dry_run: bool, expected_version: int | None) -> None:
    """Move an item into another cluster.

    \b
    Example:
      workbench cluster move claim:12 claim-cluster:40
    """
    target = _cluster_arg(cluster)
    if target.entity_type != f"{item.entity_type}_cluster":
        raise click.UsageError(f"a {item.entity_type} moves to a {item.entity_type}-cluster, not {target}")
    with correction_service(app) as service:
        plan = (
            service.plan_move(item, target.entity_id)
            if dry_run
            else service.move_to_cluster(item, target.entity_id, expected_version=expected_version)
        )
    _print_plan(plan, dry_run=dry_run)


@cluster_group.command("merge")
@click.argument("cluster", type=ITEM)
@click.argument("other", type=ITEM)
@DRY_RUN
@EXPECT_VERSION
@pass_app
def cluster_merge(
    app: AppContext, cluster: ItemRef, other: ItemRef, dry_run: bool, expected_version: int | None
) -> None:
    """Merge two clusters; the first keeps its id (unless only the second has a review).

    --expect-version checks the first cluster's version.

    \b
    Example:
      workbench cluster merge claim-cluster:7 claim-cluster:9
    """
    first, second = _cluster_arg(cluster), _cluster_arg(other)
    with correction_service(app) as service:
        plan = (
            service.plan_merge(first, second)
            if dry_run
            else service.merge_clusters(first, second, expected_version=expected_version)
        )
    _print_plan(plan, dry_run=dry_run)


@cluster_group.command("not-a-conflict")
@click.argument("cluster", type=ITEM)
@click.argument("other", type=ITEM)
@click.option("--note", help="Why they do not contradict each other.")
@click.option("--again", is_flag=True, help="Flag them as conflicting again (withdraw the mark).")
@DRY_RUN
@EXPECT_VERSION
@pass_app
def cluster_not_conflict(
    app: AppContext,
    cluster: ItemRef,
    other: ItemRef,
    note: str | None,
    again: bool,
    dry_run: bool,
    expected_version: int | None,
) -> None:
    """Mark two clusters flagged as conflicting as not a conflict (e.g. different years of one statistic).

    \b
    Example:
      workbench cluster not-a-conflict claim-cluster:7 claim-cluster:9 --note "2021 vs 2022 figures"
    """
    first, second = _cluster_arg(cluster), _cluster_arg(other)
    with correction_service(app) as service:
        if dry_run:
            plan = service.plan_not_conflict(first, second, active=not again)
        else:
            plan = service.mark_not_conflict(
                first, second, note=note, active=not again, expected_version=expected_version
            )
    _print_plan(plan, dry_run=dry_run)


class RichReextractProgress(ReextractProgress):
    def __init__(self) -> None:
        self.bar = Progress(
            TextColumn("re-extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.description}"),
            console=err,
            transient=True,
        )
        self.task: Any = None

    def __enter__(self) -> RichReextractProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def start(self, total: int) -> None:
        self.task = self.bar.add_task("", total=total)

    def advance(self, label: str) -> None:
        self.bar.update(self.task, advance=1, description=safe(label)[:40])

    def problem(self, message: str) -> None:
        echo_problem("error", message)


@click.command("reextract")
@click.option("--all", "all_articles", is_flag=True, help="Every current article.")
@click.option(
    "--since-version",
    type=click.IntRange(min=0),
    metavar="V",
    help="Articles an extractor of version V or later produced (e.g. to redo a faulty version's work).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Count what would change and score old and new extraction against the reviewers' corrections; write nothing.",
)
@click.option("--json", "as_json", is_flag=True, help="The report as one JSON object.")
@pass_app
def reextract_command(
    app: AppContext, all_articles: bool, since_version: int | None, dry_run: bool, as_json: bool
) -> None:
    """Run the current extractor again on stored articles, keeping every verdict, note and correction.

    Default: the articles an older (or unrecorded) extractor version produced. Items keep their ids where the
    new extractor finds them again, so their reviews stay on them; a corrected field keeps your value. An item it
    no longer finds is hidden and, if anything was recorded on it, listed by `workbench orphans` to re-attach or
    discard. Interrupted (even by kill -9), the same command resumes where it stopped.

    \b
    Example:
      workbench reextract --dry-run
      workbench reextract --all
    """
    try:
        selection = parse_selection(all_articles, since_version)
    except ReextractError as exc:
        raise click.UsageError(str(exc)) from exc
    reviewer = app.reviewer
    with app.store() as store, RichReextractProgress() as progress:
        report = reextract(store, selection, reviewer=reviewer, dry_run=dry_run, progress=progress)
    if as_json:
        print(dumps(report))
    else:
        if report.resumed:
            out.print(
                Text(f"resumed run #{report.run_id}: {report.resumed} articles were done before the interruption")
            )
        out.print(Text(report.summary()))
        if report.before is not None and report.after is not None:
            _print_scores(
                {"stored extraction": report.before, "new extraction": report.after},
                title="Against the reviewers' corrections",
            )
    sys.exit(0 if report.ok else 1)


def _print_scores(tallies: dict[str, Tally], *, title: str | None = None, header: str = "") -> None:
    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    rows = [
        {
            "name": name,
            "judged": t.produced,
            "dismissed": t.dismissed,
            "wrong": t.wrong,
            "missed": t.missed,
            "precision": pct(t.precision),
            "recall": pct(t.recall),
            "speaker": pct(t.speaker_accuracy),
        }
        for name, t in tallies.items()
    ]
    print_table(
        rows,
        [
            ("name", header),
            ("judged", "judged"),
            ("dismissed", "dismissed"),
            ("wrong", "wrong"),
            ("missed", "missed"),
            ("precision", "precision"),
            ("recall", "recall"),
            ("speaker", "speaker acc."),
        ],
        title=title,
        empty="no judged items",
    )


@click.group("eval")
def eval_group() -> None:
    """Measure the extractor against what reviewers did.

    \b
    Example:
      workbench eval corrections --json
    """


@eval_group.command("corrections")
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of tables.")
@pass_app
def eval_corrections(app: AppContext, as_json: bool) -> None:
    """Precision, recall and speaker accuracy of the extractor on the items reviewers judged, per kind and outlet.

    Judged items are those with anything recorded on them (verdict, note, correction ...) or added by a reviewer.
    Precision = 1 - (dismissed + wrongly read) / judged items the extractor produced; recall = correct detections
    / (correct detections + items reviewers added or judged that the extractor does not produce); speaker
    accuracy = kept items whose speaker nobody corrected / kept items.

    \b
    Example:
      workbench eval corrections
    """
    with app.store() as store:
        result = evaluate_corrections(store)
    if as_json:
        print(json.dumps(result.as_dict()))
        return
    _print_scores({"all": result.overall, **result.by_type}, title="Extractor vs reviewers", header="items")
    _print_scores(result.by_kind, title="Per kind (as extracted)", header="kind")
    _print_scores(result.by_outlet, title="Per outlet", header="outlet")


COMMANDS = [correct, dismiss, undismiss, add, cluster_group, reextract_command, eval_group]
