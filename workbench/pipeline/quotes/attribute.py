"""Who said a quotation: its attribution candidates, their ranking, and the speaker of a quote nothing names.

These are rules of the "speakers" family that only quotations need. The adjacent attribution wins ('"…," X said'
before 'X said: "…"'), then a colon, then the sentence's reporting verb, then "according to X" (a conduit whenever
a reporting verb names someone), then a whole attribution sentence after the quote ('"…." Smith said on Monday.').
A direct quote with none of these is a follow-on: it takes the latest speaker, from a quote or from reported
speech in the sentences between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.pipeline.names import is_org_or_place_name, split_name, tokenize
from workbench.pipeline.quotes.kind import quoted_title
from workbench.pipeline.quotes.lexicon import ADJACENT, CONDUIT_CUES
from workbench.pipeline.quotes.scanner import at_paragraph_start
from workbench.pipeline.quotes.types import Region
from workbench.pipeline.rules import Trace
from workbench.pipeline.speakers import (
    NOBODY,
    SPEAKER_RULES,
    Attribution,
    Discourse,
    Mention,
    SpeakerRef,
    attribution_after,
    attribution_before,
    attribution_in_sentence,
    speaker_ref,
    transcript_label,
)
from workbench.pipeline.speakers.lexicon import SPEECH_VERBS
from workbench.pipeline.speakers.phrases import np_forward

rule = SPEAKER_RULES.rule


@rule(
    "lead_in",
    examples=["Breitbart News responded:\n“[[We stand by our reporting]].”"],
    counter=["Breitbart News responded.\n“[[We stand by our reporting]].”"],
)
def lead_in_paragraph(discourse: Discourse, region: Region, paragraphs: list[tuple[int, int]]) -> Attribution | None:
    """'Breitbart News responded:' closing the previous paragraph introduces the quote that opens this one."""
    text = discourse.text
    if region.paragraph <= 0 or not at_paragraph_start(text, paragraphs[region.paragraph], region.open_start):
        return None
    prev = paragraphs[region.paragraph - 1]
    if not text[prev[0] : prev[1]].rstrip().endswith(":"):
        return None
    return attribution_before(text, discourse.sentence(prev[1] - 1)[0], prev[0], prev[1])


# Lowercase words a roundup's sign-off line may hold besides names: "-- Gov. Jane Doe, D-Md., on “This Week.”"
_SIGN_OFF_WORDS = frozenset("on of at in for from and the a an to with via".split())
_DASHES = ("-", "—", "–", "―")
_WORD = re.compile(r"\w+")


@rule(
    "sign_off",
    examples=[
        "“Circumstantial evidence is evidence, and enough here to support impeachment.”\n\n[[Noah Feldman]], Bloomberg",
        "“Swiss bank accounts build no bridges.”\n\n-- Gov. [[Martin O’Malley]], D-Md., on “This Week.”",
        "“Criminals are convicted on such evidence.” “[[There is enough here]].”\nNoah Feldman, Bloomberg",
        "Patrick Buchanan, The American Conservative\n\nOthers note, “[[Trump is being Trump. He always was.]]”\n\n"
        "Jonah Goldberg, National Review",
        "“By declaring that he will respond with airstrikes, Mr. Trump is drawing a red line.”\n\n"
        "Editorial Board, [[New York Times]]",
    ],
    counter=[
        "“By declaring that he will respond with airstrikes, Mr. Trump is drawing a red line.”\n\n"
        "Editorial Board, [[New York Times]], disagreed with the panel on Monday.",
        "“Circumstantial evidence is evidence, and enough here to support impeachment.”\n\n"
        "[[Noah Feldman]] disagreed with the panel on Monday.",
        "Feldman wrote that “[[the evidence is enough]]”\n\nNoah Feldman, Bloomberg",
        "Buchanan notes, “[[Trump is being Trump]].”\n\nJonah Goldberg, National Review",
    ],
)
def sign_off_line(discourse: Discourse, region: Region, paragraphs: list[tuple[int, int]]) -> Attribution | None:
    """A roundup's next line that is only a name ("Noah Feldman, Bloomberg") signs the quote filling the paragraph.

    "Editorial Board, New York Times" signs it for the paper.

    The line must be only a name, then at most a comma and an outlet, office or show; a line with a verb of its
    own ("Feldman disagreed …") is the next paragraph of the story, not a signature.
    """
    text = discourse.text
    paragraph = paragraphs[region.paragraph]
    if not (
        region.closed
        and not text[region.close_end : paragraph[1]].strip()
        and _only_quotes(discourse, paragraph[0], region.open_start)
    ):
        return None
    following = next((p for p in paragraphs[region.paragraph + 1 :] if text[p[0] : p[1]].strip()), None)
    if following is None or following[1] - following[0] > 160:
        return None
    board = _BOARD_SIGN_OFF.fullmatch(text, following[0], following[1])
    if board is not None:  # "Editorial Board, New York Times": the paper speaks through its board
        return Attribution(Mention(board.start(1), board.end(1), board.group(1), "name"), None, "after")
    tokens = tokenize(text, following[0], following[1])
    i = 0
    while i < len(tokens) and tokens[i].text in _DASHES:
        i += 1
    mention = np_forward(text, tokens, i) if i < len(tokens) else None
    if mention is None or mention.kind != "name" or len(split_name(tokenize(text, mention.start, mention.end))[0]) < 2:
        return None
    rest = [t for t in tokens if t.start >= mention.end]
    if rest and rest[0].text not in (",", "(", "and"):
        return None
    if any(
        t.is_word
        and not t.is_cap
        and t.lower not in _SIGN_OFF_WORDS
        and not t.text[:1].isdigit()
        and not discourse.inside_quote(t.start)
        for t in rest
    ):
        return None
    return Attribution(mention, None, "after")


_BOARD_SIGN_OFF = re.compile(
    r"[ \t]*(?:The[ \t]+)?Editorial[ \t]+Board,[ \t]+((?:The[ \t]+)?[A-Z][\w&.’'-]*(?:[ \t]+[A-Z][\w&.’'-]*){0,4})[ \t]*"
)

# A roundup's short lead-in before the excerpt: "Others note, “…”", "Regarding Romney, “…”", "Still, “…”".
_LEAD_IN = re.compile(r"[^“”\"\n.!?]{1,50}?[,:][ \t]*(?=[“\"])")
_GENERAL_SUBJECTS = frozenset("others some many critics still".split())


def _only_quotes(discourse: Discourse, start: int, end: int) -> bool:
    """The paragraph up to ``end`` is quotation: it opens with one (or with a roundup's short lead-in, "Others
    note,"), and the writer's words between its quotations (an unclosed one may end early) hold no reporting verb
    that could name another speaker ("Others note" names nobody)."""
    text = discourse.text
    first = start + len(text[start:end]) - len(text[start:end].lstrip())
    if not discourse.inside_quote(first):
        lead = _LEAD_IN.match(text, first, end + 1)
        words = lead.group().split() if lead else []
        if lead is None or len(words) > 6 or not discourse.inside_quote(lead.end()):
            return False
        if words[0].lower() in _GENERAL_SUBJECTS:
            first = lead.end()  # "Others note," : the verb's subject is nobody in particular
        elif attribution_before(text, first, first, lead.end()) is not None:
            return False  # "Buchanan notes, “…”": the lead-in names its own speaker
    return not any(
        word.group().lower() in SPEECH_VERBS
        for word in _WORD.finditer(text, first, end)
        if not discourse.inside_quote(word.start())
    )


Candidates = dict[str, Attribution]
"""The first candidate naming someone of each shape ("after", "before", ...), in the order they were found."""


def attribute(
    discourse: Discourse, region: Region, floor: int, paragraphs: list[tuple[int, int]]
) -> tuple[Attribution | None, set[str]]:
    """The best attribution for one quotation, and how reporting verbs adjoin it (for the kind rules).

    The candidates come from a transcript label, the attribution after the quote, the one before it (or a lead-in
    closing the previous paragraph), and, when none of those names anyone, the sentence's reported-speech frame;
    the "rank" rules pick one.
    """
    text = discourse.text
    paragraph = paragraphs[region.paragraph]
    label = transcript_label(text, region.inner_start)
    candidates: list[Attribution] = [label] if label else []
    if region.closed:
        last = text[region.inner_end - 1] if region.inner_end > region.inner_start else ""
        comma_after = text[region.close_end : region.close_end + 1] == ","
        ends_sentence = last in ".!?…" and not comma_after
        found = attribution_after(text, region.close_end, paragraph[1], ends_sentence)
        if found is None:
            name, found = SPEAKER_RULES.decide("sign_off", discourse, region, paragraphs)
            found = found.traced(name) if found is not None else None
        if found is not None:
            candidates.append(found)
    sentence = discourse.sentence(region.open_start)
    found = attribution_before(text, max(sentence[0], paragraph[0]), floor, region.open_start)
    if found is None:
        name, found = SPEAKER_RULES.decide("lead_in", discourse, region, paragraphs)
        found = found.traced(name) if found is not None else None
    if found is not None:
        candidates.append(found)
    if not any(c.mention is not None and c.how in ("label", "after", "before") for c in candidates):
        # only then can the sentence's frame win the ranking
        found = attribution_in_sentence(discourse, sentence, region.open_start, region.close_end, naming=True)
        if found is not None:
            candidates.append(found)
    adjacent = {c.how for c in candidates if c.how in ADJACENT}
    usable: Candidates = {}
    for candidate in candidates:
        if candidate.mention is not None:
            usable.setdefault(candidate.how, candidate)
    if not usable:
        return None, adjacent
    name, best = SPEAKER_RULES.decide("rank", usable)
    return Attribution(best.mention, best.cue, best.how, (*best.trace, name)), adjacent


def _conduit(attribution: Attribution) -> bool:
    return attribution.cue is not None and attribution.cue.text in CONDUIT_CUES


# The "rank" rules, in order of preference: each takes the usable candidates and picks one.


@rule("rank", examples=["“[[WALLACE]]: Is that so?” he asked."])
def prefer_transcript_label(usable: Candidates) -> Attribution | None:
    """A transcript label names the speaker of its line, whatever verb follows."""
    return usable.get("label")


@rule(
    "rank",
    examples=["[[Liu]] told a newspaper that “trade will grow,” Reuters reported."],
    counter=["“Trade will grow,” [[Reuters]] reported."],
)
def outlet_after_is_conduit(usable: Candidates) -> Attribution | None:
    """An outlet reporting after a quote ('…," Reuters reported') passes on the words of the speaker named before it."""
    after = usable.get("after")
    before = usable.get("before")
    if after is None or before is None or not _conduit(after) or _conduit(before):
        return None
    return before


@rule(
    "rank",
    examples=["“We will win,” [[Raisi]] said.", "Raisi said: “We will win,” [[he]] told reporters."],
    counter=["[[Raisi]] said: “We will win.”"],
)
def prefer_attribution_after(usable: Candidates) -> Attribution | None:
    """The attribution right after the quote ('"…," X said') is the most direct."""
    return usable.get("after")


@rule("rank", examples=["[[Raisi]] said: “We will win.”"], counter=["“We will win,” [[Raisi]] said."])
def prefer_attribution_before(usable: Candidates) -> Attribution | None:
    """Next, a reporting verb right before it ('X said: "…"')."""
    return usable.get("before")


@rule("rank", examples=["[[Cruz]] called them on it: “You have no plan.”"])
def prefer_colon_lead_in(usable: Candidates) -> Attribution | None:
    """Next, the clause a colon ends ('Cruz called them on it: "…"')."""
    return usable.get("colon")


@rule("rank", examples=["[[Raisi]] described the plan as “a historic step” for both nations."])
def prefer_sentence_frame(usable: Candidates) -> Attribution | None:
    """Next, the reporting (or naming) verb of the quote's sentence ('X described it as "…"')."""
    return usable.get("sentence")


@rule(
    "rank",
    examples=["“Trade will double,” according to [[state media]]."],
    counter=["“Trade will double,” the minister said, according to [[state media]]."],
)
def prefer_according_to(usable: Candidates) -> Attribution | None:
    """ "according to X" names the speaker only when no reporting verb does; otherwise X is the conduit."""
    return usable.get("according")


@rule("rank", examples=["“The plan failed.” [[Smith]] said on Monday."])
def prefer_attribution_sentence(usable: Candidates) -> Attribution | None:
    """Last, a whole attribution sentence after a quote that closed its own ('"…." Smith said on Monday.')."""
    return usable.get("next")


@rule(
    "title",
    examples=[
        "Trump claimed on “[[Hannity]],” that the race was rigged, he said.",
        "Sen. Lindsey Graham told “[[Fox News Sunday]]” that the deal was dead.",
        "Mr. Trump said in an interview on the “[[Fox News Sunday]]” program that he would not.",
    ],
    counter=["“[[Hannity]],” he said.", "Speaking on “[[Fox News Sunday]],” Graham said the talks had failed."],
)
def quoted_title_is_no_speech(text: str, region: Region, listed: bool, adjacent: bool) -> bool:
    """A quoted title or name ('claimed on “Hannity,”') is nobody's words: the fragment loses its sentence's speaker.

    Only a fragment attributed through its sentence; an attribution touching the quote is the next rule's.
    """
    return not adjacent and quoted_title(text, region, listed)


@rule(
    "title",
    examples=[
        "Speaking on “[[Fox News Sunday]],” Graham said the talks had failed.",
        "On “[[Fox News Sunday]],” Sen. Jack Reed said he had questions.",
        "“Now don’t get me wrong,” the “[[Fox News Sunday]]” host added.",
    ],
    counter=["“[[Hannity]],” he said.", "Trump claimed on “[[Hannity]],” that the race was rigged, he said."],
)
def show_title_before_attribution(text: str, region: Region, listed: bool, adjacent: bool) -> bool:
    """'Speaking on “Fox News Sunday,” Graham said …': a show's title after "on" is no quote of the verb beside it."""
    return adjacent and quoted_title(text, region, listed)


@dataclass(slots=True)
class Unnamed:
    """A quotation whose attribution names nobody the article names (or has none), and what the quotes before it
    hand on: the latest speaker (``last``, its name None when unnamed) and where the last quote ended."""

    discourse: Discourse
    region: Region
    attribution: Attribution | None
    kind: str
    label: bool  # introduced after a colon as a slogan or title
    last: tuple[str | None, int, int] | None
    last_end: int


Speaker = tuple[str | None, int | None, int | None, SpeakerRef | None]
"""A quote's speaker as the "unnamed" rules decide it: name, mention offsets, and the reference behind it."""


@rule(
    "unnamed",
    examples=["His favourite phrase: “[[presidential harassment]].”"],
    counter=["“We will win,” Raisi said. “[[We have the votes]].”"],
)
def label_takes_no_follow_on(ctx: Unnamed) -> object | None:
    """A short phrase or title after a colon ('had one message: “Dump Trump.”') is no follow-on of the last speaker.

    The writer's lead-in names a slogan, a title or a catchphrase, not the next words of whoever spoke last.
    """
    return NOBODY if ctx.attribution is None and ctx.kind == "direct" and ctx.label else None


_CITED_IN = re.compile(
    r"[ \t]*,?[ \t]*(?:[A-Z][\w.&’'-]*[ \t]+){0,4}[A-Z][\w.&’'-]*,[ \t]+"
    r"(?:(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d|\d{4}\b)"
)


@rule(
    "unnamed",
    examples=[
        "“We will win,” Raisi said.\n\n“[[Obama Sees Iraq Resolution as Legal Basis for Airstrikes]],” New York Times, "
        "Sept. 12, 2014"
    ],
    counter=["“We will win,” Raisi said. “[[We have the votes, and the Senate Will Follow]].”"],
)
def cited_headline_names_nobody(ctx: Unnamed) -> object | None:
    """A headline cited with its outlet and date ('“Obama Sees …,” New York Times, Sept. 12, 2014') is nobody's words.

    Source lists under fact checks cite articles this way; the title is no follow-on of the last speaker.
    """
    if ctx.attribution is not None:
        return None
    region, text = ctx.region, ctx.discourse.text
    words = [w for w in text[region.inner_start : region.inner_end].split() if len(w) > 3]
    if len(words) < 3 or sum(w[:1].isupper() for w in words) < 0.7 * len(words):
        return None
    return NOBODY if _CITED_IN.match(text, region.close_end) else None


@rule(
    "unnamed",
    examples=["Raisi met Maduro. Raisi said the deal was historic. “[[We will win]].”"],
    counter=["“We will win,” Raisi said. “[[We have the votes]].”"],
)
def follow_on_reported_speech(ctx: Unnamed) -> Speaker | None:
    """A direct quote nothing attributes, after reported speech ("Raisi said ..."), is that subject speaking on."""
    if ctx.attribution is not None or ctx.kind != "direct":
        return None
    reporter = recent_reporter(ctx.discourse, ctx.last_end, ctx.region.open_start)
    return (reporter.name, reporter.start, reporter.end, reporter) if reporter is not None else None


@rule(
    "unnamed",
    examples=["“We will win,” Raisi said. “[[We have the votes]].”"],
    counter=["“We will win,” Raisi said. The “[[deal]]” was signed."],
)
def follow_on_previous_speaker(ctx: Unnamed) -> Speaker | None:
    """News style attributes every new speaker, so a direct quote nothing attributes belongs to whoever spoke last."""
    if ctx.attribution is not None or ctx.kind != "direct" or ctx.last is None:
        return None
    return (*ctx.last, None)


@rule(
    "unnamed",
    examples=["“We erred,” the newspaper admitted. “We regret it,” [[it]] said."],
    counter=["“We erred,” Ana Ruiz admitted. “We regret it,” [[they]] said."],
)
def it_is_previous_organisation(ctx: Unnamed) -> Speaker | None:
    """ "it" or "they" after '"…," the newspaper admitted' is that newspaper (a speaker that is no person)."""
    attribution = ctx.attribution
    if attribution is None or attribution.mention is None or ctx.last is None:
        return None
    mention = attribution.mention
    if mention.text.lower() in ("it", "they") and _not_a_person(ctx.last[0]):
        return ctx.last[0], mention.start, mention.end, None
    return None


@rule(
    "unnamed",
    examples=[
        "The Acme Corporation said in a statement that it respected the students.\n\n[[It]] added: “We hear you.”"
    ],
    counter=["Ana Ruiz said in a statement that she respected the students.\n\n[[It]] added: “We hear you.”"],
)
def it_is_the_reporting_organisation(ctx: Unnamed) -> Speaker | None:
    """ "It added: …" after reported speech of an organisation ("Acme said in a statement that …") is Acme."""
    mention = _attributed_to(ctx, "it")
    if mention is None:
        return None
    reporter = recent_reporter(ctx.discourse, ctx.last_end, ctx.region.open_start)
    if reporter is None or not _not_a_person(reporter.name) or reporter.name.split()[0].lower() in ("the", "a", "an"):
        return None
    return reporter.name, mention.start, mention.end, None


def _attributed_to(ctx: Unnamed, pronoun: str) -> Mention | None:
    """The quote's attributed mention when it is ``pronoun`` ("it", "they"), for the rules that resolve it."""
    mention = ctx.attribution.mention if ctx.attribution is not None else None
    return mention if mention is not None and mention.text.lower() == pronoun else None


_JOINED = re.compile(r"[A-Z][\w’'.-]*[ \t]+and[ \t]+(?:the[ \t]+)?$")


@rule(
    "unnamed",
    examples=["Senators Ted Cruz and [[Lindsey Graham]] said the deal was bad.\n\n“We will fight,” they said."],
    counter=["Ted Cruz met [[Lindsey Graham]] on Monday.\n\n“We will fight,” they said."],
)
def they_are_the_joint_speakers(ctx: Unnamed) -> Speaker | None:
    """ "they" after a statement of two named speakers ("Cruz and Graham said") is them (named by the last of them)."""
    if _attributed_to(ctx, "they") is None:
        return None
    reporter = recent_reporter(ctx.discourse, ctx.last_end, ctx.region.open_start)
    found: Speaker | None = (reporter.name, reporter.start, reporter.end, reporter) if reporter else None
    if ctx.last is not None and ctx.last[0] and (found is None or ctx.last[1] > (found[1] or 0)):
        found = (*ctx.last, None)
    if found is None or found[1] is None:
        return None
    text = ctx.discourse.text
    return found if _JOINED.search(text, max(0, found[1] - 80), found[1]) else None


@rule("unnamed", examples=["“We will win,” [[they]] said."], counter=["“We will win,” [[Raisi]] said."])
def unnamed_speaker_kept(ctx: Unnamed) -> Speaker | None:
    """Attributed to someone the article never names ("I", "they"): the mention stays, without a name."""
    attribution = ctx.attribution
    if attribution is None or attribution.mention is None:
        return None
    return None, attribution.mention.start, attribution.mention.end, None


def _not_a_person(name: str | None) -> bool:
    """ "the newspaper", "officials", "Fars News": a speaker that "it" or "they" can stand for."""
    if not name:
        return False
    words = name.split()
    return words[0].lower() in ("the", "a", "an") or not words[-1][:1].isupper() or is_org_or_place_name(name)


def recent_reporter(discourse: Discourse, floor: int, position: int) -> SpeakerRef | None:
    """The subject of the nearest reported speech in the last few sentences before ``position``."""
    for sentence in discourse.sentences_before(position, floor, 3):
        found = attribution_in_sentence(discourse, sentence, sentence[1])
        ref = speaker_ref(discourse, found)
        if ref is not None:
            return ref
    return None


@rule(
    "chain",
    examples=["“[[We will win.]]\n“We have the votes,” Raisi said."],
    counter=["“We will win,” Raisi said.\nThe “[[deal]]” was signed."],
)
def continued_quote_shares_speaker(attributions: list[Attribution | None]) -> Attribution | None:
    """The paragraphs of one multi-paragraph quotation share the speaker found in any of them."""
    return next((a for a in attributions if a is not None), None)


def share_sign_off(regions: list[Region], attributions: list[Attribution | None]) -> None:
    """A sign-off line names every quotation of the paragraph above it that has no attribution of its own
    ('“…’… “…”' then 'Noah Feldman, Bloomberg', or the same at the paragraph's end): they are one excerpt, not
    follow-ons of the previous author."""
    for i in range(len(regions) - 1, 0, -1):
        signed = attributions[i]
        if signed is None or not ("sign_off_line" in signed.trace or "sign_off_after" in signed.trace):
            continue
        k = i - 1
        while k >= 0 and regions[k].paragraph == regions[i].paragraph and attributions[k] is None:
            attributions[k] = signed
            k -= 1


def share_along_chains(regions: list[Region], attributions: list[Attribution | None]) -> None:
    """Give every paragraph of a continued quotation that has no attribution of its own the chain's."""
    chain: list[int] = []
    for i, region in enumerate(regions):
        chain.append(i)
        if region.continues:
            continue
        if len(chain) > 1 and any(attributions[k] is None for k in chain):
            trace: Trace = []
            found = SPEAKER_RULES.first("chain", trace, [attributions[k] for k in chain])
            if found is not None:
                shared = found.traced(*trace)
                for k in chain:
                    if attributions[k] is None:
                        attributions[k] = shared
        chain = []
