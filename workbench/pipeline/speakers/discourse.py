"""One article as attribution sees it: sentences, quotations, cues per stretch, and the people pronouns refer to."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cached_property
from operator import itemgetter

from workbench.pipeline.names import (
    DESCRIPTION_MODIFIERS,
    PRONOUNS,
    TITLE_WORDS,
    NameIndex,
    Token,
    fold,
    place_stem,
    split_name,
    tokenize,
)
from workbench.pipeline.sentences import SentenceIndex
from workbench.pipeline.speakers.cues import cue_at
from workbench.pipeline.speakers.lexicon import (
    CUE_WORDS,
    FULL_INDEX_LIMIT,
    SPEECH_VERBS,
)
from workbench.pipeline.speakers.patterns import (
    CUE_WORD_SEARCH,
    MODIFIER_OF_NAME,
    ROLE_DESCRIPTION,
)
from workbench.pipeline.speakers.phrases import main_subject, without_parentheticals
from workbench.pipeline.speakers.types import Antecedent, Cue, Mention

# The first personal pronoun after a name; a subject's own are "he", "his", "himself", "she", "herself" and "her" as
# a possessive ("her bill"); an object ("him", "introduced her") is someone else. Opening on "(?=[hs])" lets the
# regex engine skip to the next "h" or "s" instead of trying "\b" at every position (the same matches, in half the time).
_PERSONAL = re.compile(
    r"(?=[hs])\b(?:(he|his|himself)|(she|herself|her(?=[ \t]+(?!(?:and|or|to|in|on|at|for|with|that|as|"
    r"from|by|about|the|a|an|into|over|after|before|if|when|but|of)\b)[a-z]))|him|her|hers)\b",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]")
# Words after which a name is an object, never the subject ("posting the video about Mr. Rubio").
_NOT_BEFORE_SUBJECT = frozenset(
    "with of to by for from between and met the about against into over than toward towards without among amid "
    "across behind beside besides".split()
)
# "one name tossed around is Brian Hook": a name after a copula is a predicate, not the one who speaks next
_AFTER_COPULA = re.compile(r"\b(?:is|was|are|were|be|been|being)\s+$")
# An unnamed person who may speak next: "A loud woman interrupted", '“…,” the official laments' (no name after)
_UNNAMED_PERSON = re.compile(
    r"(?:^|(?<=[.!?”\"]\s)|(?<=\n))(?:A|An|One|a|an|one|the|The)\s+(?:[a-z-]+\s+){0,2}"
    r"(woman|man|girl|boy|official|resident|protester|heckler|mother|father|witness|neighbor|neighbour|"
    r"staffer|employee|voter|attendee)\b(?!,?\s+[A-Z])"
)
_UNNAMED_GENDER = {"woman": "f", "girl": "f", "mother": "f", "man": "m", "boy": "m", "father": "m"}
_PERSON_APPOSITIVE = re.compile(r",[ \t]+(?:his|her|a|an|the)[ \t]+[a-z]")
_START = itemgetter(0)  # a token's start, read in C
_LEADING_CONJUNCTIONS = frozenset({"but", "and", "so", "yet", "then", "still"})
_PREPOSITIONS = frozenset("of for with to by from about against at on in into over toward towards".split())
_INFINITIVE_AFTER = re.compile(r"[ \t]+to[ \t]+[a-z]")


# "Nikki Haley spoke before the summit. ... she explained": speaking (not a quote cue) shows a person who may speak next.
_SPOKE = frozenset({"spoke", "speaks"})
# the person an interviewer asked is the one who answers next ("Jake Tapper asked Bernie Sanders whether ...")
_ASKED_BEFORE = re.compile(r"\b(?:asked|asks|questioned)[ \t]+$")
_ASKS_SOMEONE = re.compile(r"[ \t]+(?:also[ \t]+)?(?:asked|asks|questioned)[ \t]+(?:[A-Z]|(him|her)\b)")


class Discourse:
    """One article's text, sentences and quotations, with the mentions that pronouns and roles resolve to."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], quote_spans: Sequence[tuple[int, int]]):
        self.text = text
        self.sentences = SentenceIndex(sentences)
        self._sentence_starts = [s for s, _ in self.sentences.spans]
        spans = sorted(quote_spans)
        self._quote_starts = [s for s, _ in spans]
        self._quote_ends = [e for _, e in spans]
        self._cues: dict[tuple[int, int, bool], tuple[list[Token], list[tuple[int, Cue]]]] = {}
        self._stretches: dict[tuple[int, int], tuple[list[Token], list[int]]] = {}
        self._subject_pronouns: dict[tuple[int, int], Mention | None] = {}

    def cues(self, start: int, end: int, naming: bool = False) -> tuple[list[Token], list[tuple[int, Cue]]]:
        """Tokens of ``text[start:end]`` and the reporting cues among them outside quotes, with their indexes.

        Kept per stretch, because every number and quote of a sentence asks about the same stretch.
        """
        key = (start, end, naming)
        found = self._cues.get(key)
        if found is None:
            found = self._cues[key] = self._find_cues(start, end, naming)
        return found

    def _find_cues(self, start: int, end: int, naming: bool) -> tuple[list[Token], list[tuple[int, Cue]]]:
        stretch = self._stretches.get((start, end))
        if stretch is None:
            stretch = self._stretches[(start, end)] = self._cue_words(start, end)
        tokens, at = stretch
        cues = []
        for k in at:
            cue = cue_at(tokens, k, naming)
            if cue is not None:
                cues.append((k, cue))
        return tokens, cues

    def _cue_words(self, start: int, end: int) -> tuple[list[Token], list[int]]:
        """Tokens of ``text[start:end]`` and the indexes of the cue words among them outside quotes, for cues of
        either kind. A cue word is a whole token, so each is where the cue-word search finds one: only those
        places are looked up, not every token."""
        inside = self.inside_quote
        found = [
            at for at in (start + m.start() for m in CUE_WORD_SEARCH.finditer(self.text[start:end])) if not inside(at)
        ]
        if not found:
            return [], []  # no cue can start here: tokens are not needed
        tokens = without_parentheticals(tokenize(self.text, start, end))
        starts = list(map(_START, tokens))
        words = []
        for position in found:
            k = bisect_left(starts, position)
            if k < len(tokens) and starts[k] == position and tokens[k].text in CUE_WORDS:
                words.append(k)
        return tokens, words

    def inside_quote(self, position: int) -> bool:
        i = bisect_right(self._quote_starts, position) - 1
        return i >= 0 and position < self._quote_ends[i]

    def sentence(self, position: int) -> tuple[int, int]:
        return self.sentences.containing(position)

    def sentences_before(self, position: int, floor: int, limit: int) -> list[tuple[int, int]]:
        """Up to ``limit`` whole sentences between ``floor`` and ``position``, nearest first."""
        spans = self.sentences.spans
        i = bisect_right(self._sentence_starts, position) - 1
        found: list[tuple[int, int]] = []
        while i >= 0 and len(found) < limit and spans[i][0] >= floor:
            if spans[i][1] <= position:
                found.append(spans[i])
            i -= 1
        return found

    def register(self, mention: Mention | None) -> None:
        """Mark a quoted name as a person before any pronoun is resolved against the article's names."""
        if mention is None or mention.kind != "name":
            return
        name, _ = split_name(tokenize(self.text, mention.start, mention.end))
        if name:
            self.names.register(" ".join(t.text for t in name))

    @cached_property
    def names(self) -> NameIndex:
        """All names of an article; for a text too long to be one, only those near its quotes."""
        if len(self.text) <= FULL_INDEX_LIMIT:
            return _name_index(self.text, None)
        ranges: list[tuple[int, int]] = []
        budget = FULL_INDEX_LIMIT
        for start, end in zip(self._quote_starts, self._quote_ends):
            window = (max(0, start - 20_000), min(len(self.text), end + 2_000))
            if ranges and window[0] <= ranges[-1][1]:
                window = (ranges[-1][1], window[1])
            if window[1] <= window[0]:
                continue
            budget -= window[1] - window[0]
            if budget < 0:
                break
            ranges.append(window)
        return _name_index(self.text, ranges)

    @cached_property
    def timeline(self) -> tuple[list[int], list[Antecedent]]:
        """Mentions of people outside quotes, in text order.

        Names come first; role descriptions ("The president described ...") are then resolved against them, so
        a pronoun after a description finds the person the description stands for.
        """
        entries: list[Antecedent] = []
        for start, end, surface in self.names.occurrences:
            key = fold(surface.split()[-1])
            if self.inside_quote(start) or key not in self.names.persons:
                continue
            full = self.names.full_name(surface, start)
            # "Tapper asked Sanders whether ...": Sanders answers next, Tapper is no antecedent for who answers
            # ("Tueller asked Kamala Harris ... “…,” he said": a woman asked, so he is the one who asked)
            asked = _ASKED_BEFORE.search(self.text, max(0, start - 12), start) is not None
            asks = _ASKS_SOMEONE.match(self.text, end)
            speaks = asked or (asks is None and self._speaks(end))
            subject_like = asked or (asks is None or asks.group(1) is None) and self._subject_like(start, end)
            evidenced = self.names.is_person(key) or (speaks and subject_like and " " in surface)
            entries.append(Antecedent(start, end, full, subject_like, evidenced, speaks and subject_like))
        entries.sort()
        named = [(e.start, e.name) for e in entries if e.evidenced]
        ranges = self.names.ranges
        for match in (m for start, end in ranges for m in ROLE_DESCRIPTION.finditer(self.text, start, end)):
            if self.inside_quote(match.start()):
                continue
            roles = {place_stem(w) if w[:1].isupper() else w.lower() for w in match.group(1).split()}
            roles = {r for r in roles if r in TITLE_WORDS or r not in DESCRIPTION_MODIFIERS}
            name = self.names.by_role(roles | {match.group(2).lower()}, match.start(), named)
            if name:
                subject = self._subject_like(match.start(), match.end())
                entries.append(Antecedent(match.start(), match.end(), name, subject, True))
        entries.sort()
        self._learn_genders(entries)
        return [e.start for e in entries], entries

    def _learn_genders(self, entries: list[Antecedent]) -> None:
        """Give a person no title sexes the gender of the pronoun that follows them as subject ("Feinstein said if
        her bill ..."), when the article never points the other way: without it "he" can go to Dianne Feinstein.

        Only the first personal pronoun after the name in its sentence counts (a subject or a possessive, not an
        object: "Tim Kaine introduced her"), outside quotations, a reporting verb and at most six words after the
        name, with no capitalised word in between (another name the pronoun may stand for); the votes must agree
        three to one.
        """
        votes: dict[str, list[int]] = {}
        for n, entry in enumerate(entries):
            if not entry.subject_like:
                continue
            key = fold(entry.name.split()[-1])
            person = self.names.persons.get(key)
            if person is None or person.gender is not None:
                continue
            end = self.sentence(entry.start)[1]
            if n + 1 < len(entries):
                end = min(end, entries[n + 1].start)  # another person in between: the pronoun may be theirs
            for match in _PERSONAL.finditer(self.text, entry.end, end):
                if self.inside_quote(match.start()):
                    continue
                between = self.text[entry.end : match.start()].split()
                if (
                    len(between) > 6
                    or not any(w.strip(",") in SPEECH_VERBS for w in between)
                    or (_CAPITALISED.search(self.text, entry.end, match.start()))
                ):
                    break  # "X describes his progress", "X believes Pistorius …, as he has": maybe someone else's
                if match.group(1) or match.group(2):
                    votes.setdefault(key, [0, 0])[0 if match.group(1) else 1] += 1
                break
        for key, (male, female) in votes.items():
            if male >= 3 * female or female >= 3 * male:
                self.names.persons[key].gender = "m" if male > female else "f"

    def wholly_quoted(self, sentence: tuple[int, int]) -> bool:
        """Whether every word of a sentence lies inside quotations ('“This law had nothing to do with Iran.”')."""
        return all(self.inside_quote(t.start) for t in tokenize(self.text, sentence[0], sentence[1]) if t.is_word)

    def subject_pronoun(self, sentence: tuple[int, int]) -> Mention | None:
        """The pronoun opening a sentence's main clause outside its quotations: "He did not …", '"…," she said'.

        Kept per sentence: every pronoun looks back over the same few sentences for the run it continues.
        """
        key = (sentence[0], sentence[1])
        if key not in self._subject_pronouns:
            self._subject_pronouns[key] = self._find_subject_pronoun(sentence)
        return self._subject_pronouns[key]

    def _find_subject_pronoun(self, sentence: tuple[int, int]) -> Mention | None:
        tokens = [t for t in tokenize(self.text, sentence[0], sentence[1]) if not self.inside_quote(t.start)]
        first = 0
        while first < len(tokens) and (tokens[first].lower in _LEADING_CONJUNCTIONS or not tokens[first].is_word):
            first += 1
        mention = main_subject(self.text, tokens, first, len(tokens)) if first < len(tokens) else None
        return mention if mention is not None and mention.kind == "pronoun" else None

    def pronoun_chain_start(self, position: int, gender: str | None) -> int | None:
        """Where a run of sentences whose subject is the same pronoun as the one at ``position`` begins (the first
        pronoun of the run), when the sentences between hold no compatible name before their subject.

        "Lewis spoke. He did not mention Trump. '…,' he said": Trump is inside the run, not where it starts.
        """
        if gender not in ("m", "f"):
            return None
        starts, entries = self.timeline

        def compatible_name_between(low: int, high: int) -> bool:
            for entry in entries[bisect_left(starts, low) : bisect_left(starts, high)]:
                if self.names.gender_of(entry.name) in (None, gender):
                    return True
            return False

        if compatible_name_between(self.sentence(position)[0], position):
            return None
        moved = None
        for sentence in self.sentences_before(position, 0, 6):
            subject = self.subject_pronoun(sentence)
            if subject is not None and PRONOUNS.get(subject.text.lower()) == gender:
                moved = subject.start
                if compatible_name_between(sentence[0], subject.start):
                    break  # "When I spoke with Morewedge, he said": the run starts here, with that name
                continue
            if compatible_name_between(sentence[0], sentence[1]):
                break
        return moved

    def _speaks(self, end: int) -> bool:
        """A reporting verb follows the name ("Saru Jayaraman told", "Inglesby also says")."""
        words = self.text[end : end + 30].split()[:3]
        if len(words) > 1 and words[0] == "," and words[1] in ("also", "later", "then"):
            words = words[1:]  # "Ryan Grim, also said he would not attend": copy with a stray comma
        if words and words[0].lower() in ("also", "later", "then", "had", "has", "have"):
            words = words[1:]
        return bool(words) and (words[0].rstrip(",.:;") in SPEECH_VERBS or words[0].rstrip(",.:;") in _SPOKE)

    def _subject_like(self, start: int, end: int) -> bool:
        before = self.text[max(0, start - 60) : start].split()
        # "aide to Secretary of State Hillary Clinton": the words before the title decide
        while len(before) > 1 and (
            # "Secretary of State", "Chairman and Chief Executive": "of", "and" inside a title; "a rally for
            # Sanders" keeps "for" before the name
            before[-1] in ("of", "for", "and")
            and before[-2][:1].isupper()
            and fold(before[-2]) in TITLE_WORDS
            or before[-1][:1].isupper()
            and fold(before[-1]) in TITLE_WORDS
        ):
            before.pop()
        prev = before[-1].lower() if before and before[-1] not in ("And", "But") else ""  # "And Alan Krueger, ..."
        if prev == "for" and _INFINITIVE_AFTER.match(self.text, end):
            prev = ""  # "when it came time for Rubio to attack Trump, he …": the infinitive's subject
        possessive = self.text[end : end + 2] in ("’s", "'s")
        if MODIFIER_OF_NAME.match(self.text, end):
            return False  # "Trump lawyer Jay Sekulow": Trump only modifies the lawyer's name
        # "with Maduro", "Maduro's visit", "the Obama administration" do not make him the one who speaks next
        return not possessive and prev not in _NOT_BEFORE_SUBJECT

    def _after_preposition(self, entry: Antecedent) -> bool:
        """ "a critic of Donald Trump": the mention is a preposition's object (not "and President Trump was")."""
        before = self.text[max(0, entry.start - 40) : entry.start].split()
        while before and before[-1][:1].isupper() and fold(before[-1]) in TITLE_WORDS:
            before.pop()
        return bool(before) and before[-1] in _PREPOSITIONS

    def _opens_sentence(self, entry: Antecedent, sentence_start: int) -> bool:
        """Only titles ("Mr.", "Sen.") or "The" come before the mention in its sentence."""
        return all(
            fold(word) in TITLE_WORDS or word in ("The", "the")
            for word in self.text[sentence_start : entry.start].split()
        )

    def _possessor(self, entry: Antecedent, position: int) -> bool:
        """ "Inconsistency isn't Trump's only shortcoming", "Mr. Cruz's report notes": the person whose thing a
        sentence before the pronoun's is about. Not after a preposition ("the visit of Maduro's aide"), nor after
        another name or a person's description ("Steve Bannon, formerly Trump's chief strategist", "The speaker
        called Trump's achievement"), nor in the pronoun's own sentence ("Referring to Jared Kushner's loss of
        clearance, he said")."""
        if self.text[entry.end : entry.end + 2] not in ("’s", "'s"):
            return False
        sentence = self.sentence(entry.start)
        if sentence[0] >= self.sentence(position)[0]:
            return False
        before = self.text[sentence[0] : entry.start].split()
        while before and before[-1][:1].isupper() and fold(before[-1]) in TITLE_WORDS:
            before.pop()  # "Mr. Cruz's": the title goes with the name
        if any(fold(word) in TITLE_WORDS or (n and word[:1].isupper()) for n, word in enumerate(before)):
            return False
        prev = before[-1].lower() if before else ""
        return prev not in _NOT_BEFORE_SUBJECT

    def _inverted_speaker(self, entry: Antecedent) -> bool:
        """ "…, says Olsen": a name after its reporting verb speaks in its sentence."""
        before = self.text[max(0, entry.start - 30) : entry.start].split()
        return bool(before) and before[-1].lower() in SPEECH_VERBS

    def antecedent_within(
        self, position: int, gender: str | None, evidenced_only: bool, max_sentences: int
    ) -> tuple[str, int, int] | None:
        found = self._named_antecedent(position, gender, evidenced_only, max_sentences)
        if found is not None and self._unnamed_person_between(found[2], position, gender):
            return None
        return found

    def _unnamed_person_between(self, start: int, position: int, gender: str | None) -> bool:
        """ "A loud woman interrupted the president. … “…,” she yelled": the pronoun is the woman nobody names,
        not Gloria Borger named paragraphs before. An unnamed person described between the name and the
        pronoun, of the pronoun's gender, takes it (the speaker stays empty rather than guessed)."""
        for match in _UNNAMED_PERSON.finditer(self.text, start, position):
            noun_gender = _UNNAMED_GENDER.get(match.group(1))
            if (noun_gender is None or gender is None or noun_gender == gender) and not self.inside_quote(
                match.start(1)
            ):
                return True
        return False

    def _named_antecedent(
        self, position: int, gender: str | None, evidenced_only: bool, max_sentences: int
    ) -> tuple[str, int, int] | None:
        """The person a pronoun at ``position`` refers to, among the mentions of the last ``max_sentences``
        sentences (only those with evidence of being a person when ``evidenced_only``).

        In the nearest sentence with a compatible mention, takes the subject of a reporting verb, else the first
        subject-like mention (not after a preposition, not a possessive); an object is only a fallback, weaker than
        the subject of the sentence before.
        """
        starts, entries = self.timeline
        i = bisect_left(starts, position) - 1
        floor = self.sentences_before(position, 0, max_sentences)
        limit = floor[-1][0] if len(floor) == max_sentences else 0
        fallback: Antecedent | None = None
        nearer: Antecedent | None = None  # a full name opening the nearest sentence, though never titled or quoted
        looked = 0
        first_sentence = True
        while i >= 0 and entries[i].start >= limit and looked < 2:
            sentence = self.sentence(entries[i].start)
            group = []
            named_subjects = []  # a full name as subject, shown to be no one's object: stronger than an object
            while i >= 0 and entries[i].start >= sentence[0]:
                entry = entries[i]
                compatible = gender is None or self.names.gender_of(entry.name) in (None, gender)
                # 'The governor, she argued, “…”': the phrase the pronoun interrupts is someone else
                # ("When I spoke with Morewedge, he said" is no such phrase: the name is no subject)
                dislocated = (
                    entry.subject_like
                    and not self.text[entry.end : position].strip(" \t,")
                    and "," in self.text[entry.end : position]
                )
                if compatible and not dislocated and (entry.evidenced or not evidenced_only):
                    group.append(entry)
                elif (
                    entry.subject_like
                    and not dislocated
                    and " " in entry.name
                    and (
                        self.names.gender_of(entry.name) == gender
                        # "Kate Bedingfield, his deputy campaign manager, denied Reade’s allegations": a full name
                        # of no known gender opening the sentence, described as a person, is its subject all the same
                        or (
                            compatible
                            and _PERSON_APPOSITIVE.match(self.text, entry.end) is not None
                            and self._opens_sentence(entry, sentence[0])
                        )
                    )
                    and not _AFTER_COPULA.search(self.text, max(0, entry.start - 12), entry.start)
                ):
                    named_subjects.append(entry)
                i -= 1
            if fallback is not None:
                looked += 1
                if not group and named_subjects and self._after_preposition(fallback):
                    # "John McCain … seems to agree. In an interview, the senator, a critic of Donald Trump,
                    # complained … He warned": an object is weaker than the full name of the pronoun's gender
                    # opening the sentence before, though never titled or quoted
                    first = named_subjects[-1]
                    return first.name, first.start, first.end
            if first_sentence and not group and named_subjects:
                nearer = named_subjects[-1]
            first_sentence = False
            if group and nearer is not None:
                # "Doherty told Politico. … John Dickerson at Slate takes a similar line. “…,” he writes": the
                # subject of the nearest sentence, not a speaker further back
                return nearer.name, nearer.start, nearer.end
            if group:
                group.reverse()
                if fallback is None and not any(e.speaks for e in group):
                    # the nearest sentence is about a person it names only as a possessor: opening the sentence
                    # ("Mr. Cruz's report also notes that Mr. Obama …"), or as its only person ("… given Rather's
                    # past musings. In 2001, he called …"): that person, not a subject sentences further back
                    owner = next((e for e in group if self._possessor(e, position)), None)
                    if (
                        owner is not None
                        and not any(self._inverted_speaker(e) for e in group)
                        and self.names.gender_of(owner.name) == gender
                        # "Bush's predecessor Bill Clinton had …": the possessive only describes another person
                        and not any(
                            word[:1].isupper() for word in self.text[owner.end + 2 : owner.end + 80].split()[:3]
                        )
                        and (all(not e.subject_like for e in group) or self._opens_sentence(owner, sentence[0]))
                    ):
                        return owner.name, owner.start, owner.end
                subjects = [e for e in group if e.speaks] or [e for e in group if e.subject_like]
                if subjects:
                    return subjects[0].name, subjects[0].start, subjects[0].end
                # "Steve Bannon, formerly Trump's chief strategist, took that route. “…,” he told": the sentence's
                # subject, though never titled or quoted before, beats the well-known name after it
                # "Sanders supporter Aaron Selverston seemed …": the name after a role another name modifies
                modified = {m.end() - 1 for e in group if (m := MODIFIER_OF_NAME.match(self.text, e.end))}
                named_subjects = [e for e in named_subjects if e.start < group[-1].start or e.start in modified]
                if fallback is None and named_subjects:
                    first = named_subjects[-1]
                    return first.name, first.start, first.end
                # "... his wife, an aide to Secretary Hillary Clinton. “…,” he said": an object is a weaker
                # antecedent than the subject of the sentence before
                fallback = fallback or group[-1]
        return (fallback.name, fallback.start, fallback.end) if fallback else None


# A copy of the last index built, unregistered: the quotes and then the claims of one article ask for the same names.
_LAST_INDEX: list[tuple[str, list[tuple[int, int]] | None, NameIndex]] = []


def _name_index(text: str, ranges: list[tuple[int, int]] | None) -> NameIndex:
    """A fresh copy of the article's name index, built once per text (and ranges) instead of once per pass.

    The pass after the one that built it takes the kept copy itself (copying it again cost a third of the copies);
    a third pass over the same text, which the extractors never make, builds it anew.
    """
    try:
        last = _LAST_INDEX.pop()  # one step, so two threads never share a copy
    except IndexError:
        last = None
    if last is not None and last[0] is text and last[1] == ranges:
        return last[2]
    index = NameIndex(text, ranges)
    _LAST_INDEX[:] = [(text, ranges, index.copy())]
    return index
