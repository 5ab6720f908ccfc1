"""Direct quote or fragment: the "kind" rules, and what the quoted words look like (a sentence, a title, a label).

``direct`` when the quote is the complement of a reporting verb ('"…," she said', 'he said: "…"', 'said that
"…"') and closes its clause, stands as its own sentence, follows a colon, or reads as a sentence (capitalised, five
words or more, closing punctuation, not a title). Otherwise it is a ``fragment``: scare quotes, titles, a few quoted
words that the writer's sentence carries on around.
"""

from __future__ import annotations

from workbench.pipeline.quotes.lexicon import MINOR_WORDS, TERMINAL
from workbench.pipeline.quotes.patterns import TITLE_HEAD, TITLE_POSITION
from workbench.pipeline.quotes.types import QUOTE_RULES, Region

rule = QUOTE_RULES.rule


def _starts_sentence(text: str, floor: int, position: int) -> bool:
    before = text[floor:position].rstrip()
    return not before or before[-1] in ".!?…:" or before.endswith(("”", '"'))


def sentence_like(text: str, region: Region) -> bool:
    """Reads as the speaker's own sentence rather than a quoted name, title or phrase."""
    inner = text[region.inner_start : region.inner_end]
    words = inner.split()
    if len(words) < 5 or not (inner[0].isupper() or inner[0].isdigit() or inner[0] in "[(…."):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    if capitalised / len(words) > 0.6:
        return False  # a title: "The Art of the Deal"
    after = text[region.close_end : region.close_end + 2].lstrip()
    return inner[-1] in TERMINAL or not region.closed or after[:1] in (".", "!", "?", ",", "")


def ends_clause(text: str, region: Region) -> bool:
    """The quotation closes its clause: punctuation inside the marks or right after them, or the line ends."""
    if not region.closed:
        return True
    inner_last = text[region.inner_end - 1]
    after = text[region.close_end : region.close_end + 5].lstrip(" \t")
    if inner_last in ".!?…,;:—" or not after or after[0] in ".,;:!?—–-)\n":
        return True
    return after.startswith(("and ", "but "))


def utterance_end(text: str, region: Region) -> bool:
    """A sentence-initial quotation that ends like an utterance ('"It was very nice," the tycoon told ...')."""
    if not region.closed:
        return True
    inner_last = text[region.inner_end - 1]
    after = text[region.close_end : region.close_end + 3].lstrip(" \t")
    return inner_last in ".!?…," or not after or after[0] in ".!?\n"


def quoted_title(text: str, region: Region, listed: bool = False) -> bool:
    """A quoted title or name ('on “Hannity,”', 'hacking group “LulzSec”'): capitalised words after a
    preposition or a possessive, where a publication, programme or group is named, before the noun it names ('the
    “Fox News Sunday” host'), or ``listed`` after one."""
    words = text[region.inner_start : region.inner_end].rstrip(TERMINAL).split()
    if not words or len(words) > 8:
        return False
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in MINOR_WORDS for w in words):
        return False
    if not words[0][:1].isupper():
        return False
    before = text[max(0, region.open_start - 20) : region.open_start]
    return listed or TITLE_POSITION.search(before) is not None or TITLE_HEAD.match(text, region.close_end) is not None


def introduced_label(text: str, region: Region, floor: int) -> bool:
    """A short phrase or a title set after a colon ('had one message: “Dump Trump.”', 'The book: “Trump, Inc.”')."""
    if not text[floor : region.open_start].rstrip().endswith(":"):
        return False
    words = text[region.inner_start : region.inner_end].split()
    if len(words) <= 3:
        return True
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) <= 10 and capitalised / len(words) > 0.6


