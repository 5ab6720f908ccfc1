"""The attribution right next to a quotation, as named rules: after its closing mark, before its opening mark, and
the subject of the reporting verb they find.

News copy attributes a quote in a few fixed shapes: '"…," Maduro said', '"…," said Maduro', 'Maduro said: "…"',
'"…," according to state media', a signature line, a colon lead-in. Each shape is one rule of the "speakers"
family, tried in table order (the first that fires decides, and its name goes into the attribution's trace); the
subject of the verb it finds is decided by the rules of the "subject" stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.pipeline.names import PRONOUNS, Token, is_possessive
from workbench.pipeline.names.lexicon import INVERTED_CUES
from workbench.pipeline.rules import Trace
from workbench.pipeline.speakers.cues import connector_gap, cue_at, make_cue, quoted_as
from workbench.pipeline.speakers.lexicon import (
    DETERMINERS,
    DOCUMENT_NOUNS,
    DOCUMENT_VERBS,
    LISTENER_VERBS,
    MEDIUM_NOUNS,
    MEDIUM_PARTICIPLES,
    NOUN_LIKE,
    NP_STOP,
    NUMBER_WORDS,
    PASSIVE_AUXILIARIES,
    POSSESSIVE_DETERMINERS,
    WINDOW,
)
from workbench.pipeline.speakers.patterns import TRANSCRIPT_LABEL
from workbench.pipeline.speakers.phrases import (
    clause_start,
    inverted_np,
    main_subject,
    no_complement,
    np_backward,
    np_forward,
    starts_clause,
    subject_before,
    tokens_before_past_link_cards,
    tokens_past_link_cards,
    without_parentheticals,
)
from workbench.pipeline.speakers.types import NOBODY, SPEAKER_RULES, Attribution, Cue, Mention

rule = SPEAKER_RULES.rule


def _decide(stage: str, *args: object) -> Attribution | None:
    """The first rule of ``stage`` that fires, its name written before the trace of what it found."""
    name, found = SPEAKER_RULES.decide(stage, *args)
    return found.traced(name) if found is not None else None


# --- a transcript's label ------------------------------------------------------------------------------------------


@rule(
    "label",
    examples=["“[[PENCE]]: Well, look, we will win this.”"],
    counter=["“[[Well]], look: we will win this,” he said."],
)
def transcript_label_rule(text: str, start: int) -> Attribution | None:
    """A quoted transcript line names its speaker first, in capitals and a colon ('"PENCE: Well, ..."')."""
    match = TRANSCRIPT_LABEL.match(text, start, start + 40)
    if match is None or len(match.group(1)) < 3:
        return None
    return Attribution(Mention(match.start(1), match.end(1), match.group(1), "label"), None, "label")


def transcript_label(text: str, start: int) -> Attribution | None:
    """A quoted transcript line names its speaker first: '"PENCE: Well, look, ..."'."""
    return _decide("label", text, start)


# --- right after the closing mark ----------------------------------------------------------------------------------


@dataclass(slots=True)
class AfterQuote:
    """The tokens after a closing mark, from the first that is not a comma or a dash (``i``), and the cue there."""

    text: str
    tokens: list[Token]
    i: int
    dash: bool  # a dash before the first word: a signature line
    ends_sentence: bool  # the quote closed a sentence and a capitalised word follows
    cue: Cue | None

    def inverted(self, cue: Cue) -> Attribution:
        """'"…," said Maduro': the subject after the verb (past "also", "later", ...)."""
        j = cue.last + 1
        while j < len(self.tokens) and self.tokens[j].lower in ("also", "later", "then", "again", "once"):
            j += 1
        return Attribution(inverted_np(self.text, self.tokens, j), cue, "after")

    def subject_and_verb(self) -> tuple[Mention, Cue] | None:
        """'"…," Maduro said': the first reporting verb of the clause after the quote, and its subject opening it."""
        tokens = self.tokens
        for k in range(self.i, min(len(tokens), self.i + 40)):
            token = tokens[k]
            if token.text in (".", "!", "?", ";", "“", "”", '"', "«", "»", ":"):
                return None
            cue = cue_at(tokens, k)
            if cue is None or cue.according:
                continue
            quoted = quoted_as(tokens, k)
            if quoted is not None and quoted > self.i and tokens[quoted - 1].lower in PASSIVE_AUXILIARIES:
                k = quoted - 1  # '"…," X was cited as saying by Fars': X is the subject of "was cited"
            mention = subject_before(self.text, tokens, k, self.i)
            if mention is None or not starts_clause(self.text, tokens, self.i, mention):
                return None
            return mention, cue
        return None


@rule(
    "after",
    examples=[
        "“We will prevail.” ― [[Nicolás Maduro]] (@NicolasMaduro) February 4",
        "“We will prevail.” - [[Nicolás Maduro]] on state television",
    ],
    counter=["“We will prevail,” [[Nicolás Maduro]] said.", "“We will prevail.” - [[Nicolás Maduro]] said it twice."],
)
def signature_line(ctx: AfterQuote) -> Attribution | None:
    """A name after a dash signs the quote ('"…" ― Pamela Padilla')."""
    if not (ctx.dash and ctx.tokens[ctx.i].is_cap):
        return None
    mention = np_forward(ctx.text, ctx.tokens, ctx.i)
    if mention is None or mention.kind != "name":
        return None
    hyphen = ctx.tokens[ctx.i - 1]
    if hyphen.text == "-" and ctx.text[hyphen.start - 1 : hyphen.start] != "-":
        # a single hyphen also joins clauses ('"We will win." - Trump said it twice.'): only a bare signature counts
        rest = next((t for t in ctx.tokens[ctx.i :] if t.start >= mention.end), None)
        if rest is not None and rest.text not in ("(", ",", "on", "—", "–", "―"):
            return None
    return Attribution(mention, None, "after")


# Lowercase words a sign-off may hold besides names: "Jane Doe, editor of the Review", "on Fox".
_SIGN_OFF_WORDS = frozenset("on of at in for from and the a an to with via".split())


@rule(
    "after",
    examples=["“Biden talked like a normal person. There was a point.” [[Kevin Drum]], Mother Jones"],
    counter=["“Biden talked like a normal person.” [[Kevin Drum]], a writer, disagreed."],
)
def sign_off_after(ctx: AfterQuote) -> Attribution | None:
    """A roundup's excerpt signed at the end of its paragraph ('"…" Kevin Drum, Mother Jones'): a name, an outlet."""
    tokens = ctx.tokens[ctx.i :]
    if not tokens or not tokens[0].is_cap or len(tokens) > 12:
        return None
    if ctx.text[tokens[-1].end : tokens[-1].end + 4].lstrip(" \t")[:1] not in ("\n", ""):
        return None  # the paragraph goes on: a sentence, not a signature
    mention = np_forward(ctx.text, tokens, 0)
    if mention is None or mention.kind != "name" or " " not in mention.text:
        return None
    rest = [t for t in tokens if t.start >= mention.end]
    if not rest or rest[0].text != ",":
        return None
    if any(t.is_word and not t.is_cap and t.lower not in _SIGN_OFF_WORDS for t in rest):
        return None
    return Attribution(mention, None, "after")


