"""Every name one article uses, keyed by surname, so short forms and roles map back to the fullest form."""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from workbench.pipeline.names.lexicon import (
    DESCRIPTION_MODIFIERS,
    FIRST_NAME_GENDER,
    GENDERED_TITLES,
    INVERTED_CUES,
    NOT_NAME_WORDS,
    ORG_OR_PLACE_HEADS,
    PLACES,
    ROLE_CANONICAL,
    ROLE_NOUNS,
    SURNAME_PLACES,
    TITLE_WORDS,
    WEAK_TITLES,
)
from workbench.pipeline.names.parse import (
    appositive_office_roles,
    home_place_roles,
    is_org_or_place,
    is_title,
    name_surface,
    party_tag_roles,
    role_stems,
    split_at_punctuation,
    split_name_frozen,
    strip_suffixes,
    trim_possessive,
)
from workbench.pipeline.names.patterns import (
    APPOSITIVE,
    CAP_SEQUENCE,
    LINK_CARD,
    LOCATIVE,
    OFFICE_AFTER,
    PHOTO_CREDIT_AFTER,
    PHOTO_CREDIT_BEFORE,
)
from workbench.pipeline.names.tokens import Token, fold, new_tuple, tokenize


@dataclass
class Person:
    """One person the article names, with every descriptor seen before the name anywhere in the article."""

    name: str
    roles: set[str] = field(default_factory=set)
    gender: str | None = None


def _office_appositive(text: str, end: int) -> bool:
    """ "Alan Krueger, chairman of the Council ...": an office held right after the name makes it a person."""
    match = OFFICE_AFTER.match(text, end)
    return match is not None and match.group(1) in TITLE_WORDS and match.group(1) not in WEAK_TITLES


def _photo_credit(text: str, name: list[Token]) -> bool:
    """ "toggle caption Jim Watson/AFP": a photographer's credit, not a person of the story."""
    start, end = name[0].start, name[-1].end
    if PHOTO_CREDIT_AFTER.match(text, end):
        return True
    before = text[max(0, start - 24) : start].rstrip()
    if before.endswith(":"):
        before = before[:-1].rstrip()
    # PHOTO_CREDIT_BEFORE ends on a word, then blanks and a colon: only a text ending in one of its words' last
    # letters (in any case; "ſ" matches "s" under IGNORECASE) can match, and most names follow none of them.
    return before[-1:] in _CREDIT_WORD_ENDS and bool(PHOTO_CREDIT_BEFORE.search(text, max(0, start - 24), start))


_CREDIT_WORD_ENDS = frozenset("nsothefNSOTHEFſ")


def fold_words(surface: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in surface.split())


# Uses of a titled short form ("President Trump") before any full form after which a plain full form later in the
# article ("told Melania Trump") is taken for a namesake rather than the full name of the one already introduced.
_ESTABLISHED_USES = 3
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+[\"“‘A-Z]")

# Photo agencies whose credit ends up glued before the next line's first word ("Getty Trump campaign hits ...").
_PHOTO_AGENCIES = frozenset({"Getty", "AFP", "AP", "EPA", "Reuters", "Shutterstock"})

_PAGE_FURNITURE = frozenset(
    {"story continued below", "continue reading", "read more", "click here", "sign up", "related coverage"}
)

_RELATIVES = frozenset(
    "lady wife husband daughter son brother sister father mother widow widower nephew niece cousin".split()
)


def _after_organisation(name: list[Token]) -> list[Token]:
    """The two or more words after the last organisation or place word inside a capitalised run ("United Nations |
    Nikki Haley", "Supreme Court | Justice Ruth Ginsburg"), or nothing."""
    for j in range(len(name) - 2, -1, -1):
        word = fold(name[j].text)
        if word in ORG_OR_PLACE_HEADS or (word in PLACES and word not in SURNAME_PLACES):
            rest = name[j + 1 :]
            return rest if len(rest) >= 2 and not is_org_or_place(rest) else []
    return []


# Plural nouns for groups of people that open sentences ("Politicians have an obligation ...") besides plural roles.
_GROUP_NOUNS = frozenset(
    "politicians critics residents voters protesters supporters opponents observers commentators citizens "
    "americans conservatives liberals progressives democrats republicans".split()
)


