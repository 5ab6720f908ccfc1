"""Review from the command line: verdicts, sources, notes, status, assignment, undo/redo, history, blame, orphans,
agreement. Every command is a thin call into ``workbench.services.review``; the TUI calls the same service."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

import click
from rich.text import Text

from workbench.cli.common import AppContext, err, out, pass_app, print_json_lines, print_table, safe
from workbench.models import VERDICT_LABELS, WORKFLOW_STATES
from workbench.services.agreement import MIN_ITEMS, PairAgreement
from workbench.services.agreement import agreement as compute_agreement
from workbench.services.compare import parse_figure
from workbench.services.review import ItemRef, Review, ReviewError, ReviewService, ValidationError, describe_event


class ItemParam(click.ParamType):
    """``claim:12``, ``quote:7``, ``claim-cluster:3``, ``quote-cluster:5``; anything else is a usage error."""

    name = "ITEM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> ItemRef:
        if isinstance(value, ItemRef):
            return value
        try:
            return ItemRef.parse(str(value))
        except ValidationError as exc:
            self.fail(str(exc), param, ctx)


class FigureParam(click.ParamType):
    """A figure typed as in the TUI's source form: 3.2e9, 3,200,000,000, "1.2 billion", 1.2bn, 450k."""

    name = "NUMBER"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float | None:
        if isinstance(value, float):
            return value
        try:
            return parse_figure(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


ITEM = ItemParam()
EXPECT_VERSION = click.option(
    "--expect-version",
    "expected_version",
    type=click.IntRange(min=0),
    metavar="N",
    help="Refuse the change if the item's version is no longer N (what `workbench blame` showed you).",
)


@contextmanager
def review_service(app: AppContext, reviewer: str | None = None, *, readonly: bool = False) -> Iterator[ReviewService]:
    """The service for this reviewer; review errors become one clear line and exit status 1."""
    with app.store(readonly=readonly) as store:
        if not readonly:
            try:
                ReviewService.check_writable(store)
            except ReviewError as exc:
                raise click.ClickException(str(exc)) from exc
        try:
            service = ReviewService(store, reviewer or app.reviewer)
            if not readonly:
                service.require_registered()
        except ReviewError as exc:
            raise click.UsageError(str(exc)) from exc
        try:
            yield service
        except ReviewError as exc:
            raise click.ClickException(str(exc)) from exc


def _done(ref: ItemRef, review: Review, what: str) -> None:
    out.print(Text(f"{ref}: {safe(what)} (version {review.version}, by {safe(review.reviewer)})"))


@click.command()
@click.argument("item", type=ITEM)
@click.argument("label", type=click.Choice((*VERDICT_LABELS, *WORKFLOW_STATES)))
@click.option("--rationale", "-r", help="Why: what the evidence shows.")
@click.option("--force", is_flag=True, help="Replace a colleague's current verdict (without it that is refused).")
@EXPECT_VERSION
@pass_app
def verdict(
    app: AppContext, item: ItemRef, label: str, rationale: str | None, force: bool, expected_version: int | None
) -> None:
    """Record a verdict on a claim, a quote or a cluster (a cluster's verdict applies to members without one).

    LABEL unreviewed or in_progress withdraws the verdict. A colleague's current verdict is not replaced unless
    you pass --force (or --expect-version with the version you looked at); giving the same label without a
    rationale records your own judgement beside theirs, for `workbench agreement`.

    \b
    Example:
      workbench verdict claim:12 mostly_true -r "Customs data: 3.2 billion" --expect-version 2
    """
    with review_service(app) as service:
        current = service.review(item)
        theirs = current.verdict is not None and current.verdict_by not in (None, service.reviewer)
        if theirs and label == current.verdict and rationale is None:
            review = service.judge(item, label, expected_version=expected_version)
            _done(item, review, f"{label} recorded as your judgement; the verdict stays {current.verdict_by}'s")
            return
        if theirs and not force and expected_version is None:
            when = current.verdict_at.strftime("%Y-%m-%d %H:%M UTC") if current.verdict_at else "an unknown time"
            raise click.ClickException(
                f"{item} has {current.verdict_by}'s verdict {current.verdict} ({when}); yours would replace it. "
                "Run again with --force to replace it, or give the same label to record your own judgement"
            )
        review = service.set_verdict(item, label, rationale, expected_version=expected_version)
    _done(item, review, review.label)


@click.command()
@click.argument("item", type=ITEM)
@click.argument("url")
@click.option("--title", help="Title of the page or document.")
@click.option("--excerpt", help="The passage that supports or contradicts the claim.")
@click.option("--note", help="Anything else about this source.")
@click.option("--retrieved-at", metavar="DATE", help="When you read it (ISO date or date-time). Default: now.")
@click.option(
    "--reference-value",
    type=FigureParam(),
    help='The figure the source gives, compared with the claimed value: 3.2e9, 3,200,000,000, "3.2 billion" or 3.2bn.',
)
@click.option("--reference-unit", metavar="UNIT", help="Unit of the reference value (default: the claim's).")
@EXPECT_VERSION
@pass_app
def source(app: AppContext, item: ItemRef, url: str, expected_version: int | None, **fields: Any) -> None:
    """Attach a source (http or https URL) to an item; with --reference-value, compare it with the claim.

    \b
    Example:
      workbench source claim:12 https://stats.example/trade-2022 --title "Trade report" \\
          --reference-value "3.2 billion" --reference-unit USD
    """
    with review_service(app) as service:
        added = service.add_source(item, url, expected_version=expected_version, **fields)
    out.print(Text(f"{item}: source #{added.id} added ({safe(added.url)})"))
    if added.comparison:
        out.print(Text(f"  {safe(added.comparison['explanation'])}"))
        if added.comparison.get("percent_difference") is not None:
            out.print(
                Text(
                    f"  claim vs reference: ratio {added.comparison['ratio']:.4g}, "
                    f"{added.comparison['percent_difference']:+.2f}%"
                )
            )


@click.command()
@click.argument("item", type=ITEM)
@click.argument("text")
@EXPECT_VERSION
@pass_app
def note(app: AppContext, item: ItemRef, text: str, expected_version: int | None) -> None:
    """Add a note to an item (for the team; not exported as a verdict).

    \b
    Example:
      workbench note quote-cluster:5 "Check the original Spanish wording"
    """
    with review_service(app) as service:
        added = service.add_note(item, text, expected_version=expected_version)
    out.print(Text(f"{item}: note #{added.id} added"))


@click.command()
@click.argument("item", type=ITEM)
@click.argument("reviewer")
@EXPECT_VERSION
@pass_app
def assign(app: AppContext, item: ItemRef, reviewer: str, expected_version: int | None) -> None:
    """Give an item to a reviewer; an empty name ("") unassigns it.

    \b
    Example:
      workbench assign claim:12 ana
    """
    with review_service(app) as service:
        review = service.assign(item, reviewer, expected_version=expected_version)
    _done(item, review, f"assigned to {review.assignee}" if review.assignee else "unassigned")


@click.command()
@click.argument("item", type=ITEM)
@click.argument("state", type=click.Choice(WORKFLOW_STATES))
@EXPECT_VERSION
@pass_app
def status(app: AppContext, item: ItemRef, state: str, expected_version: int | None) -> None:
    """Mark an item in_progress while you check it (or back to unreviewed); a recorded verdict stands meanwhile.

    \b
    Example:
      workbench status claim:12 in_progress
    """
    with review_service(app) as service:
        review = service.set_status(item, state, expected_version=expected_version)
    _done(item, review, f"status {review.status}")


def _step_command(name: str, call: Callable[[ReviewService], Any], doc: str) -> click.Command:
    """undo and redo share everything but the service call."""

    @click.option(
        "--reviewer",
        "reviewer_option",
        metavar="NAME",
        help="Whose change to take back (default: you, as for every command).",
    )
    @pass_app
    def command(app: AppContext, reviewer_option: str | None) -> None:
        with review_service(app, reviewer_option) as service:
            event = call(service)
            ref = ItemRef(event.entity_type, event.entity_id)
        out.print(Text(f"{ref}: {safe(describe_event(event))} (event #{event.id})"))

    command.__doc__ = doc
    return click.command(name)(command)


undo = _step_command(
    "undo",
    ReviewService.undo,
    """Take back your latest change (a new event; nothing is deleted).

    Refused when someone else has changed the same item since, so their work is never overwritten.

    \b
    Example:
      workbench undo --reviewer ana
    """,
)
redo = _step_command(
    "redo",
    ReviewService.redo,
    """Re-apply the change you undid last.

    \b
    Example:
      workbench undo && workbench redo
    """,
)


@click.command()
@click.argument("item", type=ITEM)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event instead of a table.")
@pass_app
def history(app: AppContext, item: ItemRef, as_json: bool) -> None:
    """Every change to an item, oldest first, including those made before a re-ingest moved it.

    \b
    Example:
      workbench history claim:12
    """
    with review_service(app, readonly=True) as service:
        events = service.history(item)
    if as_json:
        print_json_lines(e.model_dump(mode="json") for e in events)
        return
    rows = [
        {
            "id": e.id,
            "at": e.at.strftime("%Y-%m-%d %H:%M:%S"),
            "reviewer": e.reviewer,
            "item": str(ItemRef(e.entity_type, e.entity_id)),
            "change": describe_event(e),
            "version": e.version,
        }
        for e in events
    ]
    print_table(
        rows,
        [
            ("id", "#"),
            ("at", "at (UTC)"),
            ("reviewer", "reviewer"),
            ("item", "item"),
            ("change", "change"),
            ("version", "v"),
        ],
        empty=f"nothing recorded on {item} yet",
    )


@click.command()
@click.argument("item", type=ITEM)
@pass_app
def blame(app: AppContext, item: ItemRef) -> None:
    """Who set each current field of an item's review (and of a claim or quote, each corrected field).

    \b
    Example:
      workbench blame claim-cluster:3
    """
    from workbench.services.corrections import CorrectionService

    with review_service(app, readonly=True) as service:
        lines = list(service.blame(item).values())
        if item.entity_type in ("claim", "quote"):
            lines += CorrectionService.of(service).correction_blame(item)
        review = service.review(item)
    rows = [{**asdict(line), "at": (line.at or "")[:19].replace("T", " ")} for line in lines]
    print_table(
        rows,
        [
            ("field", "field"),
            ("value", "value"),
            ("reviewer", "set by"),
            ("at", "at (UTC)"),
            ("action", "action"),
            ("event_id", "event"),
        ],
    )
    out.print(Text(f"{item} is at version {review.version}"))


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per orphan instead of a table.")
@click.pass_context
def orphans(ctx: click.Context, as_json: bool) -> None:
    """Reviews whose item disappeared (a new article version, or re-extraction): kept, waiting for a human.

    Without a subcommand, lists them. `orphans attach` moves one onto the item it belongs to now; `orphans
    discard` stops listing it (it stays in the database and its history).

    \b
    Example:
      workbench orphans --json
      workbench orphans attach claim:12 claim:57
    """
    if ctx.invoked_subcommand is None:
        _list_orphans(ctx.find_object(AppContext) or AppContext(), as_json)


@orphans.command("attach")
@click.argument("orphan", type=ITEM)
@click.argument("target", type=ITEM)
@pass_app
def orphans_attach(app: AppContext, orphan: ItemRef, target: ItemRef) -> None:
    """Move an orphaned review (verdict, sources, notes, corrections) onto TARGET, which must have none yet.

    \b
    Example:
      workbench orphans attach claim:12 claim:57
    """
    from workbench.services.corrections import CorrectionService

    with review_service(app) as service:
        event_id = CorrectionService.of(service).reattach(orphan, target)
    out.print(Text(f"{orphan}: review re-attached to {target} (event #{event_id})"))


@orphans.command("discard")
@click.argument("orphan", type=ITEM)
@EXPECT_VERSION
@pass_app
def orphans_discard(app: AppContext, orphan: ItemRef, expected_version: int | None) -> None:
    """Stop listing an orphaned review; it stays in the database (`workbench undo` lists it again).

    \b
    Example:
      workbench orphans discard claim:12
    """
    from workbench.services.corrections import CorrectionService

    with review_service(app) as service:
        review = CorrectionService.of(service).discard(orphan, expected_version=expected_version)
    _done(orphan, review, "orphaned review discarded")


def _list_orphans(app: AppContext, as_json: bool) -> None:
    with review_service(app, readonly=True) as service:
        rows = service.orphans()
    if as_json:
        print_json_lines(rows)
        return
    for row in rows:
        row["item"] = str(ItemRef(row["entity_type"], row["entity_id"]))
        row["article"] = f"{row['source']} v{row['article_version']}"
    print_table(
        rows,
        [
            ("item", "item"),
            ("article", "article"),
            ("text", "mention"),
            ("verdict", "verdict"),
            ("status", "status"),
            ("sources", "sources"),
            ("notes", "notes"),
        ],
        empty="no orphaned reviews",
    )


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per reviewer pair instead of tables.")
@pass_app
def agreement(app: AppContext, as_json: bool) -> None:
    """How often reviewers agree on the items both judged: n, observed agreement, Cohen's kappa with its 95%
    interval per pair, and the disagreements.

    Each reviewer's own latest verdict counts, even where a colleague's verdict is the current one. For an honest
    study the second reviewer judges blind (`workbench export csv --blind`, or b in the review screen). Below
    5 shared items no kappa is given: the sample is too small.

    \b
    Example:
      workbench agreement
    """
    with app.store(readonly=True) as store:
        pairs = compute_agreement(store)
    if as_json:
        print_json_lines(
            {
                **asdict(p),
                "observed": p.observed,
                "too_few": p.too_few,
                "disagreements": [{**asdict(d), "item": str(d.item)} for d in p.disagreements],
            }
            for p in pairs
        )
        return
    if not pairs:
        err.print("no item was judged by two reviewers yet")
        return
    print_table(
        [
            {
                "a": p.reviewer_a,
                "b": p.reviewer_b,
                "items": p.items,
                "agreed": p.agreed,
                "observed": f"{p.observed:.0%}",
                "kappa": _kappa_cell(p),
            }
            for p in pairs
        ],
        [
            ("a", "reviewer"),
            ("b", "reviewer"),
            ("items", "n (both judged)"),
            ("agreed", "agreed"),
            ("observed", "agreement"),
            ("kappa", "Cohen's kappa (95% interval)"),
        ],
    )
    disagreements = [
        {"item": str(d.item), "a": f"{p.reviewer_a}: {d.label_a}", "b": f"{p.reviewer_b}: {d.label_b}"}
        for p in pairs
        for d in p.disagreements
    ]
    print_table(
        disagreements,
        [("item", "item"), ("a", "one says"), ("b", "the other says")],
        title="Disagreements",
        empty="no disagreements",
    )


def _kappa_cell(pair: PairAgreement) -> str:
    if pair.too_few:
        return f"sample too small (n={pair.items}; kappa needs at least {MIN_ITEMS} shared items)"
    if pair.kappa is None:
        return "undefined (both gave one same label throughout)"
    if pair.kappa_low is None or pair.kappa_high is None:
        return f"{pair.kappa:.3f}"
    return f"{pair.kappa:.3f} ({pair.kappa_low:.2f} to {pair.kappa_high:.2f})"


COMMANDS = [verdict, source, note, assign, status, undo, redo, history, blame, orphans, agreement]