@rule(
    "after",
    examples=["“Trade will double,” according to [[state media]]."],
    counter=["“Trade will double,” the minister said, according to [[state media]]."],
)
def according_after(ctx: AfterQuote) -> Attribution | None:
    """'"…," according to X' names X right after the quote."""
    cue = ctx.cue
    if cue is None or not cue.according:
        return None
    return Attribution(np_forward(ctx.text, ctx.tokens, cue.last + 1, loose=True), cue, "according")


@rule(
    "after",
    examples=[
        "“We will win,” said [[Ebrahim Raisi]].",
        "“It is over,” said [[the Florida senator]].",
        "“There will be a lot more coming,” promises [[Randall Avila]], the party's director.",
    ],
    counter=["“We will win,” [[Raisi]] said."],
)
def verb_then_subject_after(ctx: AfterQuote) -> Attribution | None:
    """'"…," said Maduro': a reporting verb right after the quote, its subject after it."""
    cue = ctx.cue
    if cue is None or cue.according:
        return None
    return ctx.inverted(cue)


@rule("after", examples=["“Keep out,” read [[the sign]] on the gate."], counter=["“Keep out,” [[the sign]] said."])
def sign_reads_after(ctx: AfterQuote) -> Attribution | None:
    """'"…," read one.': a sign, a banner or a letter "reads" its words."""
    if ctx.cue is not None or ctx.tokens[ctx.i].text not in ("read", "reads"):
        return None
    return ctx.inverted(make_cue(ctx.tokens, ctx.i, ctx.i))


