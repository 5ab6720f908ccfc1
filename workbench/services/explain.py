"""Why is this a claim? The rules that decided each mention, for ``workbench explain`` and the TUI's "why?" key.

Traces are not stored: explaining re-runs the extractor (as ingest runs it) on the text, or for a stored item on
its article's stored text, and reads the trace of the mention at the item's offsets. Where the current extractor
no longer produces the item there, the explanation says so and shows what it does find at those offsets (a number
the rules now drop says which rule dropped it).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from workbench.models import CALENDAR_KINDS, Article, Claim, Quote
from workbench.pipeline.analyze import assess_and_trace
from workbench.pipeline.claims import Dropped, explain_claims
from workbench.pipeline.quotes import extract_quotes
from workbench.pipeline.rules import families
from workbench.pipeline.sentences import split_sentences
from workbench.services.review import ItemRef, ValidationError
from workbench.store import browse
from workbench.store.repository import Store

EXPLAINABLE = ("claim", "quote")


class ExplainError(Exception):
    """An item that cannot be explained (unknown, or not a claim or quote); the message says which."""


@dataclass(frozen=True)
class Step:
    """One rule that fired: its name, its stage and its one-line doc."""

    rule: str
    stage: str
    doc: str


@dataclass(frozen=True)
class Explained:
    """One mention and the rules that decided it, in the order they fired. ``what`` is "claim", "quote", or
    "dropped" for a number the rules read and then dropped (the last step is the rule that dropped it)."""

    what: str
    start: int
    end: int
    text: str
    kind: str | None = None
    value: float | None = None
    value_high: float | None = None
    unit: str | None = None
    hedge: str | None = None
    role: str | None = None
    target: bool = False
    speaker: str | None = None
    cue: str | None = None
    steps: list[Step] = field(default_factory=list)
    item: str | None = None  # "claim:12" when this is the stored item asked about

    @property
    def label(self) -> str:
        return {"dropped": "not a claim"}.get(self.what, self.what)

    def facts(self) -> list[str]:
        """ "money 3,000,000,000 USD", "hedge more_than", "speaker Raisi": what was read, as plain text (callers make
        it safe for their screen)."""
        figure = [self.kind] if self.kind else []
        if self.value is not None:
            figure.append(_number(self.value, self.kind))
            if self.value_high is not None:
                figure.append(f"to {_number(self.value_high, self.kind)}")
        if self.unit and self.unit not in ("date", self.kind):
            figure.append(self.unit)
        facts = [" ".join(figure)] if figure else []
        facts += [f"{name} {getattr(self, name)}" for name in ("hedge", "role", "cue") if getattr(self, name)]
        if self.target:
            facts.append("target (a goal, not a fact)")
        if self.what != "dropped":
            facts.append(f"speaker {self.speaker}" if self.speaker else "no speaker")
        return facts


@dataclass(frozen=True)
class Explanation:
    """What ``explain`` found: the mentions, and for a stored item its article and any caveat (``note``)."""

    subject: str
    mentions: list[Explained]
    article: dict[str, Any] | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _number(value: float, kind: str | None) -> str:
    """Years and dates as written (2018, 20230613), amounts with separators (3,000,000,000)."""
    if float(value).is_integer():
        return str(int(value)) if kind in CALENDAR_KINDS else f"{value:,.0f}"
    return f"{value:,.6g}"


def _steps(trace: list[str]) -> list[Step]:
    rules = {rule.name: rule for family in families().values() for rule in family}
    steps = []
    for name in trace:
        rule = rules.get(name)
        steps.append(Step(name, rule.stage if rule else "", rule.doc if rule else name))
    return steps


def _claim(claim: Claim) -> Explained:
    return Explained(
        "claim",
        claim.start,
        claim.end,
        claim.mention,
        claim.kind,
        claim.value,
        claim.value_high,
        claim.unit,
        claim.hedge,
        claim.role,
        claim.target,
        claim.speaker,
        None,
        _steps(claim.trace),
    )


def _dropped(dropped: Dropped) -> Explained:
    return Explained(
        "dropped",
        dropped.start,
        dropped.end,
        dropped.mention,
        dropped.kind,
        dropped.value,
        unit=dropped.unit,
        steps=_steps(dropped.trace),
    )


def _quote(quote: Quote) -> Explained:
    return Explained(
        "quote",
        quote.start,
        quote.end,
        quote.text,
        quote.kind,
        speaker=quote.speaker,
        cue=quote.cue,
        steps=_steps(quote.trace),
    )


def _extract(text: str, published: str | None, language: str) -> tuple[list[Claim], list[Dropped], list[Quote]]:
    """What ingest extracts from ``text`` (same sentences and quotes), and the numbers the rules dropped."""
    sentences = split_sentences(text, language)
    quotes = extract_quotes(text)
    claims, dropped = explain_claims(text, published, quotes=quotes, sentences=sentences)
    assess_and_trace(text, claims, quotes)
    return claims, dropped, quotes


def explain_text(text: str, published: str | None = None, *, language: str = "en", dropped: bool = True) -> Explanation:
    """Every claim and quote in ``text`` with its rules, and (``dropped``) the numbers the rules dropped, by
    position."""
    claims, rejected, quotes = _extract(text, published, language)
    mentions = [_claim(c) for c in claims] + [_quote(q) for q in quotes]
    if dropped:
        mentions += [_dropped(d) for d in rejected]
    mentions.sort(key=lambda m: (m.start, m.end, m.what))
    return Explanation("text", mentions)


@dataclass(frozen=True)
class StoredItem:
    """What explaining a stored item needs from the database: the item's offsets and its article."""

    ref: ItemRef
    start: int
    end: int
    article: Article