_FOLLOWERS = re.compile(r"[ \t]+(?:supporters?|voters?|fans?|backers?|donors?|loyalists?|allies|ally|aides?)\b")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def is_plural_role(name: list[Token]) -> bool:
    """ "Officials told Fox News ...": a plural role noun opening a sentence is a group, never a person's name."""
    word = fold(name[0].text)
    return (
        len(name) == 1
        and word.endswith("s")
        and (word in _GROUP_NOUNS or word[:-1] in ROLE_NOUNS or word[:-1] in TITLE_WORDS)
    )


def _before_link_card(cards: list[tuple[int, int]], start: int, end: int) -> int:
    """Where a capitalised run must end so that no word of a link card joins a name ("Jeff Flake | Jeffrey (Jeff)
    Lane FlakeLindsey Graham ... MORE"): the card's legal name and headline are nobody the article quotes."""
    for card_start, card_end in cards:
        if card_start <= start < card_end:
            return start
        if start < card_start < end:
            return card_start
    return end


_STRONG_TITLES = TITLE_WORDS - WEAK_TITLES
# What follows the blanks after a name when a party tag (", R-Ohio", "(D-Tenn.)"), a home place ("of Virginia"), an
# appositive or an office (", who", ", chairman of") may: any other character rules all of them out without a
# pattern (nine names in ten), and "" (only blanks within reach, or the text's end) rules out none.
_TAG_OPENINGS = frozenset({",", "(", "o", "", "-", "–", "—"})
_AGED = re.compile(r",\s+(?:\d{1,3},|an?\s+\d{1,3}-year-old\b)")

# Every word that makes ``_with_lowercase_descriptors`` look further back than the token just before a name.
_DESCRIPTOR_WORDS = ROLE_NOUNS | DESCRIPTION_MODIFIERS | TITLE_WORDS | frozenset(GENDERED_TITLES) | {"of", "for"}


@lru_cache(maxsize=65536)
def _word_reading(word: str) -> tuple[str, frozenset[str], bool] | None:
    """What ``NameIndex._add_in_full`` reads off a run of this one word, whatever the text around it: None where it
    drops it (no name word left once titles, articles and words that never name anyone are cut: "The", "He",
    "Minister"; or a place or an organisation: "Iran"), else the name's text (a possessive cut off), the roles and
    whether it is a plural role ("Officials"). The checks the text around decides on are left to ``_add_word``.
    Four in ten runs are one word dropped here without reading the article, three in ten one word that is kept."""
    name, roles = split_name_frozen(trim_possessive([Token(0, len(word), word)]))
    name = strip_suffixes(name)
    while name and (fold(name[0].text) in NOT_NAME_WORDS or fold(name[0].text) in INVERTED_CUES):
        name = name[1:]
    while name and fold(name[-1].text) in _WEEKDAYS:
        name = name[:-1]
    if not name or is_org_or_place(name):
        return None
    return name[0].text, roles, is_plural_role(name)


def _is_word_char(char: str) -> bool:
    """What ``\\w`` matches in a ``str`` pattern (Unicode letters, digits, the underscore)."""
    return char.isalnum() or char == "_"


def _word_sets(forms: list[tuple[int, str, tuple[str, ...], bool]]) -> list[tuple[tuple, frozenset[str]]]:
    """Each full form with the set of its folded words, made once per distinct form (an article repeats a few
    names many times, and comparing every pair of forms as fresh sets was 3% of extraction)."""
    made: dict[tuple[str, ...], frozenset[str]] = {}
    paired = []
    for form in forms:
        form_words = made.get(form[2])
        if form_words is None:
            form_words = made[form[2]] = frozenset(form[2])
        paired.append((form, form_words))
    return paired


def _run_groups(text: str, start: int, end: int) -> list[list[Token]]:
    """The word groups of one capitalised run, split at punctuation. A run of letters and digits with single spaces
    between its words ("The", "Donald Trump": seven runs in ten) is one group of those words, read off the spaces
    (exact: ``TOKEN`` takes such a word whole, and a word has no punctuation to split at)."""
    run = text[start:end]
    if run.isalnum():
        return [[new_tuple(Token, (start, end, run))]]
    words = run.split(" ")
    if len(words) > 1 and all(words) and "".join(words).isalnum():
        group = []
        for word in words:
            after = start + len(word)
            group.append(new_tuple(Token, (start, after, word)))
            start = after + 1
        return [group]
    return split_at_punctuation(tokenize(text, start, end))