@rule(
    "after",
    examples=[
        "“We will win,” [[Raisi]] told reporters.",
        "“It was very nice,” [[the president]] said.",
        "“It is a great deal,” [[the tycoon]] said.",
        "“Debt is the problem,” [[Senate Minority Leader Mitch McConnell]] of Kentucky, said Sunday.",
        "“I was worried,” [[Tom Marquardt]], a retired publisher and top editor at the paper said.",
        "“It will look past this,” [[Chris Zaccarelli]], chief investment officer of the Alliance told Markets Insider.",
        "“It is possible,” Cpl. [[Michele Pihera]] told the Gwinnett Daily Post.",
        "“It can be a nightmare,” [[Ali Shamkhani]], the head of the council, was cited as saying by Fars.",
    ],
    counter=["“We will win.” [[Raisi]] said the plan would work."],
)
def subject_then_verb_after(ctx: AfterQuote) -> Attribution | None:
    """'"…," Maduro said': the clause after the quote opens with the subject of its reporting verb."""
    found = None if ctx.ends_sentence else ctx.subject_and_verb()
    return None if found is None else Attribution(found[0], found[1], "after")


@rule(
    "after",
    examples=["“The plan failed.” [[Smith]] said on Monday."],
    counter=["“The plan failed.” [[Smith]] said the talks would go on."],
)
def attribution_sentence_after(ctx: AfterQuote) -> Attribution | None:
    """'"…." Smith said on Monday.': a whole attribution sentence after a quote that closed its own sentence.

    A verb with a complement of its own ('"…." Smith said the talks would go on.') starts new reported speech.
    """
    found = ctx.subject_and_verb() if ctx.ends_sentence else None
    if found is None or not no_complement(ctx.tokens, found[1].last + 1):
        return None
    return Attribution(found[0], found[1], "next")


def _spaced_hyphen(text: str, token: Token) -> bool:
    """A hyphen standing for a dash: '"…" -- Ed Royce' or, with a space each side, '"…" - Dick Cheney'."""
    if token.text != "-":
        return False
    if text[token.start - 1 : token.start] == "-":
        return True
    return text[token.start - 1 : token.start].isspace() and text[token.end : token.end + 1].isspace()


def attribution_after(text: str, position: int, limit: int, ends_sentence: bool) -> Attribution | None:
    """'"…," Maduro said' / '"…," said Maduro' / '"…," according to X': the attribution right after a quote.

    ``ends_sentence`` is true when the quote closed a sentence ('"…." Smith said.'); then the attribution must be
    a whole clause with no complement of its own, or it is the start of new reported speech.
    """
    tokens = without_parentheticals(tokens_past_link_cards(text, position, min(limit, position + WINDOW), limit))
    i = 0
    while i < len(tokens) and tokens[i].text in (",", "—", "–", "-", "…", "―"):
        i += 1
    if i >= len(tokens):
        return None
    dash = i > 0 and (tokens[i - 1].text in ("—", "–", "―") or _spaced_hyphen(text, tokens[i - 1]))
    cue = cue_at(tokens, i)
    if cue is None and _inverted_noun_like(text, tokens, i):
        cue = make_cue(tokens, i, i)
    # a lowercase word after '."' continues the sentence: '"…." he said' is a typo for '"…," he said'
    return _decide("after", AfterQuote(text, tokens, i, dash, ends_sentence and tokens[i].is_cap, cue))


def _inverted_noun_like(text: str, tokens: list[Token], i: int) -> bool:
    """'"…," promises Randall Avila' / '"…," notes the report': a word that is more often a noun ("promises",
    "notes") is the reporting verb when it follows the quote's comma and comes before its subject."""
    if i + 1 >= len(tokens) or tokens[i].text not in NOUN_LIKE:
        return False
    if not text[max(0, tokens[i].start - 4) : tokens[i].start].rstrip(" ”’\"'").endswith(","):
        return False
    subject = tokens[i + 1]
    return subject.is_cap or subject.lower in DETERMINERS


# --- right before the opening mark ---------------------------------------------------------------------------------


