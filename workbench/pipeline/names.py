"""Names of people and organisations as news copy writes them, without an NER model.

English news introduces a person once with titles and descriptors ("Iran's Oil Minister Javad Owji") and then
uses the surname, a title plus surname ("President Raisi"), a role ("the minister") or a pronoun. These helpers
strip the descriptors, recognise the short forms and map them back to the fullest form the article uses, so every
layer (quotes, claims) names the same person the same way.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

# Words that describe a person's office or standing; they precede a name but are not part of it.
TITLE_WORDS = frozenset(
    """
    president vice prime premier minister foreign oil interior defense defence finance economy health justice
    petroleum education trade culture energy agriculture industry labor labour transport transportation home
    affairs secretary senator sen rep reps representative congressman congresswoman assemblyman assemblywoman
    gov governor mayor lt col sgt capt adm maj gen brig general colonel captain sergeant admiral lieutenant
    commander chief judge speaker chancellor ambassador envoy spokesman spokeswoman spokesperson leader supreme
    king queen prince princess crown emperor pope ayatollah sheikh sheik sayyed seyyed sayed sayyid seyed haj
    hajj martyr imam hojatoleslam cardinal bishop archbishop rabbi reverend rev father mr mrs ms miss dr prof
    professor sir dame lord lady director chairman chairwoman chair ceo coach officer agent detective inspector
    attorney counsel deputy acting former late then top state national security adviser advisor candidate
    nominee presidential democratic republican gop mp lawmaker first president-elect vice-president executive
    managing founder co-founder ex analyst economist strategist correspondent editor columnist writer author
    host anchor reporter commissioner superintendent sheriff chief-of-staff staff press white house majority
    minority whip leader-elect delegate councilman councilwoman councillor alderman rt hon honorable honourable
    excellency highness majesty grand mufti journalist reader associate justices activist actor actress singer
    rapper comedian businessman businesswoman billionaire entrepreneur investor lawyer historian scholar
    researcher scientist physician doctor nurse pastor priest preacher evangelist star commentator pundit blogger
    novelist poet filmmaker producer designer athlete quarterback chef model prosecutor detective officer
    sheriff trooper teacher professor student economist pollster consultant operative donor mogul tycoon
    comptroller treasurer auditor magistrate independent democrat libertarian progressive team sens govs gens
    messrs major
    """.split()
)

# Head nouns of descriptions that may stand for a named person ("the president") or be a speaker themselves
# ("the ministry", "officials").
ROLE_NOUNS = frozenset(
    """
    president minister leader diplomat spokesman spokeswoman spokesperson official officials ministry
    government agency police source sources analyst analysts expert experts lawmaker lawmakers senator
    governor mayor chief director head secretary ambassador envoy commander general prosecutor prosecutors
    lawyer lawyers attorney judge court department office committee council company firm group representative
    representatives member members campaign aide aides adviser advisers advisor advisors residents witness
    witnesses people voters critics supporters researchers scientists doctors authorities organizers organisers
    protesters activists observers report study survey poll statement media newspaper paper daily network
    administration military army navy presidency website chairman chairwoman founder executive executives
    candidate nominee premier king queen prince pope cleric clerics regime officer officers source spokespeople
    team party parliament congress senate bank fund union board counterpart counterparts host anchor reporter
    reporters correspondent economist economists journalist journalists editor author writer manager owner
    coach player players officials' residents' teacher teachers students student worker workers union leaders
    ministers presidents governors mayors senators diplomats negotiators negotiator investigators investigator
    """.split()
)

# Adjectives that sit inside a description ("the top Iranian diplomat", "two senior officials").
DESCRIPTION_MODIFIERS = frozenset(
    """
    top senior former chief deputy acting foreign local state federal national regional military security
    government administration white house new late then current outgoing incoming supreme one two three four
    five several many some other few both all official unnamed anonymous high-ranking high-level ranking
    independent international economic political spokesperson defense defence interior health finance
    """.split()
)

# Descriptors that also precede non-people ("the late Venezuelan ...", "top Iranian ..."): not enough alone.
WEAK_TITLES = frozenset(
    "late former then top acting state national security first ex white house democratic republican gop "
    "presidential executive managing staff press majority minority supreme crown grand vice deputy team".split()
)

PRONOUNS = {"he": "m", "she": "f", "they": "group", "i": None, "we": None, "it": "org"}

# Capitalised words that start sentences or name times and places rather than people.
NOT_NAME_WORDS = frozenset(
    """
    the a an in on at but and or after before despite during when while although though if as for with without
    from to by under over since until this that these those his her their its our my your today yesterday
    tomorrow monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december mr mrs ms dr it he she they we i there here what who why
    how where which then also meanwhile however still yet so not no yes now earlier later last next according
    speaking asked asking stressing pointing referring noting adding saying upon among between about against
    across through into onto toward towards via per every each some many most other such all both either
    neither more less several few one two three four five six seven eight nine ten first second third like
    unlike amid near beyond within inside outside around behind below above except including regarding
    concerning plus once even only just
    """.split()
)

# Last words of capitalised sequences that name organisations, outlets and places, never people.
ORG_OR_PLACE_HEADS = frozenset(
    """
    news agency times post journal daily tribune herald gazette telegraph guardian press media network tv
    radio channel house department ministry office party council committee commission association
    organization organisation institute university college school company corp corporation inc ltd group
    bank fund court senate congress parliament assembly union army navy forces force police service
    administration government foundation center centre campaign republic kingdom states state america africa
    asia europe east west north south city county street avenue square palace gulf sea ocean river valley
    island islands coast bay airport hospital church mosque mausoleum pantheon revolution nations league
    authority board bureau club review magazine website twitter facebook instagram youtube standard war wars
    policy act law bill plan program programme index award prize cup games series show festival conference
    summit deal agreement treaty accord initiative project road park centre foundation institution museum
    library stadium arena hall tower building bridge station airlines airline motors group holdings partners
    capital energy oil gas pharmaceuticals records studios pictures entertainment day week month year era age
    movement coalition alliance caucus front brigade division regiment battalion corps guard advisers advisors
    """.split()
)

PLACE_FIRST_WORDS = frozenset(
    "new south north east west united latin saudi middle central great los san santa las hong sri costa "
    "puerto el islamic supreme white wall".split()
)

NAME_PARTICLES = frozenset("al el bin ibn de da del della der den di du dos das van von la le y ben abu st.".split())

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen rep gov gen lt col sgt capt adm maj brig prof rev hon jr sr st pres gens reps sens messrs "
    "mt ft no vs rt inc co corp ltd bros jan feb aug sept oct nov dec ala ariz ark calif colo conn del fla ga ill "
    "ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo".split()
)

_TOKEN = re.compile(r"\w+(?:[’'.\-]\w+)*\.?|[^\w\s]")


class Token(NamedTuple):
    """A word or punctuation mark with its offsets; a tuple because attribution makes millions of them."""

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower().rstrip(".")

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens with text offsets; a final dot stays only on abbreviations and initials."""
    end = len(text) if end is None else end
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text, start, end):
        word = match.group()
        s, e = match.span()
        if len(word) > 1 and word.endswith("."):
            core = word[:-1]
            keep = core.lower() in _ABBREVIATIONS or (len(core) == 1 and core.isupper()) or "." in core
            if not keep:
                tokens.append(Token(s, e - 1, core))
                tokens.append(Token(e - 1, e, "."))
                continue
        tokens.append(Token(s, e, word))
    return tokens


