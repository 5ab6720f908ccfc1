"""From a speaker mention to the speaker's name, as named rules of the "speakers" family.

Titles and descriptors are stripped ("Iran's Oil Minister Javad Owji" -> "Javad Owji"); a surname becomes the
fullest form the article uses ("Raisi" -> "Ebrahim Raisi"); "he"/"she" take the subject-like mention of the nearest
earlier sentence naming a compatible person; "the president" takes the latest person introduced with that title;
descriptions and organisations ("the ministry", "officials") stay as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from workbench.pipeline.names import (
    DESCRIPTION_MODIFIERS,
    NOT_NAME_WORDS,
    ORG_OR_PLACE_HEADS,
    PLACE_FIRST_WORDS,
    PLACES,
    PRONOUNS,
    ROLE_NOUNS,
    TITLE_WORDS,
    Token,
    canonical_roles,
    drop_office_object,
    fold,
    place_stem,
    split_name,
    tokenize,
)
from workbench.pipeline.names.parse import role_stems
from workbench.pipeline.rules import Trace
from workbench.pipeline.speakers.discourse import Discourse
from workbench.pipeline.speakers.lexicon import OFFICES, PARTY_WORDS
from workbench.pipeline.speakers.types import NOBODY, SPEAKER_RULES, Mention

rule = SPEAKER_RULES.rule
_OFFICE_OF = re.compile(r"\b(?:of|for)\s+$")


def _titled_month_surname(name: list[Token], roles: set[str]) -> bool:
    """ "Mrs May", "Prime Minister May": a month after a title is the surname it names, not a date."""
    return len(name) == 1 and name[0].text in ("April", "May", "June", "August") and bool(roles)


class Resolving:
    """One mention being resolved, read once for the rules that share the reading: its tokens, the personal name in
    it (past words that start sentences and an office's object) and its descriptors, its head word, its words as
    written, and whether it describes an office. A pronoun or a transcript label needs none of it."""

    __slots__ = (
        "discourse",
        "mention",
        "detail",
        "tokens",
        "name",
        "roles",
        "head",
        "literal",
        "describes_office",
        "_wanted_roles",
        "_evidenced",
    )

    def __init__(self, discourse: Discourse, mention: Mention) -> None:
        self.discourse = discourse
        self.mention = mention
        self.detail: Trace = []  # rules of a nested stage (the antecedent's)
        self._wanted_roles: set[str] | None = None
        self._evidenced: list[tuple[int, str]] | None = None
        self.tokens: list[Token] = []
        self.name: list[Token] = []
        self.roles: set[str] = set()
        self.head = ""
        self.literal = ""
        self.describes_office = False
        if mention.kind in ("pronoun", "label"):
            return
        text = discourse.text
        self.tokens = tokens = tokenize(text, mention.start, mention.end)
        name, self.roles = split_name(tokens)
        while name and fold(name[0].text) in NOT_NAME_WORDS and not _titled_month_surname(name, self.roles):
            name = name[1:]
        if name and _OFFICE_OF.search(text[max(0, mention.start - 5) : mention.start]):
            name = drop_office_object(name)  # "(Chief of) Police Deanna Nollette"
        self.name = name
        self.head = head = tokens[-1].lower if tokens else ""
        of = next((k for k, t in enumerate(tokens) if t.lower == "of"), 0)
        if (
            of > 1
            and not tokens[-1].is_cap  # "the director of National Intelligence" names the office's body
            and (head not in TITLE_WORDS or head in ORG_OR_PLACE_HEADS)
            and tokens[of - 1].lower in ROLE_NOUNS
            and tokens[of - 1].lower in TITLE_WORDS
        ):
            self.head = head = tokens[of - 1].lower  # "the secretary of state" is a secretary
        self.literal = " ".join(mention.text.split())
        self.describes_office = (
            head in TITLE_WORDS and (head in ROLE_NOUNS or bool(self.roles)) and head not in ORG_OR_PLACE_HEADS
        )

    @property
    def wanted_roles(self) -> set[str]:
        """Every word of a role description, in the form titles are compared in ("the Iranian president")."""
        if self._wanted_roles is None:
            wanted = {place_stem(t.text) if t.is_cap else t.lower for t in self.tokens if t.is_word}
            wanted = {w for w in wanted if w in TITLE_WORDS or w not in DESCRIPTION_MODIFIERS} - {"the", "a", "an"}
            self._wanted_roles = canonical_roles(wanted)
        return self._wanted_roles

    @property
    def evidenced_mentions(self) -> list[tuple[int, str]]:
        if self._evidenced is None:
            self._evidenced = [(e.start, e.name) for e in self.discourse.timeline[1] if e.evidenced]
        return self._evidenced


@rule(
    "resolve",
    examples=["Ana Ruiz, the mayor, spoke first. “We will rebuild,” [[she]] said."],
    counter=["“We will rebuild,” [[they]] said."],
)
def pronoun_antecedent(ctx: Resolving) -> str | object | None:
    """ "he" or "she" is the compatible person the article named last, by the rules of the antecedent stage."""
    if ctx.mention.kind != "pronoun" or PRONOUNS.get(ctx.mention.text.lower()) not in ("m", "f"):
        return None
    found = SPEAKER_RULES.first(
        "antecedent", ctx.detail, ctx.discourse, ctx.mention.start, PRONOUNS[ctx.mention.text.lower()]
    )
    return found[0] if found else NOBODY


@rule(
    "resolve",
    examples=["“We will rebuild,” [[they]] said."],
    counter=["Ana Ruiz, the mayor, spoke first. “We will rebuild,” [[she]] said."],
)
def pronoun_names_nobody(ctx: Resolving) -> object | None:
    """ "they", "we", "I", "it" name nobody by themselves (a quote keeps the mention without a name)."""
    return NOBODY if ctx.mention.kind == "pronoun" else None


@rule("resolve", examples=["“[[PENCE]]: Well, look, we will win this.”"])
def transcript_label_name(ctx: Resolving) -> str | None:
    """A transcript's "WALLACE:" is the person of that surname the article names."""
    if ctx.mention.kind != "label":
        return None
    return ctx.discourse.names.full_name(ctx.mention.text.title(), ctx.mention.start)


@rule(
    "resolve",
    examples=["Many critics spoke. “It is a failure,” [[Critics]] said."],
    counter=[
        "“We will win,” [[Raisi]] said.",
        "Mayor Vincent Gray spoke. His hair is gray. “I did nothing,” [[Gray]] said.",
    ],
)
def common_word_is_no_name(ctx: Resolving) -> object | None:
    """A lone capitalised word at a sentence start that the article also writes in lowercase is no name ("Hours").

    Unless the article gives it as a person's surname: "Mayor Vincent Gray ... “…,” Gray said" is Vincent Gray.
    """
    name = ctx.name
    if ctx.mention.kind != "name" or len(name) != 1 or len(ctx.tokens) != 1:
        return None
    names = ctx.discourse.names
    if not names.common_word_at_sentence_start(name[0]):
        return None
    full = names.full_name(name[0].text, ctx.mention.start)
    known = names.person(full) is not None or names.gender_of(full) is not None
    return None if " " in full and known else NOBODY  # "Way Out" is no one


@rule(
    "resolve",
    examples=[
        "President Ebrahim Raisi arrived. “We will win,” [[Raisi]] said.",
        "“We will win,” [[Iran’s President Ebrahim Raisi]] said.",
        "Eric Trump and Donald Trump Jr. spoke. “We will win,” [[Trump Jr.]] said.",
    ],
    counter=["“We will win,” [[the ministry]] said."],
)
def fullest_name_form(ctx: Resolving) -> str | None:
    """A name, titles and descriptors stripped, in the fullest form the article uses ("Raisi" -> "Ebrahim Raisi")."""
    name = ctx.name
    if ctx.mention.kind != "name" or not name:
        return None
    surface = " ".join(ctx.discourse.text[name[0].start : name[-1].end].split())
    if surface.endswith(("’s", "'s")):
        surface = surface[:-2]
    generation = _generation(ctx.tokens)
    if generation is not None:
        person = split_name(ctx.tokens[:-1])[0]  # "Martin Luther King Jr.": King is a surname here, not a title
        if person:
            written = " ".join(ctx.discourse.text[person[0].start : person[-1].end].split())
            return _with_generation(ctx.discourse.text, written, generation)
    return ctx.discourse.names.full_name(surface, ctx.mention.start)


_GENERATIONS = frozenset("jr sr ii iii iv".split())


def _generation(tokens: list[Token]) -> str | None:
    """ "Jr.", "III" ending a name: the mark that tells a son from his father, which the name index folds away."""
    last = tokens[-1] if tokens else None
    if last is None or last.lower not in _GENERATIONS or len(tokens) < 2:
        return None
    return last.text if last.text.endswith(".") or last.lower not in ("jr", "sr") else last.text + "."


def _with_generation(text: str, surface: str, generation: str) -> str:
    """ "Trump Jr." is the fullest form the article writes with the same mark ("Donald Trump Jr."), never the
    father's or a brother's full name that the surname alone would give."""
    written = re.compile(
        r"((?:(?:[A-Z]\.){1,2}[ \t]*|[A-Z][\w’'-]*[ \t]+){0,3})"
        + re.escape(surface)
        + r",?[ \t]+"
        + re.escape(generation.rstrip("."))
    )
    fullest = surface
    for match in written.finditer(text):
        words = match.group(1).split()
        # "U.S. Rep. Jesse Jackson Jr.", "JUST WATCHED Jackson Jr.": the person only, past titles and page furniture
        cut = [
            i
            for i, w in enumerate(words)
            if fold(w.rstrip(".")) in TITLE_WORDS or len(w) > 1 and w.isalpha() and w.isupper()
        ]
        words = words[cut[-1] + 1 :] if cut else words
        candidate = " ".join([*words, surface])
        if len(candidate) > len(fullest):
            fullest = candidate
    return f"{fullest} {generation}"


@rule(
    "resolve",
    examples=["Rep. Peter King spoke. Boehner waited. “I could be wrong,” [[King]] said."],
    counter=["King Abdullah arrived. “We will win,” [[the king]] said."],
)
def title_word_as_surname(ctx: Resolving) -> str | None:
    """A lone title word that the article gives a person as a surname ("Peter King ... King said") is that person.

    Not the office ("the king") nor whoever last held it: "King said" had gone to the "Lincoln Memorial".
    """
    tokens = ctx.tokens
    if len(tokens) != 1 or not tokens[0].is_cap or tokens[0].lower not in TITLE_WORDS:
        return None
    names = ctx.discourse.names
    if fold(tokens[0].text) not in names.by_surname:
        return None
    full = names.full_name(tokens[0].text, ctx.mention.start)
    return full if " " in full else None


@rule(
    "resolve",
    examples=["Iranian President Ebrahim Raisi arrived. “We will win,” [[the Iranian president]] said."],
    counter=["Iranian President Ebrahim Raisi arrived. “We will win,” [[the Ohio Republican]] said."],
)
def role_names_person(ctx: Resolving) -> str | None:
    """ "the Iranian president" is the latest person introduced with every word of that description."""
    if not ctx.describes_office:
        return None
    return ctx.discourse.names.by_role(ctx.wanted_roles, ctx.mention.start, ctx.evidenced_mentions)


@rule(
    "resolve",
    examples=["Governor Ana Ruiz arrived. “We will rebuild,” [[the embattled governor]] said."],
    counter=[
        "Governor Ana Ruiz arrived. “We will rebuild,” [[the Ohio Republican]] said.",
        "President Rodrigo Duterte met his guest. “There is no doubt,” [[the US president]] added.",
    ],
)
def office_names_person(ctx: Resolving) -> str | None:
    """A description whose other words fit nobody falls back to its office: "the embattled governor" is the governor.

    Never a party: "the Ohio Republican" is nobody when no Ohioan was named; never a nation either: "the US
    president" is no other country's president the article names last.
    """
    if not ctx.describes_office or ctx.wanted_roles & PARTY_WORDS or any(map(_nation, ctx.tokens[1:-1])):
        return None
    return ctx.discourse.names.by_role(canonical_roles({ctx.head}), ctx.mention.start, ctx.evidenced_mentions)


_NATION_CODES = frozenset("us u.s uk u.k un u.n eu".split())
_DEMONYM_ENDINGS = ("an", "ese", "ish", "i")


def _nation(token: Token) -> bool:
    """ "US", "American", "Iranian", "Chinese", "Ohio": a word placing an office in a country or state."""
    if not token.is_cap:
        return False
    word = fold(token.text).rstrip(".")
    if word in PARTY_WORDS or word in TITLE_WORDS:
        return False  # "the Republican governor" is a party, "the Senate Republican" an office
    return word in _NATION_CODES or place_stem(token.text) in PLACES or word.endswith(_DEMONYM_ENDINGS)


@rule(
    "resolve",
    examples=[
        "Rep. Bob Goodlatte of Virginia argued against the bill. "
        "“We should focus on that,” [[the Virginia Republican]] said.",
    ],
    counter=[
        "Sen. Rob Portman spoke on Monday.\n“We need a deal now,” [[the Ohio Republican]] said.",
        "Sen. Sherrod Brown (D-Ohio) spoke on Monday.\n“We need a deal now,” [[the Ohio Republican]] said.",
        "Rep. Bob Goodlatte of Virginia spoke. Many others did too. The House met. The Senate met. The press "
        "waited.\n“We should focus on that,” [[the Virginia Republican]] said.",
    ],
)
def epithet_of_a_placed_person(ctx: Resolving) -> str | None:
    """ "the Virginia Republican" is the person just placed in Virginia ("Rep. Bob Goodlatte of Virginia").

    Unless the article gives them another party: the place is the article's own support (without it, "the Ohio
    Republican" stays a description), and the person must have been named in the last few sentences.
    """
    tokens = ctx.tokens
    if ctx.mention.kind != "description" or len(tokens) < 3 or tokens[0].lower != "the":
        return None
    if ctx.head not in PARTY_WORDS and not ctx.describes_office:
        return None
    places = {place_stem(t.text) for t in tokens[1:-1] if t.is_cap and fold(t.text) in PLACES}
    if not places:
        return None
    discourse = ctx.discourse
    found = discourse.names.by_role(places, ctx.mention.start, ctx.evidenced_mentions)
    if found is None:
        return None
    person = discourse.names.person(found)
    parties = canonical_roles({t.lower for t in tokens}) & PARTY_WORDS
    if person is None or (parties and person.roles & PARTY_WORDS and not parties & person.roles):
        return None  # "the Ohio Republican" is not Sen. Sherrod Brown (D-Ohio)
    recent = discourse.sentences_before(ctx.mention.start, 0, _EPITHET_REACH)
    floor = recent[-1][0] if recent else 0
    surname = fold(found.split()[-1])
    if not any(start >= floor and fold(name.split()[-1]) == surname for start, name in ctx.evidenced_mentions):
        return None  # an epithet refers to someone just named, not to a person paragraphs back
    return found


_EPITHET_REACH = 3  # sentences back in which the person must have been named


_MEDIA_HEADS = frozenset("outlet newspaper paper network site website magazine publication broadcaster channel".split())
_PUBLISHED = re.compile(
    r"\b((?:The[ \t]+)?[A-Z][\w&.’'-]*(?:[ \t]+[A-Z][\w&.’'-]*){0,3})[ \t]+(?:also[ \t]+)?"
    r"(?:reported|reports|wrote|writes|published)\b"
)


@rule(
    "resolve",
    examples=[
        "Politico reported that the PAC is making a late attempt. “It has spent $14 million,” [[the outlet]] reported.",
    ],
    counter=[
        "Sen. Ana Ruiz wrote that the PAC is spending. “It has spent $14 million,” [[the outlet]] reported.",
        "The rally was loud. “It has spent $14 million,” [[the outlet]] reported.",
    ],
)
def outlet_named_before(ctx: Resolving) -> str | None:
    """ "the outlet" is the news organisation that the last two sentences say reported or wrote something."""
    return _organisation_named_before(ctx, _MEDIA_HEADS, _PUBLISHED)


def _organisation_named_before(ctx: Resolving, heads: frozenset[str], pattern: re.Pattern[str]) -> str | None:
    """The organisation that ``pattern`` finds acting in the last two sentences, for "the <head>" (no person)."""
    tokens = ctx.tokens
    if ctx.mention.kind != "description" or len(tokens) != 2 or tokens[0].lower != "the":
        return None
    if ctx.head not in heads:
        return None
    discourse = ctx.discourse
    found = None
    for match, words in _named_in_last_sentences(ctx, pattern):
        if not words or discourse.inside_quote(match.start(1)) or match.start(1) >= ctx.mention.start - 4:
            continue
        person = discourse.names.persons.get(fold(words[-1]))
        if (person is not None and (person.roles or person.gender)) or any(fold(w) in TITLE_WORDS for w in words):
            continue  # a person ("Sen. Ana Ruiz wrote") is no outlet
        found = " ".join(words)
    return found


_BODY_HEADS = frozenset(
    "company firm agency organization organisation group department ministry union bank retailer airline "
    "automaker manufacturer startup nonprofit charity".split()
)
_BODY_ACTED = re.compile(  # "the director of the ATF told" is the director speaking, not the ATF
    r"(?<!of )(?<!of the )(?<!of The )\b((?:The[ \t]+)?[A-Z][\w&.’'-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w&.’'-]*){0,4})[ \t]+(?:also[ \t]+)?"
    r"(?:said|says|announced|announces|added|confirmed|denied|stated|responded|declined|told|wrote|issued)\b"
)


@rule(
    "resolve",
    examples=[
        "Gab said on Monday it would fight the ruling. “We will never give up,” [[the company]] said.",
        "The Environmental Protection Agency announced the rule. “It protects water,” [[the agency]] said.",
    ],
    counter=[
        "Sen. Ana Ruiz said the firm was wrong. “We will never give up,” [[the company]] said.",
        "John Smith, a critic, spoke first. Smith said the firm was wrong. “We will never give up,” [[the company]] said.",
        "The rally was loud. “We will never give up,” [[the company]] said.",
    ],
)
def body_named_before(ctx: Resolving) -> str | None:
    """ "the company", "the agency" is the organisation that the last two sentences say spoke or announced.

    Unlike an outlet, any name the article uses for a person is excluded ("Smith said ... “…,” the company said").
    """
    found = _organisation_named_before(ctx, _BODY_HEADS, _BODY_ACTED)
    return None if found is None or fold(found.split()[-1]) in ctx.discourse.names.persons else found


_OPENING_BODY = re.compile(  # "Apple removed the show", "Exxon Mobil has cut its dividend": a capitalised subject
    r"[ \t]*(?:The[ \t]+)?([A-Z][\w&.’'-]*(?:[ \t]+[A-Z][\w&.’'-]*){0,3})[ \t]+(?:(?:has|had|also|then)[ \t]+)?"
    r"([a-z]+ed|cut|made|took|sold|bought|won|lost|paid|gave|put|set|shut|built|sent|spent|began|kept|held|brought)\b"
)  # a past tense: "U.S. businesses would pay" has a plural noun where the verb would be
_REPORTING = frozenset("reported reports wrote writes published publishes".split())


@rule(
    "resolve",
    examples=[
        "Apple removed the show from iTunes, citing hate speech. “We have clear rules,” [[the company]] said.",
        "Walgreens has cut its dividend. “We remain committed to shareholders,” [[the company]] said.",
    ],
    counter=[
        "Ana Ruiz criticised the firm. “We will never give up,” [[the company]] said.",
        "China imposed new tariffs. “We will never give up,” [[the company]] said.",
        "The rally was loud. “We will never give up,” [[the company]] said.",
        "The Washington Post reported the deal. “We will never give up,” [[the company]] said.",
        "U.S. businesses would pay a steep price. “We will never give up,” [[the group]] wrote.",
        "Earlier, Apple removed the show. The judge ruled against it. “We will appeal,” [[the company]] said.",
    ],
)
def body_opening_last_sentence(ctx: Resolving) -> str | None:
    """ "the company" right after a sentence that opens on an organisation doing something is that organisation.

    News introduces a body by what it did ("Apple removed …") and quotes it next as "the company"; only the sentence
    right before counts, and its subject must be no person, place or title the article knows.
    """
    tokens = ctx.tokens
    if ctx.mention.kind != "description" or len(tokens) != 2 or tokens[0].lower != "the":
        return None
    if ctx.head not in _BODY_HEADS:
        return None
    discourse, text = ctx.discourse, ctx.discourse.text
    own = discourse.sentence(ctx.mention.start)
    marks = [
        at for at in (text.find("“", own[0], ctx.mention.start), text.find('"', own[0], ctx.mention.start)) if at >= 0
    ]
    opening = min(marks, default=-1)
    # 'Apple removed the show, citing “hate speech.” “…,” the company said': the segmenter left the quotation in the
    # sentence that introduces the company, so the words before the quotation are the sentence before it
    previous = [(own[0], opening)] if opening > own[0] else discourse.sentences_before(own[0], 0, 1)
    if not previous:
        return None
    match = _OPENING_BODY.match(text, previous[0][0], previous[0][1])
    if match is None or match.group(2) in _REPORTING:
        return None  # "The Washington Post reported the deal": the outlet passes the company's words on
    words = match.group(1).split()
    if fold(words[0]) in NOT_NAME_WORDS or any(fold(w) in TITLE_WORDS for w in words):
        return None
    name = " ".join(words)
    person = discourse.names.persons.get(fold(words[-1]))
    if person is not None and (len(words) >= 2 or person.roles or discourse.names.gender_of(name) is not None):
        return None  # a person ("Ana Ruiz criticised the firm"); "Following Apple’s lead" made no person of Apple
    return None if name in PLACES or fold(name) in PLACES else name


def _named_in_last_sentences(
    ctx: Resolving, pattern: re.Pattern[str], count: int = 2
) -> Iterator[tuple[re.Match[str], list[str]]]:
    """Matches of ``pattern`` in the last ``count`` sentences up to the mention, each with the words of its first
    group less the leading words that are no part of a name ("The", "Also"): who those sentences say wrote,
    reported or issued something."""
    discourse = ctx.discourse
    recent = discourse.sentences_before(ctx.mention.start, 0, count)
    floor = recent[-1][0] if recent else discourse.sentence(ctx.mention.start)[0]
    for match in pattern.finditer(discourse.text, floor, ctx.mention.start):
        words = match.group(1).split()
        while words and fold(words[0]) in NOT_NAME_WORDS:
            words = words[1:]
        yield match, words


@rule("resolve", examples=["[[General]] says: “We will win.”"], counter=["“We will win,” [[General Smith]] said."])
def bare_office_is_nobody(ctx: Resolving) -> object | None:
    """A headline's "General says ...": a bare capitalised office names nobody in particular."""
    tokens = ctx.tokens
    if len(tokens) != 1 or not tokens[0].is_cap or ctx.head not in OFFICES:
        return None
    return NOBODY if fold(ctx.head) not in ctx.discourse.names.persons else None


_DOCUMENTS = "report|survey|study|poll|memo|letter|complaint|lawsuit|indictment|analysis|audit|filing"
_AUTHORED_DOCUMENT = re.compile(r"((?:[A-Z][\w.&’'-]*[ \t]+){1,6})(" + _DOCUMENTS + r")\b")


@rule(
    "resolve",
    examples=["The Judiciary Committee report came out. “He must go,” [[the report]] stated."],
    counter=[
        "A report came out. “He must go,” [[the report]] stated.",
        "The report came out. “He must go,” [[the report]] stated.",
    ],
)
def document_of_its_author(ctx: Resolving) -> str | None:
    """ "the report" is the last report the article named with its author ("the Judiciary Committee report")."""
    tokens = ctx.tokens
    if len(tokens) != 2 or tokens[0].lower != "the" or not re.fullmatch(_DOCUMENTS, ctx.head):
        return None
    text = ctx.discourse.text
    author = None
    for match in _AUTHORED_DOCUMENT.finditer(text, max(0, ctx.mention.start - 5000), ctx.mention.start):
        words = match.group(1).split()
        while words and fold(words[0]) in NOT_NAME_WORDS:
            words = words[1:]  # "The report provides …" names no author
        if words and match.group(2) == ctx.head and not ctx.discourse.inside_quote(match.start()):
            author = " ".join(words)
    return f"{author} ({ctx.head})" if author else None


_NAMED = r"[A-Z][\w.&’'-]*(?:[ \t]+(?:(?:of|and|for|on|the)[ \t]+)?[A-Z][\w.&’'-]*){0,7}"
_STATEMENT_BY = re.compile(
    r"(" + _NAMED + r")(?:[ \t]+\([^)\n]{1,40}\))?,?[ \t]+(?:also[ \t]+)?"
    r"(?:(?:said|says|added|announced|wrote)[ \t]+in[ \t]+(?:a|an|its|his|her|their)|(?:issued|released|put[ \t]+out)"
    r"[ \t]+(?:a|an))[ \t]+(?:[a-z]+[ \t]+){0,2}(statement|release)\b"
)
# "The Benghazi committee, in a statement, said ...": the medium set off by commas before the verb
_STATEMENT_FIRST = re.compile(
    r"(" + _NAMED + r"(?:[ \t]+(?:committee|commission|department|agency|company|campaign|group|office|ministry|"
    r"panel|council|board))?),[ \t]+in[ \t]+(?:a|an|its|his|her|their)[ \t]+(?:[a-z]+[ \t]+){0,2}"
    r"(statement|release),[ \t]+(?:also[ \t]+)?(?:said|says|added|announced|wrote)\b"
)

# "an Apple statement", "the White House's statement": the issuer written before the medium
_STATEMENT_OF = re.compile(r"\b(?:a|an|the)[ \t]+(" + _NAMED + r")[ \t]+(statement|release)\b")
_STATEMENT_OWNED = re.compile(r"(" + _NAMED + r")['’]s[ \t]+(?:[a-z]+[ \t]+){0,2}(statement|release)\b")


@rule(
    "resolve",
    examples=[
        "The Department of Health and Human Services said in a statement that he resigned. "
        "“He served well,” [[the statement]] continued.",
        "The Benghazi committee, in a statement, said it denies his claims. "
        "Podliska, [[the statement]] said, “has continued to imagine allegations.”",
        "Harris read an Apple statement. “Apple’s property is at the core of our growth,” [[the statement]] reads.",
        "The Police Department said in a statement that detectives searched the home. The case is open. "
        "Neighbours were calm. “A rifle was seized,” [[the statement]] said.",
    ],
    counter=[
        "A statement came out on Monday. “He served well,” [[the statement]] continued.",
        "The Police Department said in a statement that detectives searched the home. A statement from the family "
        "came later. The case is open. “A rifle was seized,” [[the statement]] said.",
        "The Department of Health said in a statement that he resigned. “He served well,” [[the report]] said.",
    ],
)
def statement_of_its_author(ctx: Resolving) -> str | None:
    """ "the statement" is whoever the last two sentences say spoke in one ("X said in a statement").

    "X issued a statement" counts too: the medium is never the speaker, its author is. Failing those, the last
    statement given an author in the six sentences before, unless a statement without one came in between.
    """
    tokens = ctx.tokens
    if len(tokens) != 2 or tokens[0].lower != "the" or ctx.head not in ("statement", "release"):
        return None
    author = _statement_author(ctx, 2)
    return author if author is not None else _statement_chain(ctx)


def _statement_author(ctx: Resolving, count: int) -> str | None:
    """The last author the last ``count`` sentences give a statement (or release, as the mention's head)."""
    discourse = ctx.discourse
    author = None
    found = [
        found
        for pattern in (_STATEMENT_BY, _STATEMENT_FIRST, _STATEMENT_OF, _STATEMENT_OWNED)
        for found in _named_in_last_sentences(ctx, pattern, count)
    ]
    for match, words in sorted(found, key=lambda pair: pair[0].start()):
        if words and match.group(2) == ctx.head and not discourse.inside_quote(match.start(1)):
            author = discourse.names.full_name(" ".join(words), match.start(1))
    return author


def _statement_chain(ctx: Resolving) -> str | None:
    """ "The statement said …" again, without its author, is the statement of the sentences before: walking back
    (six sentences at most) past sentences that say "the statement" alone, the first that gives one an author
    ("Lack's statement read … The statement said this is the first complaint … “…,” the statement said")."""
    discourse, text = ctx.discourse, ctx.discourse.text
    medium = re.compile(r"\b([Tt]he|[Aa]n?|its|his|her|their)[ \t]+" + ctx.head + r"\b")
    for count, (start, end) in enumerate(discourse.sentences_before(ctx.mention.start, 0, 6), 1):
        author = _statement_author(ctx, count)
        if author is not None:
            return author
        if any(
            m.group(1).lower() != "the" and not discourse.inside_quote(m.start())
            for m in medium.finditer(text, start, end)
        ):
            return None  # "A statement came out on Monday": another statement, its author not given
    return None


_SPOKES = frozenset("spokesman spokeswoman spokesperson spokespeople".split())


@rule(
    "resolve",
    examples=[
        "“We are vetting structures,” [[a Trump Organization spokeswoman]] said.",
        "“We won,” [[a White House spokesman]] said.",
    ],
    counter=["“We are vetting structures,” [[a spokeswoman]] said.", "“We won,” [[a senior spokesman]] said."],
)
def spokesperson_of_named_body(ctx: Resolving) -> str | None:
    """ "a Trump Organization spokeswoman", unnamed, speaks for the body her description names ("Trump Organization")."""
    tokens = ctx.tokens
    if ctx.head not in _SPOKES or len(tokens) < 3 or tokens[0].lower not in ("a", "an", "the"):
        return None
    body = tokens[1:-1]
    body_words = ORG_OR_PLACE_HEADS | PLACE_FIRST_WORDS
    if not all(t.is_cap and (fold(t.text) not in TITLE_WORDS or fold(t.text) in body_words) for t in body):
        return None  # "a senior spokesman", "a Senate Majority Leader spokesman" name no body by themselves
    return " ".join(t.text for t in body)


@rule(
    "resolve",
    examples=[
        "Sen. Richard Burr sold stock. “He filed a form,” [[a spokesperson for Burr]] told ProPublica.",
        "“We are reviewing it,” [[a spokesman for the Department of Housing]] said.",
    ],
    counter=["“We are reviewing it,” [[a spokesman for the company]] said.", "“We won,” [[a spokesman]] said."],
)
def spokesperson_for_named(ctx: Resolving) -> str | None:
    """ "a spokesperson for Burr", unnamed, speaks for the person or body named after "for" ("Richard Burr")."""
    tokens = ctx.tokens
    at = next((i for i, t in enumerate(tokens[:3]) if t.lower in _SPOKES), None)
    if at is None or at + 2 >= len(tokens) or tokens[at + 1].lower not in ("for", "of"):
        return None
    named = tokens[at + 2 :]
    if named[0].lower == "the":
        named = named[1:]
    if not named or not all(t.is_cap or t.lower in ("of", "and", "for", "the") for t in named) or not named[-1].is_cap:
        return None  # "a spokesman for the company" names no one
    surface = " ".join(ctx.discourse.text[named[0].start : named[-1].end].split())
    return ctx.discourse.names.full_name(surface, ctx.mention.start) or surface


_NAME_FOLLOWS = re.compile(r",?[ \t]+(?:Mr\.|Ms\.|Mrs\.|Dr\.|Rep\.|Sen\.|Gov\.|[A-Z][a-z]+[ \t]+[A-Z])")
_JOINT_SUBJECT = re.compile(r",?[ \t]+(?:and|&)[ \t]")
# Bare epithets a story uses for the person its last sentence was about ("Schumer said … The lawmaker told").
_EPITHETS = frozenset("lawmaker senator congressman congresswoman legislator governor mayor politician".split())


@rule(
    "resolve",
    examples=[
        "Chuck Schumer said Trump had a tantrum. [[The lawmaker]] told reporters: “We want a deal.”",
        "Senate Judiciary Committee Chairman Patrick J. Leahy has also vowed to hold hearings.\n\n"
        "“We are still not getting answers,” [[the Vermont Democrat]] said Friday.",
        "Carly Fiorina accused Obama of acting alone. She also slammed Obama over his comments.\n\n"
        "“I am angry,” [[the former Hewlett-Packard CEO]] said.",
    ],
    counter=[
        "Schumer left. A storm hit the city. [[The lawmaker]] told reporters: “We want an agreement.”",
        "Trump met Schumer. [[The lawmaker]] told reporters: “We want an agreement.”",
        "Sen. Sherrod Brown (D-Ohio) spoke on Monday.\n“We need a deal now,” [[the Ohio Republican]] said.",
        "Senate Minority Leader Chuck Schumer spoke on Monday.\n“We need a deal now,” [[the president]] said.",
    ],
)
def epithet_for_last_subject(ctx: Resolving) -> str | None:
    """A description ("the Vermont Democrat") right after a sentence about a named person is that person.

    The sentence's subject, or its opening "he"/"she" standing for one; unless the article gives them another party
    or place, and an office ("the president") only when the article gives it them: a story's elegant variation for
    the person it is about ("the former Hewlett-Packard CEO"), not someone unnamed.
    """
    tokens = ctx.tokens
    if len(tokens) < 2 or tokens[0].lower != "the" or ctx.name or ctx.mention.kind != "description":
        return None
    if not (tokens[-1].lower in _EPITHETS or ctx.describes_office) or tokens[-1].text.endswith(("’s", "'s")):
        return None
    names = ctx.discourse.names
    if _NAME_FOLLOWS.match(ctx.discourse.text, ctx.mention.end) or any(
        t.is_cap and names.is_person(fold(t.text)) for t in tokens[1:]
    ):
        return None  # "the blogger Jennifer Rubin", "the panel's chairman, Rep. Darrell Issa", "the Clinton adviser"
    found = _last_sentence_subject(ctx)
    if found is None or not _epithet_fits(ctx, found):
        return None
    return found


def _last_sentence_subject(ctx: Resolving) -> str | None:
    """The named person the sentence before the mention's is about: its subject, past titles only ("Senate Minority
    Leader Chuck Schumer said"), or its opening "he"/"she" resolved as a pronoun is."""
    discourse = ctx.discourse
    for previous in discourse.sentences_before(discourse.sentence(ctx.mention.start)[0], 0, 3):
        if not discourse.wholly_quoted(previous):
            break  # '“I am angry.' opens the quotation the mention attributes: the sentence before it counts
    else:
        return None
    pronoun = discourse.subject_pronoun(previous)
    if pronoun is not None:
        gender = PRONOUNS.get(pronoun.text.lower())
        if gender not in ("m", "f"):
            return None
        found = SPEAKER_RULES.first("antecedent", None, discourse, pronoun.start, gender)
        return found[0] if found else None
    starts, entries = discourse.timeline
    inside = entries[bisect_left(starts, previous[0]) : bisect_left(starts, previous[1])]
    if not inside or not inside[0].subject_like or _JOINT_SUBJECT.match(discourse.text, inside[0].end):
        return None  # "Mr. Obama and Congressional Democrats favor": no one person
    if any(e.speaks and e.name != inside[0].name for e in inside[1:]):
        return None  # 'Trump lacks the “temperament,” Bush wrote': which of them the story is about is unclear
    before = discourse.text[previous[0] : inside[0].start].split()
    if not all(word[:1].isupper() or word in ("“", '"') for word in before):
        return None  # only titles may come before the subject ("Senate Minority Leader Chuck Schumer said")
    return inside[0].name


def _epithet_fits(ctx: Resolving, name: str) -> bool:
    """Whether a description may stand for ``name``: no other party ("the Ohio Republican" is not Sherrod Brown,
    D-Ohio), no other place, and an office only the article gives them ("the president" is not Senate Minority
    Leader Schumer); a politician's generic epithet ("the lawmaker") fits any of them."""
    person = ctx.discourse.names.persons.get(fold(name.split()[-1]))
    if person is None:
        return False
    held = role_stems(person.roles)
    parties = canonical_roles({t.lower for t in ctx.tokens}) & PARTY_WORDS
    if parties and person.roles & PARTY_WORDS and not parties & person.roles:
        return False
    places = {place_stem(t.text) for t in ctx.tokens[1:-1] if t.is_cap and fold(t.text) in PLACES}
    if places and {r for r in held if r in PLACES} and not places & held:
        return False
    if ctx.head in _EPITHETS or ctx.head in PARTY_WORDS:
        return True  # "the lawmaker", "the senator", "the Vermont Democrat": any politician the story is about
    head = canonical_roles({ctx.head})
    if head & held or any(r[:5] == ctx.head[:5] for r in held):
        return True  # "the chairman" is Senate Judiciary Committee Chairman Patrick Leahy
    # an office must be the person's own ("the president" is not Theresa May), and a titled person holds no other
    # role ("the French leader" is not Foreign Minister Jean Le Drian); "the former CEO" may be untitled Fiorina
    return not head & OFFICES and not any(r in TITLE_WORDS and r not in PLACES for r in person.roles)


_MEDIA = frozenset("statement email e-mail letter memo note tweet post message release op-ed column blog".split())


@rule(
    "resolve",
    examples=[
        "“We received a detailed complaint,” [[Lack’s statement]] read.",
        "Guthrie read a note from Andy Lack. “We received a detailed complaint,” [[Lack's statement]] read.",
    ],
    counter=["“We will win,” [[the statement]] read.", "“We will win,” [[the company’s statement]] read."],
)
def medium_of_its_owner(ctx: Resolving) -> str | None:
    """ "Lack's statement read": the medium is never the speaker, the name that owns it is (its fullest form)."""
    tokens = ctx.tokens
    if len(tokens) < 2 or tokens[-1].lower not in _MEDIA or not tokens[-2].text.endswith(("’s", "'s")):
        return None
    owner = tokens[:-1]
    if not all(t.is_cap for t in owner) or fold(owner[0].text) in NOT_NAME_WORDS:
        return None  # "the company's statement" names nobody
    surface = " ".join(ctx.discourse.text[owner[0].start : owner[-1].end].split())[:-2]
    return ctx.discourse.names.full_name(surface, ctx.mention.start) or surface


@rule(
    "resolve",
    examples=["“We will win,” [[the Ohio Republican]] said."],
    counter=["“We will win,” [[the White House]] said."],
)
def unnamed_person_described(ctx: Resolving) -> str | None:
    """A description of a person the article does not name stays one ("the Ohio Republican")."""
    literal = ctx.literal
    if ctx.head in TITLE_WORDS and ctx.head not in ORG_OR_PLACE_HEADS and literal.lower().startswith("the "):
        return "the " + literal[4:]
    return None


@rule(
    "resolve", examples=["“We will win,” [[the White House]] said."], counter=["“We will win,” [[the ministry]] said."]
)
def organisation_name(ctx: Resolving) -> str | None:
    """ "the White House" is the organisation "White House"."""
    literal = ctx.literal
    if literal.lower().startswith("the ") and literal.split()[-1][:1].isupper():
        return literal[4:]
    return None


@rule(
    "resolve", examples=["“We will win,” [[the ministry]] said."], counter=["“We will win,” [[the White House]] said."]
)
def description_as_written(ctx: Resolving) -> str:
    """Anything else ("the ministry", "officials") is the speaker as written, a leading "The" in lowercase."""
    literal = ctx.literal
    return "the " + literal[4:] if literal[:4] == "The " else literal


def resolve(discourse: Discourse, mention: Mention, trace: Trace | None = None) -> str | None:
    """The speaker's normalized name: pronouns and roles resolved, titles stripped, short forms expanded."""
    ctx = Resolving(discourse, mention)
    found = SPEAKER_RULES.first("resolve", trace, ctx)
    if trace is not None:
        trace.extend(ctx.detail)
    return None if found is NOBODY else found


@rule(
    "antecedent",
    examples=[
        "John Lewis spoke at a breakfast. He did not mention Donald Trump. “We must never hate,” [[he]] said.",
        "Ana Ruiz sat weeping. “We lost,” she said. But she stayed. “We will rebuild,” [[she]] said.",
    ],
    counter=["John Lewis spoke at a breakfast. Donald Trump did not come. “We must never hate,” [[he]] said."],
)
def pronoun_subject_chain(discourse: Discourse, position: int, gender: str | None) -> tuple[str, int, int] | None:
    """A run of sentences opening with the same pronoun is one person: the one before the run, not a name inside it.

    "John Lewis spoke. He did not mention Trump. '…,' he said": Trump is an object inside the run.
    """
    start = discourse.pronoun_chain_start(position, gender)
    if start is None:
        return None
    for find in (evidenced_person_nearby, any_name_close_by, evidenced_person_earlier):
        found = find(discourse, start, gender)
        if found is not None:
            return found
    return None


@rule("antecedent", examples=["Mayor Ana Ruiz spoke first. Crowds cheered. “We will rebuild,” [[she]] said."])
def evidenced_person_nearby(discourse: Discourse, position: int, gender: str | None) -> tuple[str, int, int] | None:
    """A pronoun refers to someone shown to be a person (titled, quoted, by surname) in the last four sentences."""
    return discourse.antecedent_within(position, gender, True, 4)


@rule("antecedent", examples=["Ana Ruiz arrived. “We will rebuild,” [[she]] said."])
def any_name_close_by(discourse: Discourse, position: int, gender: str | None) -> tuple[str, int, int] | None:
    """Close by (two sentences), any multi-word name will do ("Ana Ruiz arrived. ... she said")."""
    return discourse.antecedent_within(position, gender, False, 2)


@rule(
    "antecedent",
    examples=["Mayor Ana Ruiz arrived. It rained. It snowed. It hailed. It cleared. “We will rebuild,” [[she]] said."],
)
def evidenced_person_earlier(discourse: Discourse, position: int, gender: str | None) -> tuple[str, int, int] | None:
    """Failing those, the nearest person anywhere earlier in the article."""
    return discourse.antecedent_within(position, gender, True, 10_000)