@dataclass(slots=True)
class BeforeQuote:
    """The tokens of the sentence before an opening mark; a cue must come at or after ``lowest`` (the previous
    quote's end). ``nearest_cue`` is the reporting cue nearest the quote (``nearest_cue_before``)."""

    text: str
    tokens: list[Token]
    lowest: int
    nearest_cue: tuple[int, Cue] | None

    @property
    def colon_lead_in(self) -> bool:
        return self.tokens[-1].text == ":" and self.lowest < len(self.tokens) - 1

    @property
    def colon_floor(self) -> int:
        return max(clause_start(self.tokens, len(self.tokens) - 1), self.lowest)


def nearest_cue_before(tokens: list[Token], lowest: int) -> tuple[int, Cue] | None:
    """The reporting cue nearest the end, within 15 tokens and not across a sentence end or another quote."""
    for k in range(len(tokens) - 1, max(lowest - 1, len(tokens) - 16), -1):
        if tokens[k].text in (".", "!", "?", "“", "”", '"', "«", "»"):
            return None
        cue = cue_at(tokens, k)
        if cue is not None:
            return k, cue
    return None


@rule(
    "before",
    examples=[
        "Obama and Romney debated.\n\nOBAMA: “I will cut taxes.”\n\n[[ROMNEY]]: “What would I cut from spending?”"
    ],
    counter=[
        "Obama promised tax cuts. [[Romney]] had one reply: “What would I cut from spending?”",
        "Romney spoke.\n\n[[UPDATE]]: “What would I cut from spending?”",
    ],
)
def label_before_quote(ctx: BeforeQuote) -> Attribution | None:
    """A paragraph opening with a capitalised label and a colon ('ROMNEY: "…"') names the quote's speaker.

    Fact checks and transcripts lay out each speaker's words this way; the label must be a name the article also
    writes in running text, so page furniture ("UPDATE:") names nobody.
    """
    first, last = ctx.tokens[0], ctx.tokens[-1]
    if last.text != ":" or ctx.lowest > 0:
        return None
    match = TRANSCRIPT_LABEL.fullmatch(ctx.text, first.start, last.end + 1)
    if match is None or len(match.group(1)) < 3 or (first.start > 0 and ctx.text[first.start - 1] != "\n"):
        return None
    surname = match.group(1).split()[-1].title()
    if f" {surname}" not in ctx.text:  # a person the article names in running text, not "UPDATE:" or "THE FACTS:"
        return None
    return Attribution(Mention(match.start(1), match.end(1), match.group(1), "label"), None, "label")


@rule(
    "before",
    examples=["According to [[the ministry]], “trade will double next year.”"],
    counter=["According to the ministry, officials said that “[[trade will double]]” soon."],
)
def according_before(ctx: BeforeQuote) -> Attribution | None:
    """'According to X, "…"' names X just before the quote."""
    if ctx.nearest_cue is None or not ctx.nearest_cue[1].according:
        return None
    k, cue = ctx.nearest_cue
    gap = ctx.tokens[cue.last + 1 :]
    if not (gap and gap[-1].text in (",", ":") and len(gap) <= 12):
        return None
    return Attribution(np_forward(ctx.text, ctx.tokens, cue.last + 1, loose=True), cue, "according")


@rule(
    "before",
    examples=[
        "[[Raisi]] said: “We will win.”",
        "[[Raisi]] told reporters in Tehran, “We will win.”",
        "He called it a success, [[he]] said, adding, “We will win.”",
        "They will be able to say, as [[Ronald Reagan]] used to say, “You ain’t seen nothing yet.”",
    ],
    counter=["[[Raisi]] said the plan was “dead on arrival.”"],
)
def cue_before(ctx: BeforeQuote) -> Attribution | None:
    """'X said: "…"', 'X said that "…"', 'X told CNN, "…"': a reporting verb joined to the quote by a connector.

    A short adjunct may come between ("said in a statement:", "told CNN"); a longer gap ('said the plan was "…"')
    makes the quote part of the reported clause instead.
    """
    if ctx.nearest_cue is None or ctx.nearest_cue[1].according:
        return None
    k, cue = ctx.nearest_cue
    if not connector_gap(cue, ctx.tokens[cue.last + 1 :]):
        return None
    subject = subject_of(VerbSubject(ctx.text, ctx.tokens, k, cue, ctx.lowest, inverted=True))
    return Attribution(subject[0], cue, "before", subject[1])