@lru_cache(maxsize=65536)
def _last_token_key(word: str) -> str | None:
    """The last token of ``word`` (one blank-free stretch, the last of a name's look-back window) lowercased, its
    final dot dropped; None where that token is a single punctuation mark other than a dot or a comma (after a
    quotation mark, a bracket: a fifth of all names), which no descriptor or comma can be. A token ends in neither
    a word character nor a dot only if it is one mark (see ``TOKEN``). Remembered by the stretch ("said.", "the",
    "minister"): no token spans a blank, so the stretch alone decides its tokens, and news repeats them."""
    last = word[-1]
    if not _is_word_char(last) and last not in ".,":
        return None
    token = word if word.isalnum() else tokenize(word)[-1].text
    return token.lower().rstrip(".")


class NameIndex:
    """Every capitalised name sequence of one article, keyed by surname, to expand short forms.

    Built in one regex pass over the text, so it stays linear in the article length.
    """

    def __init__(self, text: str, ranges: list[tuple[int, int]] | None = None):
        self.text = text
        self.ranges = ranges if ranges is not None else [(0, len(text))]
        self.by_surname: dict[str, list[tuple[int, str, tuple[str, ...], bool]]] = {}
        self.persons: dict[str, Person] = {}
        self.occurrences: list[tuple[int, int, str]] = []
        self._lowercase_words: dict[str, bool] = {}
        self._evidence: set[str] = set()
        self._alone: set[str] = set()
        self._places: set[str] = set()
        self._by_first: dict[str, list[tuple[int, str, str]]] = {}
        self._full_form_cache: dict[tuple[str, ...], tuple[list, list[int], dict[str, tuple]]] = {}
        # Shared by every copy: they differ only in what ``register`` adds, which neither depends on.
        self._starts_by_words: dict[tuple[str, ...], list[int]] = {}
        self._namesakes: dict[tuple[str, ...], bool] = {}  # by short form; a later first name adds "@" and its start
        self._role_stems: dict[str, set[str]] = {}
        cards = [(m.end(1), m.end()) for m in LINK_CARD.finditer(text)] if "MORE" in text else []
        titles: list[Token] = []
        for start, end in self.ranges:
            for match in CAP_SEQUENCE.finditer(text, start, end):
                run_start, run_end = match.span()
                if cards:
                    run_end = _before_link_card(cards, run_start, run_end)
                for group in _run_groups(text, run_start, run_end):
                    if len(group) == 1 and group[0].lower in TITLE_WORDS:
                        titles.append(group[0])
                    self._add(group)
        # "Rep. Peter King … King said": a lone title word that is a person's surname is that person's mention
        surnamed = [(t.start, t.end, t.text) for t in titles if fold(t.text) in self.by_surname]
        if surnamed:
            self.occurrences = sorted(self.occurrences + surnamed)

    def copy(self) -> NameIndex:
        """An index that ``register`` can change without changing this one; building one costs far more."""
        twin = copy.copy(self)
        twin.persons = {key: Person(p.name, set(p.roles), p.gender) for key, p in self.persons.items()}
        twin._evidence = set(self._evidence)
        return twin

    def _sentence_initial(self, token: Token) -> bool:
        before = self.text[max(0, token.start - 3) : token.start].rstrip(" \t")
        return not before or before[-1] in '.!?\n"”’'

    def common_word_at_sentence_start(self, token: Token) -> bool:
        """ "Like Iran, ..." is not a person: a sentence-initial word the article also writes in lowercase."""
        if not self._sentence_initial(token):
            return False
        word = token.text.lower()
        known = self._lowercase_words.get(word)
        if known is None:
            known = self._lowercase_words[word] = word.isascii() and word.isalpha() and self._written_lowercase(word)
        return known

    def _written_lowercase(self, word: str) -> bool:
        """Whether ``\\b{word}\\b`` matches in the ranges (``word`` a-z only): it stands alone, neither end touching a
        word character. Asked of the few sentence-initial words only: collecting every lowercase word of the article
        with ``re.findall`` was 2% of extraction."""
        text, size = self.text, len(word)
        for start, end in self.ranges:
            at = text.find(word, start, end)
            while at >= 0:
                after = at + size
                if (at == 0 or not _is_word_char(text[at - 1])) and (after == end or not _is_word_char(text[after])):
                    return True
                at = text.find(word, at + 1, end)
        return False

    def _add(self, tokens: list[Token]) -> None:
        tokens = self._with_lowercase_descriptors(tokens)
        if len(tokens) == 1:
            self._add_word(tokens[0])
        else:
            self._add_in_full(tokens)

    def _add_word(self, token: Token) -> None:
        """``_add_in_full`` of one word (seven runs in ten: "Trump", "The"), with what the word alone decides read
        once per word (``_word_reading``)."""
        reading = _word_reading(token.text)
        if reading is None:
            return
        surface, roles, plural = reading
        if len(surface) < len(token.text):  # "Trump’s": the possessive is no part of the name
            token = Token(token.start, token.start + len(surface), surface)
        # a sentence's first word that the article also writes in lowercase ("Like Iran"), a photo credit
        if self.common_word_at_sentence_start(token) or plural or _photo_credit(self.text, [token]):
            return
        self._store([token], surface, roles)

    def _add_in_full(self, tokens: list[Token]) -> None:
        text = self.text
        # "President Donald Trump’s declaration": the possessive ends the name; left on, it made the whole run a
        # description (split_name cuts after a possessive, as in "Iran's Oil Minister Javad Owji")
        name, roles = split_name_frozen(trim_possessive(tokens))
        name = strip_suffixes(name)
        while name and (
            fold(name[0].text) in NOT_NAME_WORDS
            or fold(name[0].text) in INVERTED_CUES
            or self.common_word_at_sentence_start(name[0])
            # "| Getty Trump campaign hits …": a photo credit glued to a headline is no first name, nor is the
            # headline's opening word after it ("| Getty Despite Assange statement, …")
            or (len(name) >= 2 and name[0].text in _PHOTO_AGENCIES)
        ):
            name = name[1:]
        while name and fold(name[-1].text) in _WEEKDAYS:
            name = name[:-1]  # "blame on Democrats Monday": the day ends the run, it is no surname
        if len(name) >= 3 and fold(name[0].text) not in FIRST_NAME_GENDER and _FOLLOWERS.match(text, name[-1].end):
            name = name[-1:]  # "another Bay Area Biden supporter": a place before an attributive name is no first name
        if name and is_org_or_place(name):
            rest = _after_organisation(name)
            if rest:
                self._add_in_full(rest)  # "the United Nations Nikki Haley": the person after the body
            return
        if not name or len(name) > 5 or _photo_credit(text, name) or is_plural_role(name):
            return
        if len(name) > 1 and " ".join(t.text.lower() for t in name) in _PAGE_FURNITURE:
            return  # "Story Continued Below": a site's line between paragraphs, never anyone's name
        self._store(name, name_surface(text, name), roles)

    def _store(self, name: list[Token], surface: str, roles: frozenset[str]) -> None:
        """Record a name the article uses, with its descriptors, as an occurrence and (two words or a title) a
        person."""
        text = self.text
        if text.startswith("JUST WATCHED", text.rfind("\n", 0, name[0].start) + 1):
            return  # a video card's title ("JUST WATCHED Obama attacks Romney's record Replay More Videos ...")
        key = fold(name[-1].text)
        self.occurrences.append((name[0].start, name[-1].end, surface))
        if len(name) >= 2:
            folded = tuple(fold(t.text) for t in name)
            initial = self._sentence_initial(name[0])
            self.by_surname.setdefault(key, []).append((name[0].start, surface, folded, initial))
            self._by_first.setdefault(folded[0], []).append((name[0].start, surface, key))
        elif LOCATIVE.search(text, max(0, name[0].start - 8), name[0].start):
            self._places.add(key)  # "in London": a place, whatever else the article writes
        else:
            self._alone.add(key)
        end = name[-1].end
        party: set[str] = set()
        described = False
        if text[end : end + 12].lstrip(" \t")[:1] in _TAG_OPENINGS:
            party = party_tag_roles(text, end)
            roles |= party | home_place_roles(text, end) | appositive_office_roles(text, end)
            described = bool(APPOSITIVE.match(text, end)) or _office_appositive(text, end)
        titled = bool(party) or not roles.isdisjoint(_STRONG_TITLES)
        if titled or described:
            self._evidence.add(key)
        # "Chris, a 53-year-old banker from Boone, said": a first name alone, described as a person, is one
        if titled or len(name) >= 2 or (described and _AGED.match(text, end)):
            person = self.persons.setdefault(key, Person(surface))
            person.roles |= roles
            # sorted: a set's order follows PYTHONHASHSEED, and "Mr. ... widow" must give one gender on every run
            for role in sorted(roles):
                person.gender = person.gender or GENDERED_TITLES.get(role)

    def register(self, name: str) -> None:
        """Someone the article quotes is a person, whatever the other evidence says."""
        words = name.split()
        if words:
            self._evidence.add(fold(words[-1]))
            self.persons.setdefault(fold(words[-1]), Person(name))

    def gender_of(self, name: str) -> str | None:
        """The gender of the person ``name`` names: the one the article shows (title, own pronoun), else the one a
        common first name gives ("David Brody", "Lara Brown": the name's own first name, as a surname may be
        shared)."""
        words = name.split()
        person = self.persons.get(fold(words[-1])) if words else None
        own = FIRST_NAME_GENDER.get(fold(words[0])) if len(words) >= 2 else None
        if own is not None and len({folded[0] for _, _, folded, _ in self.by_surname.get(fold(words[-1]), [])}) > 1:
            # "President Donald Trump" and "first lady Melania Trump" share one surname entry and its titles: the
            # full name's own common first name decides, never the other's title ("lady" made Donald Trump a "she")
            return own
        if person is not None and person.gender is not None:
            return person.gender
        if (
            len(words) < 2
        ):  # "Clinton": the first name of its full forms, when they all share one (not Bill and Hillary)
            firsts = {folded[0] for _, _, folded, _ in self.by_surname.get(fold(words[-1]), [])} if words else set()
            return FIRST_NAME_GENDER.get(firsts.pop()) if len(firsts) == 1 else None
        return FIRST_NAME_GENDER.get(fold(words[0]))

    def is_person(self, key: str) -> bool:
        """A person, not a place or an event: titled, quoted, described ("X, who ..."), or called by surname."""
        return key in self.persons and (key in self._evidence or (key in self._alone and key not in self._places))

    def _with_lowercase_descriptors(self, tokens: list[Token]) -> list[Token]:
        """Add the lowercase descriptors just before a name ("the Iranian leader Ali Khamenei") as roles."""
        if not tokens:
            return tokens
        words = self.text[max(0, tokens[0].start - 40) : tokens[0].start].rsplit(None, 1)
        last = _last_token_key(words[-1]) if words else None
        if last is None or (last != "," and last not in _DESCRIPTOR_WORDS):
            return tokens  # the loop below stops at once: "said Donald Trump" (nine names in ten)
        before = self._tokens_before(max(0, tokens[0].start - 40), tokens[0].start)
        token, previous = next(before, None), next(before, None)
        if token is not None and previous is not None and token.text == "," and previous.lower in GENDERED_TITLES:
            return [previous] + tokens  # "his wife, Huma Abedin": the noun tells who "she" can be
        extra: list[Token] = []
        while token is not None:
            low = token.lower
            if low in ROLE_NOUNS or low in DESCRIPTION_MODIFIERS or low in TITLE_WORDS or low in GENDERED_TITLES:
                extra.insert(0, token)
            elif low in ("of", "for") and previous is not None and is_title(previous) and previous.is_cap:
                extra.insert(0, token)  # "Chief of Police Deanna Nollette"
            elif token.is_cap and token.is_word and extra:
                extra.insert(0, token)
            else:
                break
            token, previous = previous, next(before, None)
        return extra + tokens

    def _tokens_before(self, start: int, end: int) -> Iterator[Token]:
        """The tokens of ``text[start:end]``, last first, tokenized a few words at a time: most names stop looking
        back after a word or two. Exact, because no token spans a space, so a space is where any two scans of
        the same text agree."""
        text = self.text
        while end > start:
            last = text.rfind(" ", start, end)
            cut = text.rfind(" ", start, last) if last > start else -1  # two words back, or the window's start
            cut = start if cut < 0 else cut + 1
            yield from reversed(tokenize(text, cut, end))
            end = cut - 1 if cut > start else start

    def full_name(self, short: str, position: int) -> str:
        """The fullest form of ``short`` the article uses: "Raisi" -> "Ebrahim Raisi".

        Among full forms that contain every word of the short one, prefer those sharing a first name with the
        nearest full form before ``position`` (so "Mrs. Clinton" after "Hillary Clinton" is not Bill), then the
        longest.
        """
        words = tuple(fold(w) for w in short.split())
        if not words:
            return short
        candidates, starts, best_by_first = self._full_forms(words)
        if not candidates:
            return self._surname_first(short, words, position)
        i = bisect_right(starts, position - 1) - 1
        if i < 0 and self._namesake_later(words, starts[0]):
            return short  # "President Trump" said before "first lady Melania Trump" appears is not Melania
        anchor = candidates[i] if i >= 0 else candidates[0]
        if i >= 0 and self._is_namesake(words, anchor, candidates) and self._sentences_between(anchor[0], position) > 1:
            # "Trump said" after "first lady Melania Trump", "Romney told" after "his father, George Romney": the
            # short form keeps the referent it had before the relative came in (news calls a relative by the full
            # name or the first name, never by the bare surname the story's subject goes by); not right after the
            # relative came in ("Floyd's brother Philonise Floyd described the call. “…,” Floyd said")
            kept = [c for c in candidates[:i] if not self._is_namesake(words, c, candidates)]
            if not kept:
                return short
            anchor = kept[-1]
        best = best_by_first[anchor[2][0]]
        return best[1] if len(best[2]) >= len(words) else short

    def _title_before(self, start: int) -> str | None:
        words = self.text[max(0, start - 30) : start].split()
        title = fold(words[-1].rstrip(".")) if words else ""
        return ROLE_CANONICAL.get(title, title) if title in TITLE_WORDS else None

    def _namesake_later(self, words: tuple[str, ...], first_full: int) -> bool:
        """The short form was used with a title before its first full form, which comes with another title, or
        three times before a relative's full form: two people ("President Trump" ... "first lady Melania Trump";
        "Trump said" three times ... "his daughter, Ivanka Trump"), so the later full form is a namesake."""
        known = self._namesakes.get(words)
        if known is None:
            known = self._namesakes[words] = self._titled_before_full_form(words, first_full)
        return known

    def _starts_of(self, words: tuple[str, ...]) -> list[int]:
        """Where the article writes exactly ``words`` as a name."""
        if not self._starts_by_words:  # once per article: a scan of every occurrence per name was 3% of ingest
            for start, _, surface in self.occurrences:
                self._starts_by_words.setdefault(fold_words(surface), []).append(start)
        return self._starts_by_words.get(words, [])

    def _sentences_between(self, start: int, end: int) -> int:
        """How many sentence ends lie between ``start`` and ``end`` (a full stop, a question or exclamation mark,
        a closing quotation mark after one, then a space and a capital or an opening mark)."""
        return sum(1 for _ in _SENTENCE_END.finditer(self.text, start, end))

    def _is_namesake(self, words: tuple[str, ...], form: tuple, candidates: list) -> bool:
        """Whether the full form ``form`` belongs to a relative of the one the short form stood for: the short form
        was used three times before that first name's first full form, or with a title before the article's first
        full form, which comes with another; and that full form comes after a family word ("his father, George
        Romney", "President Trump" ... "first lady Melania Trump")."""
        first = next(c for c in candidates if c[2][0] == form[2][0])
        key = (*words, "@", str(first[0]))
        known = self._namesakes.get(key)
        if known is None:
            uses, titles, title = self._titles_up_to(words, first[0])
            known = self._namesakes[key] = self._relative_before(first[0]) and (
                len(uses) >= _ESTABLISHED_USES
                or (first is candidates[0] and title is not None and bool(titles) and title not in titles)
            )
        return known

    def _titles_up_to(self, words: tuple[str, ...], full: int) -> tuple[list[str | None], set[str], str | None]:
        """The title before each use of the short form ``words`` before the full form at ``full`` (None where it had
        none), the titles among them, and the title before the full form."""
        uses = [self._title_before(start) for start in self._starts_of(words) if start < full]
        return uses, {title for title in uses if title is not None}, self._title_before(full)

    def _titled_before_full_form(self, words: tuple[str, ...], first_full: int) -> bool:
        uses, before, title = self._titles_up_to(words, first_full)
        if len(uses) >= _ESTABLISHED_USES and self._relative_before(first_full):
            # "Trump said" again and again, then "the first lady Melania Trump" / "his daughter, Ivanka Trump": the
            # reader's Trump stays Trump (news gives the full name at the first mention, a relative comes later)
            return True
        if title is None:
            # "President Trump" again and again, then a plain "Melania Trump": the reader's Trump stays Trump
            return bool(before) and len(uses) >= _ESTABLISHED_USES
        return bool(before) and title not in before

    def _relative_before(self, start: int) -> bool:
        """A family word among the five words before ``start`` ("first lady", "his daughter and adviser,")."""
        return any(fold(w.strip(",.’'")) in _RELATIVES for w in self.text[max(0, start - 50) : start].split()[-5:])

    def _surname_first(self, short: str, words: tuple[str, ...], position: int) -> str:
        """ "Liu" -> "Liu He", "Xi" -> "Xi Jinping": a surname written first, in a person introduced with a title
        or described, and never written as anyone's last name."""
        if len(words) != 1:
            return short
        forms = [f for f in self._by_first.get(words[0], []) if f[0] < position and f[2] in self._evidence]
        if not forms or len({f[2] for f in forms}) > 1:
            return short
        return max(forms, key=lambda f: len(f[1].split()))[1]

    def _full_forms(self, words: tuple[str, ...]) -> tuple[list, list[int], dict[str, tuple]]:
        """Full forms containing ``words`` (in text order), their starts, and the longest one per first name."""
        cached = self._full_form_cache.get(words)
        if cached is None:
            wanted = set(words)
            word_sets = _word_sets(self.by_surname.get(words[-1], []))
            matching = [(c, c_words) for c, c_words in word_sets if wanted <= c_words]
            candidates = [c for c, _ in matching]
            # "Enraged Trump defends ..." at a sentence start is a weaker full form than "Donald Trump" mid-sentence,
            # unless it extends one ("Michael A. Peterson was charged" after "Michael Peterson")
            inner = {c_words for c, c_words in matching if not c[3]}
            candidates = [c for c, c_words in matching if not c[3] or any(n <= c_words for n in inner)] or candidates
            best_by_first: dict[str, tuple] = {}
            for candidate in candidates:  # the first of the longest forms wins
                first = candidate[2][0]
                if first not in best_by_first or len(candidate[2]) > len(best_by_first[first][2]):
                    best_by_first[first] = candidate
            cached = (candidates, [c[0] for c in candidates], best_by_first)
            self._full_form_cache[words] = cached
        return cached

    def person(self, name: str) -> Person | None:
        words = name.split()
        if not words or not self.is_person(fold(words[-1])):
            return None
        return self.persons[fold(words[-1])]

    def _stems(self, key: str, person: Person) -> set[str]:
        """``role_stems`` of a person's roles, made once per person: every "the president" of an article asks about
        every person. A person's roles are final once the index is built (``register`` adds people, no roles)."""
        stems = self._role_stems.get(key)
        if stems is None:
            stems = self._role_stems[key] = role_stems(person.roles)
        return stems

    def by_role(self, roles: set[str], position: int, mentions: list[tuple[int, str]]) -> str | None:
        """The most recently mentioned person whose descriptors include every role word ("the president")."""
        wanted = {r for r in roles if r not in ("the", "a", "an")}
        if not wanted:
            return None
        matching = {key for key, p in self.persons.items() if self.is_person(key) and wanted <= self._stems(key, p)}
        if not matching:
            return None
        starts = [m[0] for m in mentions]
        for i in range(bisect_right(starts, position) - 1, -1, -1):
            key = fold(mentions[i][1].split()[-1])
            if key in matching:
                return mentions[i][1]
        return None  # a role refers back; "the minister said ... Minister Sara Okafor" is not resolved forward