def fold(word: str) -> str:
    """Case- and accent-insensitive key, possessive dropped: "Nicolás" and "Nicolas’s" compare equal."""
    word = re.sub(r"[’']s$", "", word)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().rstrip(".")


def place_stem(word: str) -> str:
    """Crude stem that lets a demonym meet its country: "Iranian"/"Iran’s" -> "iran", "Venezuelan" -> "venezuel"."""
    word = fold(word)
    for suffix in ("ian", "ese", "ish", "an", "i", "a"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def is_possessive(word: str) -> bool:
    return len(word) > 2 and word[-2:] in ("’s", "'s")


_TITLE_PREFIXES = frozenset("co ex vice deputy then former acting".split())


def is_title(token: Token) -> bool:
    """A title word, hyphenated ones included ("Editor-in-Chief", "Vice-Chair")."""
    low = token.lower
    if "-" in low and not token.text.isupper():
        first, *_, last = low.split("-")
        # "Editor-in-Chief", "Vice-Chair"; "Co-host", "Ex-Senator": a prefix before a title
        return first in TITLE_WORDS or (first in _TITLE_PREFIXES and last in TITLE_WORDS)
    return low in TITLE_WORDS


def looks_like_name_word(token: Token) -> bool:
    """Capitalised word or initial that can be part of a personal name."""
    text = token.text
    if not text[:1].isupper() or is_possessive(text):
        return False
    if len(text) == 2 and text.endswith("."):
        return True
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not text.isupper() or (len(letters) <= 2 and text.endswith("."))


def split_name(tokens: list[Token]) -> tuple[list[Token], set[str]]:
    """The personal name at the end of a noun phrase and the descriptors before it.

    "Iran's Oil Minister Javad Owji" -> (["Javad", "Owji"], {"iran", "oil", "minister"}). The name is what follows
    the last title word or possessive; an empty name means the phrase is only a description ("the president").
    """
    cut = 0
    for i, token in enumerate(tokens):
        article = token.lower in ("the", "a", "an") and token.text != "A."  # "Michael A. Peterson": an initial
        if is_title(token) or is_possessive(token.text) or article or not token.is_cap:
            if token.lower in NAME_PARTICLES and 0 < i < len(tokens) - 1 and tokens[i + 1].is_cap:
                continue
            cut = i + 1
    if cut == len(tokens) and _title_surname(tokens):
        cut -= 1  # "plant worker Justin King": a title word at the end after a first name is a surname
        while cut > 0 and tokens[cut - 1].is_cap and not is_title(tokens[cut - 1]):
            cut -= 1
    name = strip_suffixes(tokens[cut:])
    if any(t.lower in ("of", "for") for t in tokens[:cut]):
        name = drop_office_object(name)
    while name and not looks_like_name_word(name[0]):
        name = name[1:]
    roles = {place_stem(t.text) if t.is_cap else t.lower for t in tokens[:cut] if t.is_word}
    roles.discard("the")
    return name, roles


# Title words that are also common surnames ("Larry King", "Justin Bishop").
_SURNAME_TITLES = frozenset("king bishop judge pope cardinal prince lord major chancellor dean".split())

# What an office is "of" ("Chief of Police", "Director of National Intelligence"), before the holder's name.
OFFICE_OBJECTS = frozenset(
    """
    police intelligence staff homeland operations communications public safety services human commerce treasury
    veterans justice defense defence labor labour education health interior transportation energy agriculture
    housing management budget naval army air research information technology policy staffs corrections
    """.split()
)


def drop_office_object(name: list[Token]) -> list[Token]:
    """ "(Director of) National Intelligence James Clapper" -> "James Clapper": the office's object is no name."""
    while len(name) > 2 and (fold(name[0].text) in OFFICE_OBJECTS or fold(name[0].text) in ORG_OR_PLACE_HEADS):
        name = name[1:]
    return name


def _title_surname(tokens: list[Token]) -> bool:
    """ "Justin King": the phrase ends on a surname-like title word right after a capitalised first name."""
    if len(tokens) < 2 or tokens[-1].lower not in _SURNAME_TITLES or not tokens[-1].is_cap:
        return False
    first = tokens[-2]
    folded = fold(first.text)
    return (
        first.is_cap
        and not is_title(first)
        and not is_possessive(first.text)
        and looks_like_name_word(first)
        and folded not in PLACE_FIRST_WORDS
        and folded not in NOT_NAME_WORDS
        and place_stem(first.text) == folded
    )


_NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv mep mp md m.d. phd ph.d. esq esq. qc".split())


def strip_suffixes(name: list[Token]) -> list[Token]:
    """ "Mike Hookem MEP" -> "Mike Hookem"; "Martin Luther King Jr." -> "Martin Luther King"."""
    while len(name) > 1 and name[-1].text.lower() in _NAME_SUFFIXES:
        name = name[:-1]
    return name


# Countries and US states: "Michigan", "Progress Michigan" and "Iran" are no people.
PLACES = frozenset(
    """
    afghanistan albania algeria angola argentina armenia australia austria azerbaijan bahrain bangladesh belarus
    belgium bolivia bosnia brazil bulgaria burma cambodia cameroon canada chile china colombia congo croatia cuba
    cyprus czechia denmark ecuador egypt eritrea estonia ethiopia finland france gaza germany ghana greece
    guatemala haiti honduras hungary iceland india indonesia iran iraq ireland italy jamaica japan kazakhstan kenya
    kosovo kuwait kyrgyzstan laos latvia lebanon liberia libya lithuania luxembourg macedonia madagascar malaysia
    mali malta mexico moldova mongolia montenegro morocco mozambique myanmar namibia nepal netherlands nicaragua
    niger nigeria norway oman pakistan palestine panama paraguay peru philippines poland portugal qatar romania
    russia rwanda scotland senegal serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria
    taiwan tajikistan tanzania thailand tunisia turkey turkmenistan uganda ukraine uruguay uzbekistan venezuela
    vietnam wales yemen zambia zimbabwe britain england europe asia africa america
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana
    iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
    nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia wisconsin wyoming
    israel jordan washington georgia chad
    """.split()
)
# Places that are also surnames ("Steve Israel", "Michael Jordan"): a place only when they stand alone.
_SURNAME_PLACES = frozenset("israel jordan washington georgia chad".split())


def is_org_or_place(name: list[Token]) -> bool:
    """Capitalised sequences such as "Fars News" or "Latin America" are not people."""
    if not name:
        return False
    if fold(name[-1].text) in ORG_OR_PLACE_HEADS or fold(name[0].text) in PLACE_FIRST_WORDS:
        return True
    last = fold(name[-1].text)
    if last in PLACES and (len(name) == 1 or last not in _SURNAME_PLACES):
        return True
    return all(t.text.isupper() and len(t.text) > 1 for t in name)


def is_org_or_place_name(name: str) -> bool:
    return is_org_or_place(tokenize(name))


_CAP_SEQUENCE = re.compile(
    r"[A-ZÀ-ÖØ-Þ][\w’'.\-]*(?:[ \t]+(?:(?:al|el|bin|ibn|de|da|del|der|van|von|la|le|du|dos|di)[ \t]+)?"
    r"[A-ZÀ-ÖØ-Þ][\w’'.\-]*)*"
)


@dataclass
class Person:
    """One person the article names, with every descriptor seen before the name anywhere in the article."""

    name: str
    roles: set[str] = field(default_factory=set)
    gender: str | None = None


_GENDERED_TITLES = {
    "mr": "m", "sir": "m", "king": "m", "prince": "m", "lord": "m", "father": "m", "congressman": "m",
    "spokesman": "m", "chairman": "m",
    "mrs": "f", "ms": "f", "miss": "f", "queen": "f", "princess": "f", "lady": "f", "dame": "f",
    "congresswoman": "f", "spokeswoman": "f", "chairwoman": "f",
    "husband": "m", "father": "m", "son": "m", "brother": "m", "man": "m", "boy": "m", "actor": "m",
    "businessman": "m", "uncle": "m", "grandfather": "m", "nephew": "m", "widower": "m", "boyfriend": "m",
    "wife": "f", "mother": "f", "daughter": "f", "sister": "f", "woman": "f", "girl": "f", "actress": "f",
    "businesswoman": "f", "aunt": "f", "grandmother": "f", "niece": "f", "widow": "f", "girlfriend": "f",
}  # fmt: skip


# After a name: ", who ...", ", 45, ...", ", a former ...": the writer is describing a person.
_APPOSITIVE = re.compile(r",\s+(?:who\b|\d{1,3},|(?:a|an|the)\s+(?:former|retired|longtime|veteran|top|senior)\b)")


_OFFICE_AFTER = re.compile(r",[ \t]+(?:the[ \t]+)?([a-z][a-z-]+)[ \t]+(?:of|for|at)\b")


def _office_appositive(text: str, end: int) -> bool:
    """ "Alan Krueger, chairman of the Council ...": an office held right after the name makes it a person."""
    match = _OFFICE_AFTER.match(text, end)
    return match is not None and match.group(1) in TITLE_WORDS and match.group(1) not in WEAK_TITLES


_LOWERCASE_WORD = re.compile(r"\b[a-z]+\b")
_LOCATIVE = re.compile(r"\b(?:in|at|near|across|outside|inside|throughout)\s+$")


# Reporting verbs that open a sentence before the speaker ('Says Morales: "…"'); none is a first name.
_INVERTED_CUES = frozenset("says adds asks writes tells notes explains recalls argues insists concludes warns".split())


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
        self._lowercase_words: set[str] | None = None
        self._evidence: set[str] = set()
        self._alone: set[str] = set()
        self._places: set[str] = set()
        self._by_first: dict[str, list[tuple[int, str, str]]] = {}
        self._full_form_cache: dict[tuple[str, ...], tuple[list, list[int], dict[str, tuple]]] = {}
        for start, end in self.ranges:
            for match in _CAP_SEQUENCE.finditer(text, start, end):
                for group in _split_at_punctuation(tokenize(text, match.start(), match.end())):
                    self._add(group)

    def _sentence_initial(self, token: Token) -> bool:
        before = self.text[max(0, token.start - 3) : token.start].rstrip(" \t")
        return not before or before[-1] in ".!?\n\"”’"

    def common_word_at_sentence_start(self, token: Token) -> bool:
        """ "Like Iran, ..." is not a person: a sentence-initial word the article also writes in lowercase."""
        if not self._sentence_initial(token):
            return False
        if self._lowercase_words is None:
            words = _LOWERCASE_WORD.findall
            self._lowercase_words = {w for start, end in self.ranges for w in words(self.text, start, end)}
        return token.text.lower() in self._lowercase_words

    def _add(self, tokens: list[Token]) -> None:
        text = self.text
        tokens = self._with_lowercase_descriptors(tokens)
        name, roles = split_name(tokens)
        name = strip_suffixes(_trim_possessive(name))
        while name and (
            fold(name[0].text) in NOT_NAME_WORDS
            or fold(name[0].text) in _INVERTED_CUES
            or self.common_word_at_sentence_start(name[0])
        ):
            name = name[1:]
        if not name or len(name) > 5 or is_org_or_place(name):
            return
        surface = _surface(text, name)
        key = fold(name[-1].text)
        self.occurrences.append((name[0].start, name[-1].end, surface))
        if len(name) >= 2:
            folded = tuple(fold(t.text) for t in name)
            initial = self._sentence_initial(name[0])
            self.by_surname.setdefault(key, []).append((name[0].start, surface, folded, initial))
            self._by_first.setdefault(folded[0], []).append((name[0].start, surface, key))
        elif _LOCATIVE.search(text, max(0, name[0].start - 8), name[0].start):
            self._places.add(key)  # "in London": a place, whatever else the article writes
        else:
            self._alone.add(key)
        party = party_tag_roles(text, name[-1].end)
        roles |= party
        titled = bool(party) or any(r in TITLE_WORDS and r not in WEAK_TITLES for r in roles)
        if titled or _APPOSITIVE.match(text, name[-1].end) or _office_appositive(text, name[-1].end):
            self._evidence.add(key)
        if titled or len(name) >= 2:
            person = self.persons.setdefault(key, Person(surface))
            person.roles |= roles
            for role in roles:
                person.gender = person.gender or _GENDERED_TITLES.get(role)

    def register(self, name: str) -> None:
        """Someone the article quotes is a person, whatever the other evidence says."""
        words = name.split()
        if words:
            self._evidence.add(fold(words[-1]))
            self.persons.setdefault(fold(words[-1]), Person(name))

    def is_person(self, key: str) -> bool:
        """A person, not a place or an event: titled, quoted, described ("X, who ..."), or called by surname."""
        return key in self.persons and (key in self._evidence or (key in self._alone and key not in self._places))

    def _with_lowercase_descriptors(self, tokens: list[Token]) -> list[Token]:
        """Add the lowercase descriptors just before a name ("the Iranian leader Ali Khamenei") as roles."""
        if not tokens:
            return tokens
        before = tokenize(self.text, max(0, tokens[0].start - 40), tokens[0].start)
        if len(before) >= 2 and before[-1].text == "," and before[-2].lower in _GENDERED_TITLES:
            return [before[-2]] + tokens  # "his wife, Huma Abedin": the noun tells who "she" can be
        extra: list[Token] = []
        for i in range(len(before) - 1, -1, -1):
            token = before[i]
            low = token.lower
            if low in ROLE_NOUNS or low in DESCRIPTION_MODIFIERS or low in TITLE_WORDS or low in _GENDERED_TITLES:
                extra.insert(0, token)
            elif low in ("of", "for") and i > 0 and is_title(before[i - 1]) and before[i - 1].is_cap:
                extra.insert(0, token)  # "Chief of Police Deanna Nollette"
            elif token.is_cap and token.is_word and extra:
                extra.insert(0, token)
            else:
                break
        return extra + tokens

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
        anchor = candidates[i] if i >= 0 else candidates[0]
        best = best_by_first[anchor[2][0]]
        return best[1] if len(best[2]) >= len(words) else short

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
            candidates = [c for c in self.by_surname.get(words[-1], []) if wanted <= set(c[2])]
            # "Enraged Trump defends ..." at a sentence start is a weaker full form than "Donald Trump" mid-sentence,
            # unless it extends one ("Michael A. Peterson was charged" after "Michael Peterson")
            inner = [c for c in candidates if not c[3]]
            candidates = [c for c in candidates if not c[3] or any(set(n[2]) <= set(c[2]) for n in inner)] or candidates
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

    def by_role(self, roles: set[str], position: int, mentions: list[tuple[int, str]]) -> str | None:
        """The most recently mentioned person whose descriptors include every role word ("the president")."""
        wanted = {r for r in roles if r not in ("the", "a", "an")}
        if not wanted:
            return None
        matching = {key for key, p in self.persons.items() if self.is_person(key) and wanted <= _role_stems(p.roles)}
        if not matching:
            return None
        starts = [m[0] for m in mentions]
        for i in range(bisect_right(starts, position) - 1, -1, -1):
            key = fold(mentions[i][1].split()[-1])
            if key in matching:
                return mentions[i][1]
        return None  # a role refers back; "the minister said ... Minister Sara Okafor" is not resolved forward


# Abbreviated and variant titles compared in their full form: "Gov. X" is "the governor", "Sen. X" "the senator".
_ROLE_CANONICAL = {
    "gov": "governor", "govs": "governor", "sen": "senator", "sens": "senator", "rep": "representative",
    "reps": "representative", "congressman": "representative", "congresswoman": "representative",
    "gen": "general", "gens": "general", "lt": "lieutenant", "col": "colonel", "sgt": "sergeant",
    "capt": "captain", "adm": "admiral", "maj": "major", "prof": "professor", "pres": "president",
    "democratic": "democrat", "gop": "republican", "advisor": "adviser",
}  # fmt: skip

# A description's head that any of several offices satisfies: "the French leader" is the French president.
_ROLE_HYPERNYMS = {
    "lawmaker": frozenset(
        "senator representative assemblyman assemblywoman mp delegate councilman councilwoman councillor alderman "
        "legislator lawmaker".split()
    ),
    "leader": frozenset("president premier chancellor king queen prime emperor leader ayatollah".split()),
}
_ROLE_HYPERNYMS["legislator"] = _ROLE_HYPERNYMS["lawmaker"]


def canonical_roles(roles: set[str]) -> set[str]:
    """Role words in the form descriptions use: abbreviations spelt out, demonyms stemmed."""
    out = {_ROLE_CANONICAL.get(r, r) for r in roles}
    return out | {place_stem(r) for r in out}


def _role_stems(roles: set[str]) -> set[str]:
    out = canonical_roles(roles)
    return out | {hyper for hyper, offices in _ROLE_HYPERNYMS.items() if out & offices}


# US states as AP style and postal codes abbreviate them in party tags ("R-Tenn.", "D-N.Y.", "(R-OH)").
_STATE_ABBREVIATIONS = {
    "ala": "Alabama", "al": "Alabama", "ak": "Alaska", "ariz": "Arizona", "az": "Arizona", "ark": "Arkansas",
    "ar": "Arkansas", "calif": "California", "cal": "California", "ca": "California", "colo": "Colorado",
    "co": "Colorado", "conn": "Connecticut", "ct": "Connecticut", "del": "Delaware", "de": "Delaware",
    "fla": "Florida", "fl": "Florida", "ga": "Georgia", "hi": "Hawaii", "ia": "Iowa", "id": "Idaho",
    "ill": "Illinois", "il": "Illinois", "ind": "Indiana", "in": "Indiana", "kan": "Kansas", "kans": "Kansas",
    "ks": "Kansas", "ky": "Kentucky", "la": "Louisiana", "md": "Maryland", "mass": "Massachusetts",
    "ma": "Massachusetts", "me": "Maine", "mich": "Michigan", "mi": "Michigan", "minn": "Minnesota",
    "mn": "Minnesota", "miss": "Mississippi", "ms": "Mississippi", "mo": "Missouri", "mont": "Montana",
    "mt": "Montana", "neb": "Nebraska", "nebr": "Nebraska", "ne": "Nebraska", "nev": "Nevada", "nv": "Nevada",
    "nh": "New Hampshire", "nj": "New Jersey", "nm": "New Mexico", "ny": "New York", "nc": "North Carolina",
    "nd": "North Dakota", "oh": "Ohio", "okla": "Oklahoma", "ok": "Oklahoma", "ore": "Oregon", "or": "Oregon",
    "pa": "Pennsylvania", "penn": "Pennsylvania", "ri": "Rhode Island", "sc": "South Carolina",
    "sd": "South Dakota", "tenn": "Tennessee", "tn": "Tennessee", "tex": "Texas", "tx": "Texas", "ut": "Utah",
    "va": "Virginia", "vt": "Vermont", "wash": "Washington", "wa": "Washington", "wva": "West Virginia",
    "wv": "West Virginia", "wis": "Wisconsin", "wisc": "Wisconsin", "wi": "Wisconsin", "wyo": "Wyoming",
    "wy": "Wyoming",
}  # fmt: skip
_PARTIES = {"R": ("republican",), "D": ("democrat",), "I": ("independent",)}
# "Sen. Rob Portman, R-Ohio," / "Rep. Jim Cooper (D-Tenn.)": party and state written after a lawmaker's name.
_PARTY_TAG = re.compile(r"[ \t]*(?:,|\()[ \t]*([RDI])[-–]([A-Z][A-Za-z.]*(?:[ \t][A-Z][a-z.]+)?)(?=[,.;:)\s]|$)")


def party_tag_roles(text: str, end: int) -> set[str]:
    """Roles a party tag right after a name gives: {"republican", "ohio", "lawmaker"} for ", R-Ohio"."""
    match = _PARTY_TAG.match(text, end)
    if match is None:
        return set()
    state = match.group(2).rstrip(".")
    state = _STATE_ABBREVIATIONS.get(state.replace(".", "").lower(), state)
    if fold(state.split()[-1]) not in PLACES and " " not in state:
        return set()
    return {*_PARTIES[match.group(1)], "lawmaker"} | {place_stem(w) for w in state.split()}


def _split_at_punctuation(tokens: list[Token]) -> list[list[Token]]:
    groups: list[list[Token]] = [[]]
    for token in tokens:
        if token.is_word:
            groups[-1].append(token)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _trim_possessive(name: list[Token]) -> list[Token]:
    if name and is_possessive(name[-1].text):
        last = name[-1]
        return name[:-1] + [Token(last.start, last.end - 2, last.text[:-2])]
    return name


def _surface(text: str, name: list[Token]) -> str:
    return " ".join(text[name[0].start : name[-1].end].split())