@rule(
    "before",
    examples=[
        "Added Republican strategist [[Karl Rove]] on ABC's “This Week”: “People listen to Sen. Max Baucus.”",
        "It rained. Says [[Evo Morales]] on Fox: “We will win.”",
    ],
    counter=["Added to the list was [[Karl Rove]]: “We will win.”", "The plan says [[Rove]] on Fox: “We will win.”"],
)
def inverted_cue_opening(ctx: BeforeQuote) -> Attribution | None:
    """A sentence opening with its reporting verb has its speaker right after it ('Added Karl Rove on Fox: "…"').

    Whatever stands between the speaker and the colon, a show's quoted title included ('on ABC's "This Week":').
    """
    tokens = ctx.tokens
    if tokens[-1].text != ":":
        return None
    for i in range(len(tokens) - 2, max(0, len(tokens) - 30) - 1, -1):  # past a quoted show title ("This Week")
        token = tokens[i]
        if token.text in (".", "!", "?"):
            return None
        if not (token.is_cap and token.lower in INVERTED_CUES):
            continue
        if (
            i > 0
            and tokens[i - 1].text not in (".", "!", "?", "”", '"')
            and "\n" not in ctx.text[tokens[i - 1].end : token.start]
        ):
            return None
        mention = np_forward(ctx.text, tokens, i + 1, bridge=True)
        if mention is None or mention.kind == "pronoun" or tokens[i + 1].lower in ("to", "that", "by"):
            return None
        return Attribution(mention, None, "colon")
    return None


@rule(
    "before",
    examples=[
        "Pollsters agree - [[Carl Bialik]]: “The race is close.”",
        "It fits the case made by philosopher [[John Stuart Mill]] in his 1859 essay On Liberty: “Power is for harm.”",
    ],
    counter=["[[Cruz]] called them on it: “You have no plan.”"],
)
def name_before_colon(ctx: BeforeQuote) -> Attribution | None:
    """A name right before a colon introduces the quote ('Bialik: "…"'), a work's title its author's words.

    'Mill in his 1859 essay On Liberty: "…"' is Mill; a title whose author is not named there names nobody.
    """
    if not ctx.colon_lead_in:
        return None
    mention = np_backward(ctx.text, ctx.tokens, len(ctx.tokens) - 2, ctx.colon_floor)[1]
    if mention is None or mention.kind != "name":
        return None
    first = next(i for i, t in enumerate(ctx.tokens) if t.start >= mention.start)
    work = next(
        (j for j in range(first - 1, max(ctx.colon_floor, first - 4) - 1, -1) if ctx.tokens[j].lower in _WORKS), None
    )
    if work is None:
        return Attribution(mention, None, "colon")
    tokens = ctx.tokens
    mine = next(
        (j for j in range(work - 1, max(ctx.colon_floor, work - 4) - 1, -1) if tokens[j].lower in ("his", "her")), None
    )
    if mine is None or mine < 2 or tokens[mine - 1].lower not in ("in", "from"):
        return None
    author = np_backward(ctx.text, tokens, mine - 2, ctx.colon_floor)[1]
    return Attribution(author, None, "colon") if author is not None and author.kind == "name" else None


def _time_label(tokens: list[Token]) -> bool:
    """ "UPDATE 2:31 PM ET": a live blog's label, in capitals with a time, before a colon (never "Bret:")."""
    return any(t.text.isdigit() for t in tokens) and any(len(t.text) > 3 and t.text.isupper() for t in tokens)


_WORKS = frozenset("essay book novel article column poem memoir op-ed editorial play film song speech paper".split())


@rule(
    "before",
    examples=[
        "[[Cruz]] called them on it: “You have no plan.”",
        "Florida bought masks, but [[DeSantis]] saw the risk in nursing homes: “If I can send PPE, we win.”",
        "UPDATE 2:31 PM ET: [[Tymoshenko]] addresses the Independence Square: “I dreamt of seeing you here.”",
    ],
    counter=["[[Raisi]] said: “We will win.”"],
)
def colon_clause_subject(ctx: BeforeQuote) -> Attribution | None:
    """Without a reporting verb, a colon introduces the words of its clause's subject ('Cruz called them on it:').

    In '…, but DeSantis realized that …:' the clause is the one after the contrasting conjunction.
    """
    if not ctx.colon_lead_in:
        return None
    tokens, floor = ctx.tokens, ctx.colon_floor
    for k in range(len(tokens) - 3, floor, -1):
        if tokens[k].lower in ("but", "yet") and tokens[k - 1].text == "," and tokens[k + 1].is_cap:
            floor = k + 1
            break
        if tokens[k].text == ":" and tokens[k + 1].is_cap and _time_label(tokens[floor:k]):
            floor = k + 1  # "UPDATE 2:31 PM ET: Tymoshenko addresses the square:": a live blog's time label
            break
    mention = main_subject(ctx.text, tokens, floor, len(tokens) - 1)
    return Attribution(mention, None, "colon") if mention is not None else None