class QuoteKind:
    """A quotation whose kind is to be decided: ``adjacent`` holds how attributions touch it ("after", "before",
    "next"), ``floor`` where its sentence can start (its paragraph, or the previous quotation's end)."""

    __slots__ = ("text", "region", "adjacent", "floor", "starts_sentence", "_ends_clause")

    def __init__(self, text: str, region: Region, adjacent: set[str], floor: int) -> None:
        self.text = text
        self.region = region
        self.adjacent = adjacent
        self.floor = floor
        self.starts_sentence = _starts_sentence(text, floor, region.open_start)
        self._ends_clause: bool | None = None

    @property
    def ends_clause(self) -> bool:
        if self._ends_clause is None:
            self._ends_clause = ends_clause(self.text, self.region)
        return self._ends_clause


@rule(
    "kind",
    examples=["Drivers saw the sign ‘[[PRIVATE ATM MACHINE]]’ and stopped."],
    counter=["He said: “[[WE WILL WIN]],” and left."],
)
def sign_in_capitals(ctx: QuoteKind) -> str | None:
    """A heading or a sign in capitals (‘PRIVATE ATM MACHINE’) is a fragment, unless a reporting verb introduces it."""
    inner = ctx.text[ctx.region.inner_start : ctx.region.inner_end]
    if inner.isupper() and len(inner.split()) <= 6 and "before" not in ctx.adjacent:
        return "fragment"
    return None


@rule(
    "kind",
    examples=["Raisi said that “[[trade will double]],” and left."],
    counter=["Raisi said the plan was “[[dead on arrival]]” for now."],
)
def verb_before_closing_clause(ctx: QuoteKind) -> str | None:
    """The complement of a reporting verb right before it ('he said: "…"', 'said that "…"') is direct.

    Only when the quotation also closes its clause; 'said the plan was "…" for now' quotes words inside the writer's.
    """
    return "direct" if "before" in ctx.adjacent and ctx.ends_clause else None


@rule("kind", examples=["“[[A deal]]” Raisi said of the talks."], counter=["The “[[deal]]” was signed."])
def own_sentence_attributed_after(ctx: QuoteKind) -> str | None:
    """A quotation opening its sentence with an attribution right after it ('"…," Raisi said') is direct."""
    return "direct" if ctx.starts_sentence and ctx.adjacent & {"after", "next"} else None


@rule(
    "kind",
    examples=["The talks ended. “[[It was very nice]],” everyone recalled fondly, smiling."],
    counter=["The “[[deal]]” was signed."],
)
def own_sentence_utterance(ctx: QuoteKind) -> str | None:
    """A quotation that opens its sentence and ends like an utterance ('"It was nice," ...') is direct."""
    if ctx.starts_sentence and ctx.ends_clause and utterance_end(ctx.text, ctx.region):
        return "direct"
    return None


@rule(
    "kind",
    examples=["The slogan was clear: “[[Back home]]”; nobody argued."],
    counter=["His slogan was “[[back home]]” all along."],
)
def after_colon(ctx: QuoteKind) -> str | None:
    """A capitalised quotation after a colon that closes its clause is direct."""
    before = ctx.text[ctx.floor : ctx.region.open_start].rstrip()
    if before.endswith(":") and ctx.text[ctx.region.inner_start].isupper() and ctx.ends_clause:
        return "direct"
    return None


@rule(
    "kind",
    examples=["Reporters heard him repeat “[[We will keep building this road together.]]” at every stop."],
    counter=["He read “[[The Art of the Deal]]” twice."],
)
def reads_as_sentence(ctx: QuoteKind) -> str | None:
    """Capitalised, five words or more, ending like a sentence and not a title: the speaker's own sentence."""
    return "direct" if sentence_like(ctx.text, ctx.region) else None


@rule(
    "kind",
    examples=["The “[[deal]]” was signed.", "He read “[[The Art of the Deal]]” twice."],
    counter=["“[[We will win]],” Raisi said."],
)
def phrase_in_writers_sentence(ctx: QuoteKind) -> str:
    """Anything else is a fragment: scare quotes, a title, a few quoted words the writer's sentence runs on around."""
    return "fragment"
