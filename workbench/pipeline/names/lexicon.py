"""The word tables of news names: titles, roles, places, particles (data; the parsers live beside them)."""

from __future__ import annotations

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
    messrs major cpl pvt pfc spc det insp supt cmdr cdr ofc amb atty corporal freshman freshmen sophomore
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
    tycoon mogul magnate billionaire businessman businesswoman entrepreneur
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
    concerning plus once even only just would could should did does is was were are has have had might must
    considering given barring excluding notwithstanding pending assuming
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
    syndrome disease disorder doctrine theory amendment images
    """.split()
)


# Heads of organisations and places that are also common surnames ("Kristen Day", "Mary Hall"): after a common first
# name, the two words are a person.
SURNAME_HEADS = frozenset("hall day post park church bank street house bridge tower".split())


PLACE_FIRST_WORDS = frozenset(
    "new south north east west united latin saudi middle central great los san santa las hong sri costa "
    "puerto el islamic supreme white wall".split()
)


NAME_PARTICLES = frozenset("al el bin ibn de da del della der den di du dos das van von la le y ben abu st.".split())


ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen rep gov gen lt col sgt capt adm maj brig prof rev hon jr sr st pres gens reps sens messrs "
    "cpl pvt pfc spc det insp supt cmdr cdr ofc amb atty "
    "mt ft no vs rt inc co corp ltd bros jan feb aug sept oct nov dec ala ariz ark calif colo conn del fla ga ill "
    "ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo".split()
)


TITLE_PREFIXES = frozenset("co ex vice deputy then former acting".split())


# Title words that are also common surnames ("Larry King", "Justin Bishop").
SURNAME_TITLES = frozenset("king bishop judge pope cardinal prince lord major chancellor dean".split())


# What an office is "of" ("Chief of Police", "Director of National Intelligence"), before the holder's name.
OFFICE_OBJECTS = frozenset(
    """
    police intelligence staff homeland operations communications public safety services human commerce treasury
    veterans justice defense defence labor labour education health interior transportation energy agriculture
    housing management budget naval army air research information technology policy staffs corrections
    """.split()
)


NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv mep mp md m.d. phd ph.d. esq esq. qc".split())


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
SURNAME_PLACES = frozenset("israel jordan washington georgia chad".split())


GENDERED_TITLES = {
    "mr": "m", "sir": "m", "king": "m", "prince": "m", "lord": "m", "father": "m", "congressman": "m",
    "spokesman": "m", "chairman": "m",
    "mrs": "f", "ms": "f", "miss": "f", "queen": "f", "princess": "f", "lady": "f", "dame": "f",
    "congresswoman": "f", "spokeswoman": "f", "chairwoman": "f",
    "husband": "m", "son": "m", "brother": "m", "man": "m", "boy": "m", "actor": "m",
    "businessman": "m", "uncle": "m", "grandfather": "m", "nephew": "m", "widower": "m", "boyfriend": "m",
    "wife": "f", "mother": "f", "daughter": "f", "sister": "f", "woman": "f", "girl": "f", "actress": "f",
    "businesswoman": "f", "aunt": "f", "grandmother": "f", "niece": "f", "widow": "f", "girlfriend": "f",
}  # fmt: skip


# First names that name one sex almost always in English-language news (unisex ones such as Kim, Lee, Jordan, Chris,
# Pat, Kelly, Lindsey or Leslie are left out): the last resort when the article gives a person no title or pronoun,
# so that "she said" does not go to a David next to an unnamed "ambassador".
FIRST_NAME_GENDER = dict.fromkeys(
    """
    aaron adam alan albert andrew anthony arthur barack ben benjamin bernie bill billy bob bobby boris brandon
    brett brian bruce bryan carl charles chuck clarence dan daniel david dennis donald doug douglas dylan edward
    emmanuel eric ethan eugene frank gary george gerald greg gregory harold harry henry jack james jared jason jeff
    jeffrey jeremy jerome jerry jim jimmy joe john johnny jonathan jose joseph juan justin keith ken kenneth kevin
    kyle larry lawrence louis marco mark matthew merrick michael mick mike mitch mitt nathan neil newt noah patrick
    paul peter philip ralph rand randy raymond reince richard rick robert roger ron ronald rudy russell ryan samuel
    scott sean stephen steve steven ted terry thomas tim timothy todd tom tony tyler vincent vladimir walter wayne
    william
    """.split(),
    "m",
) | dict.fromkeys(
    """
    abigail alexandria alice amanda amy andrea angela ann anna ashley ayanna barbara betsy betty brenda carol
    carolyn catherine charlotte cheryl christina christine cindy claire condoleezza cynthia debbie deborah debra
    denise diana diane dianne donna doris dorothy elaine elena elise elizabeth emily emma evelyn frances gloria
    grace greta gretchen hannah heather heidi helen hillary ilhan ivanka jacqueline janet janice jean jeanne
    jennifer jessica joan joyce judith judy julie karen kamala kathleen kathryn kayla kellyanne kimberly kirsten
    kirstjen kristen laura lauren linda lisa liz lori madeleine margaret maria marie marilyn marsha martha mary
    maxine megan meghan melania michelle nancy natalie nicole nikki olivia pamela patricia rachel rashida rebecca
    ruth samantha sandra sara sarah sharon shirley sonia sophia stacey stephanie susan tammy teresa theresa tulsi
    ursula valerie victoria virginia
    """.split(),
    "f",
)


# Reporting verbs that open a sentence before the speaker ('Says Morales: "…"'); none is a first name.
INVERTED_CUES = frozenset(
    "says adds asks writes tells notes explains recalls argues insists concludes warns "
    "said added asked wrote told noted explained recalled argued insisted concluded warned".split()
)


# Abbreviated and variant titles compared in their full form: "Gov. X" is "the governor", "Sen. X" "the senator".
ROLE_CANONICAL = {
    "gov": "governor", "govs": "governor", "sen": "senator", "sens": "senator", "rep": "representative",
    "reps": "representative", "congressman": "representative", "congresswoman": "representative",
    "gen": "general", "gens": "general", "lt": "lieutenant", "col": "colonel", "sgt": "sergeant",
    "capt": "captain", "adm": "admiral", "maj": "major", "prof": "professor", "pres": "president",
    "cpl": "corporal", "det": "detective", "insp": "inspector", "supt": "superintendent", "cmdr": "commander",
    "cdr": "commander", "amb": "ambassador", "atty": "attorney",
    "democratic": "democrat", "gop": "republican", "advisor": "adviser",
}  # fmt: skip


# A description's head that any of several offices satisfies: "the French leader" is the French president.
ROLE_HYPERNYMS = {
    "lawmaker": frozenset(
        "senator representative assemblyman assemblywoman mp delegate councilman councilwoman councillor alderman "
        "legislator lawmaker".split()
    ),
    "leader": frozenset("president premier chancellor king queen prime emperor leader ayatollah".split()),
}


ROLE_HYPERNYMS["legislator"] = ROLE_HYPERNYMS["lawmaker"]


# US states as AP style and postal codes abbreviate them in party tags ("R-Tenn.", "D-N.Y.", "(R-OH)").
STATE_ABBREVIATIONS = {
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


PARTIES = {"R": ("republican",), "D": ("democrat",), "I": ("independent",)}