def attribution_before(text: str, sentence_start: int, floor: int, position: int) -> Attribution | None:
    """'X said: "…"' / 'X said that "…"' / 'X added, "…"' / '…, adding, "…"': the cue right before a quote.

    The cue must come after ``floor`` (the previous quote); its subject may lie anywhere in the sentence.
    """
    start = max(sentence_start, position - WINDOW)
    tokens = without_parentheticals(tokens_before_past_link_cards(text, start, position))
    if not tokens:
        return None
    lowest = next((k for k, t in enumerate(tokens) if t.start >= floor), len(tokens))
    return _decide("before", BeforeQuote(text, tokens, lowest, nearest_cue_before(tokens, lowest)))


# --- the subject of a reporting verb -------------------------------------------------------------------------------


@dataclass(slots=True)
class VerbSubject:
    """A reporting verb at ``tokens[k]`` whose subject is wanted; ``floor`` bounds the search to the left, and
    ``inverted`` allows a subject after the verb (only right before a resumed quote)."""

    text: str
    tokens: list[Token]
    k: int
    cue: Cue
    floor: int = 0
    inverted: bool = False


def subject_of(ctx: VerbSubject) -> tuple[Mention | None, tuple[str, ...]]:
    """The subject mention of the verb and the names of the rules that found it."""
    trace: Trace = []
    found = SPEAKER_RULES.first("subject", trace, ctx)
    return (found if isinstance(found, Mention) else None), tuple(trace)


@rule(
    "subject",
    examples=[
        "A 2015 study by researcher [[Cody Ross]] found, “There is no relationship.”",
        "But [[a Justice Department report]] on the city's police found: “a pattern of abuse.”",
    ],
    counter=["[[Raisi]] also said: “We will win.”"],
)
def document_finds(ctx: VerbSubject) -> Mention | None:
    """ "A study by X found, "…"": the document (or its named author) speaks, not what it is "on" or "about"."""
    if ctx.cue.text not in DOCUMENT_VERBS:
        return None
    tokens = ctx.tokens
    for j in range(ctx.k - 1, max(ctx.floor, ctx.k - 7) - 1, -1):
        if tokens[j].lower in DOCUMENT_NOUNS:
            if j + 2 < ctx.k and tokens[j + 1].lower == "by":
                author = np_forward(ctx.text, tokens, j + 2)
                if author is not None and author.kind == "name":
                    return author
            return np_backward(ctx.text, tokens, j, ctx.floor)[1]
    return None


@rule(
    "subject",
    examples=["[[Raisi]] also said: “We will win.”", "[[Benjamin Rhodes]], the deputy adviser, said: “We will win.”"],
    counter=["Speaking in Tehran, adding, “[[We will win]].”"],
)
def subject_before_verb(ctx: VerbSubject) -> Mention | None:
    """A finite reporting verb's subject is the noun phrase before it, past adverbs and an appositive."""
    if ctx.cue.participle:
        return None
    return subject_before(ctx.text, ctx.tokens, ctx.k, ctx.floor)


@rule(
    "subject",
    examples=["“We have a plan,” said [[the Florida senator]], “and we will win.”"],
    counter=["“We have a plan,” he said of the Clinton campaign, “and [[we will win]].”"],
)
def inverted_subject(ctx: VerbSubject) -> Mention | None:
    """'"…," said the Florida senator, "…"': a subject after the verb, right before the resumed quote."""
    if not ctx.inverted:
        return None
    gap = ctx.tokens[ctx.cue.last + 1 :]
    if ctx.cue.text in LISTENER_VERBS or len(gap) < 2 or gap[-1].text not in (",", ":"):
        return None
    opener = gap[0]
    if not (opener.is_cap or opener.lower in DETERMINERS | POSSESSIVE_DETERMINERS | NUMBER_WORDS | PRONOUNS.keys()):
        return None  # 'he said of the Clinton campaign, "…"' has its subject before the verb
    mention = inverted_np(ctx.text, ctx.tokens, ctx.cue.last + 1)
    if mention is None or mention.end > gap[-2].end:
        return None
    return mention