def stored_item(store: Store, item: ItemRef | str) -> StoredItem:
    """The stored claim or quote and its article; ExplainError when it is not one that exists."""
    try:
        ref = ItemRef.of(item)
    except ValidationError as exc:
        raise ExplainError(str(exc)) from exc
    if ref.entity_type not in EXPLAINABLE:
        raise ExplainError(f"{ref} is a cluster; explain works on one item: claim:ID or quote:ID")
    record = browse.item_record(store, f"{ref.entity_type}s", ref.entity_id)
    article = store.get_article(record["article_id"]) if record is not None else None
    if record is None or article is None:
        raise ExplainError(f"{ref} does not exist")
    return StoredItem(ref, record["start"], record["end"], article)


def explain_stored(item: StoredItem) -> Explanation:
    """The rules behind a stored item, extracted again from its article's stored text and matched by offsets
    (no database access: the TUI runs this outside its connection lock)."""
    ref, article, span = item.ref, item.article, (item.start, item.end)
    claims, rejected, quotes = _extract(article.text, article.published, article.language)
    found = [_claim(c) for c in claims] if ref.entity_type == "claim" else [_quote(q) for q in quotes]
    exact = [m for m in found if (m.start, m.end) == span]
    about = {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "published": article.published,
        "version": article.version,
        "current": article.superseded_by is None,
    }
    if exact:
        return Explanation(str(ref), [_as_item(exact[0], str(ref))], about)
    overlapping = [m for m in found + [_dropped(d) for d in rejected] if m.start < span[1] and span[0] < m.end]
    note = (
        f"the current extractor no longer produces this {ref.entity_type} at {span[0]}-{span[1]} "
        f"(“{article.text[span[0] : span[1]]}”); "
        + ("what it finds there instead is below" if overlapping else "it finds nothing there")
    )
    return Explanation(str(ref), sorted(overlapping, key=lambda m: (m.start, m.end)), about, note)


def explain_item(store: Store, item: ItemRef | str) -> Explanation:
    """The rules behind a stored claim or quote (``stored_item`` then ``explain_stored``)."""
    return explain_stored(stored_item(store, item))


def _as_item(mention: Explained, item: str) -> Explained:
    return Explained(**{**asdict(mention), "steps": mention.steps, "item": item})