@rule(
    "subject",
    examples=["[[Ratcliffe]] was quoted as saying, “We will win.”"],
    counter=["The site quoted [[Ratcliffe]] as saying, “We will win.”"],
)
def quoted_as_saying(ctx: VerbSubject) -> Mention | object | None:
    """'X was quoted as saying': the subject of "quoted" spoke."""
    quoted = quoted_as(ctx.tokens, ctx.k)
    if quoted is None or quoted != ctx.k - 2:
        return None
    found = subject_before(ctx.text, ctx.tokens, quoted, ctx.floor) if quoted > ctx.floor else None
    return found or NOBODY


@rule(
    "subject",
    examples=["The site quoted [[Ratcliffe]] as saying, “We will win.”"],
    counter=["[[Ratcliffe]] was quoted as saying, “We will win.”"],
)
def quoted_someone_as_saying(ctx: VerbSubject) -> Mention | object | None:
    """'The site quoted X as saying': the object of "quoted" spoke, not its subject."""
    quoted = quoted_as(ctx.tokens, ctx.k)
    if quoted is None or quoted == ctx.k - 2:
        return None
    return np_forward(ctx.text, ctx.tokens, quoted + 1) or NOBODY


@rule(
    "subject",
    examples=["Facebook spared [[President Donald Trump]]’s infamous post saying, “the looting starts.”"],
    counter=[
        "Facebook spared a post by Trump saying, “[[the looting starts]].”",
        "[[Trump]] wrote a post saying, “the looting starts.”",
    ],
)
def medium_owner_saying(ctx: VerbSubject) -> Mention | None:
    """'X’s post saying, "…"': the words are those of the owner of the post, tweet or statement, not the clause's subject."""
    if ctx.cue.text not in MEDIUM_PARTICIPLES or ctx.k < 2 or ctx.tokens[ctx.k - 1].lower not in MEDIUM_NOUNS:
        return None
    tokens = ctx.tokens
    for j in range(ctx.k - 2, max(ctx.floor, ctx.k - 6) - 1, -1):
        if is_possessive(tokens[j].text):
            owner = np_backward(ctx.text, tokens, j, ctx.floor)[1]
            return owner if owner is not None and owner.kind == "name" else None
        if not tokens[j].is_word or tokens[j].is_cap or tokens[j].lower in NP_STOP:
            return None
    return None


@rule(
    "subject",
    examples=["Raisi praised the deal, [[he]] said, adding, “We will win.”"],
    counter=["[[Raisi]] said: “We will win.”"],
)
def participle_takes_verb_subject(ctx: VerbSubject) -> Mention | None:
    """', he said, adding, "…"': a participle's subject is that of the nearest finite reporting verb before it."""
    if not ctx.cue.participle:
        return None
    tokens = ctx.tokens
    sentence_floor = clause_start(tokens, ctx.k)
    for j in range(ctx.k - 1, sentence_floor - 1, -1):
        earlier = cue_at(tokens, j)
        if earlier is not None and not earlier.participle and not earlier.according:
            return subject_before(ctx.text, tokens, j, sentence_floor)
    return None


@rule(
    "subject",
    examples=[
        "In Caracas, [[Maduro]] praised the deal, adding: “We will win.”",
        "[[Maduro]] met the envoy and said: “We will win.”",
        "Nudged by a note, [[the nominee]] corrected himself and declared: “We have a plan.”",
    ],
    counter=["The deal, which he said: “[[We will win]].”"],
)
def main_clause_subject(ctx: VerbSubject) -> Mention | None:
    """A participle (", adding ...") or a coordinated verb ("and said") takes the main clause's subject."""
    if not ctx.cue.participle:
        prev = ctx.tokens[ctx.k - 1].lower if ctx.k > 0 else ""
        if prev not in ("and", "but", ",", "also"):
            return None
    return main_subject(ctx.text, ctx.tokens, clause_start(ctx.tokens, ctx.k), ctx.k)
