"""Quantitative claims in news text: every number a fact-checker could check, normalized so mentions compare.

One left-to-right pass: a scanner regex finds where a quantity may start (digits or a number word), a look back
from the digits finds a currency sign or month name written before them, and anchored readers take it from
there, so the cost is linear in the text and no pattern can backtrack over more than a few words. Context rules
(hedges, names, anaphora, changes, goals) look only at a short window before the mention.

Conventions of the output (see ``Claim``):

* Spans hold the currency sign or code, the number with its scale word, and the unit or counted noun when it
  directly follows: "$3 billion", "45 percent", "20-year", "three Latin American nations". Hedges ("more than")
  stay outside the span and go into ``hedge``; so do "from" and "between" of a range.
* ``unit``: ISO 4217 code for money when the currency is identifiable (a bare currency name such as "pesos" gives
  its singular lowercase name); "percent" (or "percentage point", "basis point"); durations in "years", "months",
  "weeks", "days", "hours", "minutes", "seconds" (decades and centuries become years); the lowercase singular
  counted noun for counts ("nation"), or None when a count has no noun; a customary symbol for measures ("km",
  "tonne", "MW", "barrel/day"); "times" for multiples ("fivefold", "doubled") and "ratio" for shares ("a third
  of", "four in 10"). Tomans, which have no ISO code, are converted to rials, cents and pence to their main
  unit. A price per unit ("$58 per barrel") is money; the "per barrel" stays outside the span.
* Money values are in currency units (3e9 for "$3 billion"); "multimillion-dollar" has value None.
* Years: value 2018, unit None. Year ranges and decades: value 1999, value_high 2013 ("1990s" is 1990-1999).
  Ages are durations ("45-year-old", "aged 45": 45 years).
* Dates: value is the number YYYYMMDD (20230204); a missing day is 00 (20230600 for "June 2023"); a missing
  year is taken from ``published`` when given (the year nearest to a full publication date, so "Dec. 22" in a
  January article is last December), else 0 (so "June 13" alone is 613).
* Vague amounts are one order of magnitude: "thousands" is 1000-10000, "dozens" 12-120.
* Changes: "from X ... to Y" gives role "from" and "to"; a change amount ("rose 20% to", "doubled to") has no
  role but shares the change_group of the record it leads to. change_group is set only when at least two records
  belong to one change, numbered from 1 in text order.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from workbench.models import Claim, Quote
from workbench.pipeline.numbers import (
    LETTER_SCALES,
    SCALE_WORDS,
    NUMBER_WORDS,
    NumberReading,
    ci_trie,
    read_digit_scale,
    read_number,
    trie_pattern,
)
from workbench.pipeline.quotes import extract_quotes, scan_quotations
from workbench.pipeline.sentences import BLOCK_CHARS, Sentence, SentenceIndex, split_sentences
from workbench.pipeline.speakers import SpeakerRef, claim_speakers

# --------------------------------------------------------------------------------------------------------------
# Lexicons

# Signs and codes written before the amount. "$" alone is read as US dollars, the usual meaning in English news.
CURRENCY_PREFIXES = {
    "$": "USD", "US$": "USD", "US $": "USD", "U.S.$": "USD", "$US": "USD", "A$": "AUD", "AU$": "AUD",
    "C$": "CAD", "CA$": "CAD", "CAN$": "CAD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "NT$": "TWD",
    "R$": "BRL", "MX$": "MXN", "€": "EUR", "£": "GBP", "¥": "JPY", "JP¥": "JPY", "CN¥": "CNY", "₹": "INR",
    "Rs": "INR", "Rs.": "INR", "₽": "RUB", "₩": "KRW", "₺": "TRY", "₪": "ILS", "₦": "NGN", "₱": "PHP",
    "₫": "VND", "₴": "UAH", "฿": "THB", "Rp": "IDR", "RM": "MYR", "NIS": "ILS", "RMB": "CNY", "Fr.": "CHF",
    "$A": "AUD", "A $": "AUD", "$NZ": "NZD", "NZ $": "NZD", "HK $": "HKD", "C $": "CAD", "S $": "SGD",
}
# Signs written after the amount ("1,200€", "500 $"), as some outlets and translations do.
CURRENCY_SUFFIX_SIGNS = {"€": "EUR", "£": "GBP", "$": "USD", "¥": "JPY", "₹": "INR", "₽": "RUB", "₺": "TRY",
                         "₪": "ILS", "₩": "KRW"}
ISO_CODES = frozenset(
    "USD EUR GBP JPY CNY INR RUB KRW TRY ILS NGN PHP VND UAH THB IDR MYR CHF AUD CAD HKD NZD SGD TWD BRL MXN "
    "IRR SAR AED QAR KWD BHD OMR JOD EGP PKR BDT LKR NPR AFN IQD SYP LBP VES ZAR KES GHS ETB SEK NOK DKK "
    "PLN CZK HUF RON BGN RSD ARS CLP COP PEN UYU BOB CUP NIO DOP KZT AZN GEL AMD UZS BYN MAD DZD TND LYD BTC".split()
)
# Currency names after the amount; an adjective before the name picks the country ("Canadian dollars").
CURRENCY_NAMES = {
    "dollar": "USD", "euro": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR",
    "ruble": "RUB", "rouble": "RUB", "rial": "IRR", "riyal": "SAR", "toman": "IRR", "dirham": "AED",
    "dinar": "dinar", "peso": "peso", "bolivar": "VES", "bolívar": "VES", "franc": "franc", "krona": "SEK",
    "kronor": "SEK", "krone": "krone", "kroner": "krone", "zloty": "PLN", "forint": "HUF", "lira": "TRY",
    "shekel": "ILS", "won": "KRW", "baht": "THB", "ringgit": "MYR", "rupiah": "IDR", "naira": "NGN",
    "rand": "ZAR", "hryvnia": "UAH", "dong": "VND", "taka": "BDT", "shilling": "shilling", "cedi": "GHS",
    "manat": "AZN", "tenge": "KZT", "afghani": "AFN", "birr": "ETB", "sterling": "GBP", "pound sterling": "GBP",
    "pounds sterling": "GBP", "bitcoin": "BTC", "peseta": "ESP", "guilder": "NLG", "markka": "FIM",
    "drachma": "GRD", "escudo": "PTE", "schilling": "ATS", "deutschmark": "DEM", "deutsche mark": "DEM",
}
CURRENCY_ADJECTIVES = {
    "us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD", "hong kong": "HKD",
    "new zealand": "NZD", "singapore": "SGD", "singaporean": "SGD", "taiwan": "TWD", "new taiwan": "TWD",
    "iranian": "IRR", "saudi": "SAR", "qatari": "QAR", "omani": "OMR", "yemeni": "YER", "iraqi": "IQD",
    "kuwaiti": "KWD", "jordanian": "JOD", "bahraini": "BHD", "algerian": "DZD", "tunisian": "TND",
    "libyan": "LYD", "serbian": "RSD", "moroccan": "MAD", "emirati": "AED", "uae": "AED", "mexican": "MXN",
    "argentine": "ARS", "argentinian": "ARS", "chilean": "CLP", "colombian": "COP", "philippine": "PHP",
    "cuban": "CUP", "uruguayan": "UYU", "dominican": "DOP", "swiss": "CHF", "cfa": "XOF", "swedish": "SEK",
    "norwegian": "NOK", "danish": "DKK", "turkish": "TRY", "lebanese": "LBP", "egyptian": "EGP",
    "syrian": "SYP", "sudanese": "SDG", "british": "GBP", "uk": "GBP", "pakistani": "PKR", "indian": "INR",
    "sri lankan": "LKR", "nepalese": "NPR", "kenyan": "KES", "ugandan": "UGX", "tanzanian": "TZS",
    "venezuelan": "VES", "chinese": "CNY", "japanese": "JPY", "russian": "RUB", "indonesian": "IDR",
    "south african": "ZAR", "nigerian": "NGN", "israeli": "ILS", "brazilian": "BRL", "zimbabwean": "ZWL",
}
# Pounds are a currency with an adjective, "sterling" or a scale word; otherwise "pounds" is weight.
_ADJECTIVE_ONLY_CURRENCIES = {"pound": "GBP"}
# Currency names that several countries use; without a known adjective they cannot be given an ISO code.
_SHARED_NAMES = frozenset("dollar pound peso dinar franc rupee rial riyal krone kroner shilling lira".split())
SUBUNITS = {"cent": ("USD", 0.01), "cents": ("USD", 0.01), "pence": ("GBP", 0.01), "penny": ("GBP", 0.01),
            "p": ("GBP", 0.01)}
TOMAN_IN_RIALS = 10

TIME_UNITS = {
    "year": ("years", 1), "yr": ("years", 1), "decade": ("years", 10), "century": ("years", 100),
    "centurie": ("years", 100), "month": ("months", 1), "week": ("weeks", 1), "day": ("days", 1),
    "hour": ("hours", 1), "hr": ("hours", 1), "minute": ("minutes", 1), "min": ("minutes", 1),
    "second": ("seconds", 1), "sec": ("seconds", 1), "yo": ("years", 1), "y.o.": ("years", 1),
}

# Measure units. Symbols are matched with their case ("MW" is not "mw"); words in any case.
MEASURE_SYMBOLS = {
    "km": "km", "kms": "km", "m": "m", "cm": "cm", "mm": "mm", "mi": "mile", "ft": "ft", "yd": "yd",
    "yds": "yd", "km2": "km2", "km²": "km2", "sq km": "km2", "sq. km": "km2", "sqkm": "km2", "m2": "m2",
    "m²": "m2", "sq m": "m2", "sqm": "m2", "sq ft": "ft2", "sq mi": "mi2", "ha": "ha", "m3": "m3", "m³": "m3",
    "kg": "kg", "kgs": "kg", "g": "g", "mg": "mg", "lb": "lb", "lbs": "lb", "oz": "oz", "t": "tonne",
    "MW": "MW", "GW": "GW", "kW": "kW", "KW": "kW", "TW": "TW", "W": "W", "kWh": "kWh", "MWh": "MWh",
    "GWh": "GWh", "TWh": "TWh", "kV": "kV", "Hz": "Hz", "kHz": "kHz", "MHz": "MHz", "GHz": "GHz", "KB": "KB",
    "MB": "MB", "GB": "GB", "TB": "TB", "PB": "PB", "Mbps": "Mbps", "Gbps": "Gbps", "mph": "mph",
    "kph": "km/h", "km/h": "km/h", "kmh": "km/h", "m/s": "m/s", "°C": "degC", "ºC": "degC", "° C": "degC",
    "°F": "degF", "ºF": "degF", "° F": "degF", "°": "degree", "bpd": "barrel/day", "b/d": "barrel/day",
    "bcm": "bcm", "tcf": "tcf", "mAh": "mAh", "rpm": "rpm", "psi": "psi", "ppm": "ppm", "dB": "dB",
    "hp": "hp", "bhp": "hp", "ml": "ml", "mL": "ml", "cc": "cc", "kcal": "kcal", "nm": "nm", "bbl": "barrel",
    "ppb": "ppb", "MPa": "MPa", "GPa": "GPa", "kPa": "kPa", "ksi": "ksi", "Nm": "Nm", "lb-ft": "lb-ft",
    "μm": "um", "µm": "um", "mpg": "mpg", "Ghz": "GHz", "Mhz": "MHz", "HZ": "Hz", "″": "inch", "′": "ft",
    "km/hr": "km/h", "kmph": "km/h", "μg": "ug", "µg": "ug", "mcg": "ug", "m.p.h.": "mph", "m.p.h": "mph",
    "° Celsius": "degC",
    "° Fahrenheit": "degF", "°Celsius": "degC", "°Fahrenheit": "degF", "tbsp": "tbsp", "tsp": "tsp",
    "kt": "kt", "Mt": "Mt", "bit": "bit", "bits": "bit", "Gt": "Gt", "MMbtu": "MMBtu", "mmBtu": "MMBtu",
    "Bcf": "Bcf", "bcf": "Bcf",
}
MEASURE_WORDS = {
    "kilometre": "km", "kilometer": "km", "metre": "m", "meter": "m", "centimetre": "cm", "centimeter": "cm",
    "millimetre": "mm", "millimeter": "mm", "mile": "mile", "nautical mile": "nmi", "foot": "ft",
    "feet": "ft", "inch": "inch", "inche": "inch", "yard": "yd", "light-year": "light-year",
    "square kilometre": "km2", "square kilometer": "km2", "square mile": "mi2", "square metre": "m2",
    "square meter": "m2", "square foot": "ft2", "square feet": "ft2", "cubic metre": "m3", "cubic meter": "m3",
    "cubic foot": "ft3", "cubic feet": "ft3", "hectare": "ha", "acre": "acre", "litre": "l", "liter": "l",
    "gallon": "gallon", "barrel": "barrel", "tonne": "tonne", "metric ton": "tonne", "ton": "ton",
    "kilogram": "kg", "kilo": "kg", "gram": "g", "milligram": "mg", "pound": "lb", "ounce": "oz",
    "carat": "carat", "megawatt": "MW", "gigawatt": "GW", "kilowatt": "kW", "terawatt": "TW", "watt": "W",
    "kilowatt-hour": "kWh", "kilowatt hour": "kWh", "megawatt-hour": "MWh", "megawatt hour": "MWh",
    "gigawatt-hour": "GWh", "gigawatt hour": "GWh", "terawatt-hour": "TWh", "terawatt hour": "TWh",
    "volt": "V", "kilovolt": "kV", "horsepower": "hp", "degrees celsius": "degC", "degree celsius": "degC",
    "degrees fahrenheit": "degF", "degree fahrenheit": "degF", "degrees c": "degC", "degrees f": "degF",
    "microgram": "ug", "byte": "byte", "microgramme": "ug", "milligramme": "mg", "kilogramme": "kg", "gramme": "g",
    "tablespoon": "tbsp", "teaspoon": "tsp", "cup": "cup", "pint": "pint", "quart": "quart",
    "degree": "degree", "celsius": "degC", "fahrenheit": "degF", "calorie": "kcal", "kilocalorie": "kcal",
    "knot": "knot", "gigabyte": "GB", "gigabit": "Gbit", "megabit": "Mbit", "terabit": "Tbit", "kilobit": "kbit",
    "megabyte": "MB", "terabyte": "TB", "kilobyte": "KB", "hertz": "Hz", "decibel": "dB",
    "miles per hour": "mph", "mile per hour": "mph", "kilometres per hour": "km/h",
    "kilometers per hour": "km/h", "kilometre per hour": "km/h", "kilometer per hour": "km/h",
    "million barrels per day": "barrel/day", "barrels per day": "barrel/day", "barrel per day": "barrel/day",
    "barrels a day": "barrel/day", "barrels of oil per day": "barrel/day", "barrels of oil a day": "barrel/day",
    "billion cubic metres": "bcm", "billion cubic meters": "bcm", "parts per million": "ppm",
    "parts per billion": "ppb",
}
# Packaged amounts of a measure: "bcm" is a billion cubic metres. Value is scaled, unit becomes the base.
UNIT_SCALES = {"bcm": (1e9, "m3"), "tcf": (1e12, "ft3"), "million barrels per day": (1e6, "barrel/day"),
               "billion cubic metres": (1e9, "m3"), "billion cubic meters": (1e9, "m3")}
# Measures of discrete things are counts, as the issue asks for "1.2 million barrels"; their rates are measures.
COUNTED_MEASURES = frozenset({"barrel"})
RATE_PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year", "annum": "year",
                "hour": "hour", "minute": "minute", "second": "second", "capita": "capita", "person": "person"}

MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
    "September": 9, "October": 10, "November": 11, "December": 12, "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4,
    "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

HEDGES = {
    "more than": "more_than", "over": "more_than", "above": "more_than", "in excess of": "more_than",
    "upwards of": "more_than", "greater than": "more_than", "higher than": "more_than", "exceeding": "more_than",
    "north of": "more_than", "over than": "more_than", "just over": "more_than", "well over": "more_than",
    "more then": "more_than", "beyond": "more_than", ">": "more_than",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than", "below": "less_than",
    "lower than": "less_than", "just under": "less_than", "sub-": "less_than", "<": "less_than",
    "at least": "at_least", "no less than": "at_least", "not less than": "at_least", "no fewer than": "at_least",
    "a minimum of": "at_least", "minimum of": "at_least", "≥": "at_least",
    "at most": "at_most", "no more than": "at_most", "not more than": "at_most", "a maximum of": "at_most",
    "maximum of": "at_most", "≤": "at_most",
    "about": "about", "around": "about", "roughly": "about", "some": "about", "approximately": "about",
    "approx.": "about", "an estimated": "about", "estimated": "about", "circa": "about", "ca.": "about",
    "more or less": "about", "~": "about", "an average of": "about", "on average": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just shy of": "nearly",
    "approaching": "nearly", "nigh on": "nearly",
    "up to": "up_to", "as many as": "up_to", "as much as": "up_to", "as high as": "up_to",
}
_YEAR_HEDGES = frozenset({"about"})
# Nouns after which a year is a reference point: "1990 levels", "2010 dollars", "2019 prices".
_REFERENCE_YEAR_NOUNS = frozenset("levels prices figures dollars rates numbers values terms standards".split())

# Words that cannot be part of a counted noun phrase, or that mark the number as a pronoun-like use.
STOPWORDS = frozenset(
    """a an the this that these those and or but nor of in on at to from by for with without into onto over
    under about above below between among amongst through during before after since until till than as per via
    against across toward towards upon within around near off out up down is are was were be been being am has
    have had do does did will would shall should can could may might must not no yet so if then there here who
    whom whose which what when where why how he she it they we you i me him her them us our their his its my
    your said says say told tell tells according more most less least fewer many much few several some any all
    each every both either neither other another such only just also even still already ago later earlier
    percent per cent times time more while whereas because though although including included like unlike
    plus minus versus vs via apiece each alone respectively altogether instead""".split()
)
# Capitalized words that start sentences or precede numbers without being names ("In 2018", "Some 300 people").
_NOT_NAMES = STOPWORDS | frozenset(h.split()[-1] for h in HEDGES) | frozenset(
    """nearly almost roughly approximately estimated just well only exactly precisely total totaling
    totalling another last next top today yesterday now then thus hence however meanwhile still also since
    fully barely merely reportedly nearly""".split()
) | frozenset(m.lower() for m in MONTHS) | frozenset(WEEKDAYS)
# Words after which a number is a label ("Article 5", "version 4.0", "No. 1", "Room 21").
NAME_CUES = frozenset(
    """version v ver vol volume no nos number num page pages p pp chapter ch article art section sec paragraph
    para clause item rule room rm apt apartment suite flight route highway interstate platform gate terminal
    row seat episode season part issue table figure fig exhibit appendix annex resolution amendment decree
    code ext extension tel phone fax box ward district precinct grade phase stage round game category type
    model series generation gen mark mk tier step lot batch bus train line channel camp block building hole
    pick lane track act scene verse psalm level class size cat cohort wave group division league""".split()
)
# Determiners that make a small count refer back to things already named ("the two countries").
_ANAPHORIC_DETERMINERS = (
    "the these those both all each every said such another other same first last next remaining latter former "
    "previous following"
).split()
# A possessive states how many its owner has ("its 11 founders", "their two young kids"), a fact of its own,
# except for the parties to a relation, whose count is the owners' own ("our two countries").
_POSSESSIVE_DETERMINERS = "its their his her our my your whose".split()
_PARTY_NOUNS = frozenset(
    "country nation state people government side party leader president minister capital economy".split()
)
# Words after which a four-digit number is a year even when a plural noun follows ("the 2018 elections").
_YEAR_LEAD_WORDS = (
    "the in since by of from until till through throughout during before after for early late mid spring "
    "summer autumn fall winter fiscal its their his her our this that between and to"
).split()

IRREGULAR_PLURALS = {
    "people": "person", "children": "child", "men": "man", "women": "woman", "feet": "foot", "teeth": "tooth",
    "mice": "mouse", "geese": "goose", "police": "police", "staff": "staff", "personnel": "personnel",
    "cattle": "cattle", "livestock": "livestock", "sheep": "sheep", "fish": "fish", "deer": "deer",
    "aircraft": "aircraft", "lives": "life", "wives": "wife", "knives": "knife", "halves": "half",
    "thieves": "thief", "wolves": "wolf", "leaves": "leaf", "shelves": "shelf", "series": "series",
    "species": "species", "crises": "crisis", "analyses": "analysis", "theses": "thesis", "criteria": "criterion",
    "phenomena": "phenomenon", "headquarters": "headquarters", "buses": "bus", "gases": "gas",
    "spacecraft": "spacecraft", "offspring": "offspring", "militia": "militia", "clergy": "clergy",
    "heroes": "hero", "potatoes": "potato", "tomatoes": "tomato", "echoes": "echo", "vetoes": "veto",
    "torpedoes": "torpedo", "volcanoes": "volcano", "embargoes": "embargo", "cargoes": "cargo",
}
_IE_STEMS = frozenset(
    "movie cookie zombie rookie calorie prairie lie tie pie die hippie selfie brownie genie goalie sortie "
    "budgie freebie newbie smoothie".split()
)

# Verbs and words that make "from X to Y" a change rather than a range.
_CHANGE_WORDS = (
    "increase increased increases increasing rise rose risen rises rising grow grew grown grows growing jump "
    "jumped jumps jumping climb climbed climbs climbing surge surged surges surging soar soared soars soaring "
    "rocket rocketed swell swelled swollen expand expanded expands expanding boost boosted boosts boosting "
    "raise raised raises raising hike hiked gain gained gains up fall fell fallen falls falling drop dropped "
    "drops dropping decline declined declines declining decrease decreased decreases decreasing shrink shrank "
    "shrunk shrinks plunge plunged plunges plummet plummeted slump slumped slide slid slides dip dipped tumble "
    "tumbled sink sank sunk cut cuts cutting reduce reduced reduces reducing lower lowered lowering slash "
    "slashed down went gone go goes going change changed changes double doubled doubles doubling triple "
    "tripled triples tripling quadruple quadrupled halve halved halving revise revised widen widened narrow "
    "narrowed spike spiked balloon ballooned leap leapt leaped skyrocket skyrocketed inch inched edge edged "
    "move moved bring brought take took push pushed lift lifted"
).split()
_CHANGE_WORD_SET = frozenset(_CHANGE_WORDS)
# Words that make a later number in the same clause a goal, not a fact, when they govern a verb of reaching.
_TARGET_WORDS = frozenset(
    """aim aims aimed aiming plan plans planned planning target targets targeted targeting goal goals seek seeks
    seeking sought intend intends intended intending hope hopes hoped hoping want wants wanted wanting pledge
    pledged pledges pledging vow vows vowed vowing promise promised promises promising commit commits committed
    commitment ambition ambitions objective objectives aspire aspires aspiring envisage envisages envisaged
    envision envisions strive strives striving""".split()
)
_GOAL_TRIE = trie_pattern(sorted(_TARGET_WORDS | {"set"}))
_GOAL_WORD_ANY_CASE = re.compile(r"(?<![a-z])(?:" + _GOAL_TRIE + r")(?![a-z])", re.IGNORECASE)
# In lowercased text: the character before the word opens the pattern (anything but a-z), a class the engine
# skips through much faster than it tries an assertion at every character; the text's start is tried apart.
_GOAL_WORD = re.compile(r"[\x00-\x60\x7b-\U0010ffff](?P<goal>" + _GOAL_TRIE + r")(?![a-z])")
_GOAL_WORD_AT = re.compile(r"(?:" + _GOAL_TRIE + r")(?![a-z])")
_GOAL_OPENINGS = frozenset(word[:2] for word in _TARGET_WORDS | {"set"})
_LONGEST_GOAL_WORD = max(map(len, _TARGET_WORDS))
_GOAL_NOUNS = frozenset("target targets goal goals objective objectives ambition ambitions".split())
_REACH_VERBS = frozenset(
    """reach hit achieve attain increase raise boost grow expand double triple quadruple cut reduce lower slash
    bring lift push take get create add hire build produce export import sell buy invest spend generate exceed
    attract train plant deploy install supply deliver provide ship vaccinate recruit save earn collect make
    secure mobilize allocate pay give send host resettle admit accept purchase acquire lend borrow surpass top
    rise climb go""".split()
)

# --------------------------------------------------------------------------------------------------------------
# Patterns

_BLANK = r"[ \t\u00a0]"


def _ending(phrases: list[str], *, gap: str = _BLANK + "*") -> re.Pattern:
    """A pattern for "the text before here ends with one of ``phrases``", run on the reversed text.

    Checking what precedes a mention is then one anchored match, instead of a search that would try every
    position of the window. Use it with ``_before(text, offset)``.
    """
    worded = sorted({p[::-1] for p in phrases if p[0].isalnum()})
    symbols = sorted({p[::-1] for p in phrases if not p[0].isalnum()})
    branches = [ci_trie(worded) + r"(?![\w])"] if worded else []
    branches += ["(?:" + trie_pattern(symbols) + ")"] if symbols else []
    return re.compile(gap + "(?:" + "|".join(branches) + ")")


def _before(text: str, offset: int, reach: int = 48) -> str:
    """The ``reach`` characters before ``offset``, reversed, for the patterns made by ``_ending``."""
    return text[max(0, offset - reach) : offset][::-1]


_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("May", "June", "July")]
_SHORT_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]  # "Jan", "Sept": may take a period
_MONTH = r"(?:" + trie_pattern(_FULL_MONTHS) + r"|(?:" + trie_pattern(_SHORT_MONTHS) + r")\.?)"
_WORD_STARTS = (
    [w for w in NUMBER_WORDS]
    + ["dozens", "hundreds", "thousands", "millions", "billions", "trillions", "tens"]
    + ["doubled", "doubling", "double", "tripled", "tripling", "triple", "quadrupled",
       "quadrupling", "quintupled", "halved", "halving", "twice", "multimillion", "multibillion",
       "multitrillion", "multi-million", "multi-billion", "multi-trillion", "minus", "half"]
    + [w + "fold" for w in ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
                            "hundred", "thousand")]
)


def _case_variants(words: list[str]) -> list[str]:
    """Lower, Capitalized and UPPER forms: a case-sensitive prefix tree scans several times faster than (?i)."""
    return sorted({form for word in words for form in (word, word.capitalize(), word.upper())})


_LETTER_PREFIXES = [p for p in CURRENCY_PREFIXES if p[0].isalpha()] + sorted(ISO_CODES)
_SYMBOL_PREFIXES = [p for p in CURRENCY_PREFIXES if not p[0].isalpha()]
# A currency sign or code, or a month name, comes right before digits; they are found by looking back from the
# digits (reversed text, see ``_ending``), so the scanner itself only has to find digits and number words.
_CURRENCY_AT = re.compile(
    r"(?:" + trie_pattern(_LETTER_PREFIXES) + r"|" + trie_pattern(_SYMBOL_PREFIXES) + r")(?=" + _BLANK + r"?\d)"
)
_CURRENCY_BEFORE = re.compile(
    _BLANK + r"?(?:(?:" + trie_pattern([p[::-1] for p in _LETTER_PREFIXES]) + r")(?![\w])|(?:"
    + trie_pattern([p[::-1] for p in _SYMBOL_PREFIXES]) + r"))"
)
# Characters right before digits that no currency sign or code ends with; a quick way out before the pattern.
_PLAIN_BEFORE = frozenset("(\"'“‘[,;")
_MONTH_BEFORE = re.compile(
    _BLANK + r"+(?:(?:" + trie_pattern([m[::-1] for m in _FULL_MONTHS]) + r")|\.?(?:"
    + trie_pattern([m[::-1] for m in _SHORT_MONTHS]) + r"))(?![\w])"
)
# The last characters of currency signs and codes and of month names: after a blank, anything else before the
# digits rules both out without the pattern ("of 5", "to 5").
_PREFIX_LAST_CHARS = frozenset(
    {prefix[-1] for prefix in _LETTER_PREFIXES + _SYMBOL_PREFIXES} | {month[-1] for month in MONTHS} | set(". \t\u00a0")
)  # (a month may stand several blanks before its day)
# Both in one pattern, because one of the two is looked for before nearly every number.
_PREFIX_BEFORE = re.compile(f"(?P<currency>{_CURRENCY_BEFORE.pattern})|(?P<month>{_MONTH_BEFORE.pattern})")
# Where a quantity may start: digits that do not continue a word, code or number ("A320", "COVID-19",
# "1.2.3"), a minus sign, a fraction sign, or a number word. Digits and words are looked for by two patterns that
# each open with a character class, which lets the regex engine skip every other character without trying the
# pattern there; the scanner takes whichever comes first. Each branch checks what came before only after that
# class. Letter prefixes glued to digits ("RM23.50", "$US8") are allowed.
_NUMBER_CHARS = "−.½¼¾⅓⅔⅕⅛⅜⅝⅞-"  # "-" last: literal in a character class
_NUMBER_START = re.compile(
    # ASCII digits and every character from the first non-ASCII digit (U+0660) on, a wider class that the
    # engine tests several times faster than \d; the branches below admit only digits and the signs.
    r"[0-9\u0660-\U0010ffff" + _NUMBER_CHARS + r"]"
    r"(?:(?<=\d)(?:(?<=mid-\d)|(?<=Mid-\d)|(?<=pre-\d)|(?<=post-\d)|(?<=late-\d)|(?<=sub-\d)|(?<=early-\d)"
    r"|(?<=\$US\d)|(?<=\$A\d)|(?<=\$NZ\d)|(?<=RM\d)|(?<=Rs\d)|(?<=Rp\d)|(?<=[A-Z]{3}\d)|(?<=\+/-\d)|(?<=\+/−\d)"
    r"|(?<![\w.,/\-−–'’#@]\d))"
    r"|(?<=[-−])(?=\d)(?<![^\s(\[][-−])|(?<=\.)(?=\d)(?<=[\s(]\.)"
    r"|(?<=[½¼¾⅓⅔⅕⅛⅜⅝⅞])(?<![\w][½¼¾⅓⅔⅕⅛⅜⅝⅞]))"
)
_PERCENT_AHEAD = r"|percent\b|per[ \t\u00a0]?cent\b|percentage[ \t-]+point|basis[ \t-]+point"  # "a percent", "half a"
_A_SCALE_AHEAD = (r"(?=(?i:(?:dozen|hundred|thousand|million|billion|trillion|decade|century|quarter[ -]century|half|"
                  r"year|month|week|day|hour|minute|"
                  r"third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)\b" + _PERCENT_AHEAD + "))")
_HALF_A_SCALE_AHEAD = r"(?=(?i:(?:dozen|hundred|thousand|million|billion|trillion|century|decade|year|month|week|day|hour|minute)\b" + _PERCENT_AHEAD + "))"
# What follows the first letter of a number word: "a"/"an" and "half a(n)" only before a scale or period ("a
# dozen", "half a million"), any other number word when the word ends there.
_AFTER_INITIAL = {
    "a": "n?" + _BLANK + "+" + _A_SCALE_AHEAD, "A": "[nN]?" + _BLANK + "+" + _A_SCALE_AHEAD,
    "h": "alf" + _BLANK + "+an?" + _BLANK + "+" + _HALF_A_SCALE_AHEAD,
    "H": "alf" + _BLANK + "+an?" + _BLANK + "+" + _HALF_A_SCALE_AHEAD,
}


def _number_word_pattern(words: list[str], initials: list[str]) -> str:
    """One alternative per first letter, lowercase first and common initials first: the regex engine tries
    alternatives in order at every word start, and most words are lowercase and start with "t", "a", "o", "s"."""
    initials = sorted(initials, key=lambda c: (c.isupper(), "taoshfmdenbqzcpwilgryvkjux".find(c.lower())))
    alternatives = []
    for initial in initials:
        tails = [_AFTER_INITIAL[initial]] if initial in _AFTER_INITIAL else []
        rests = [word[1:] for word in words if word[0] == initial]
        if rests:
            tails.append("(?:" + trie_pattern(rests) + r")(?![\w])")
        alternatives.append(re.escape(initial) + "(?:" + "|".join(tails) + ")")
    return "(?=[" + "".join(sorted(initials)) + "])(?:" + "|".join(alternatives) + ")"


_NUMBER_WORD_FORMS = _case_variants(_WORD_STARTS)
_WORD_INITIAL_SET = frozenset({word[0] for word in _NUMBER_WORD_FORMS} | set(_AFTER_INITIAL))
_NUMBER_WORD = _number_word_pattern(_NUMBER_WORD_FORMS, list(_WORD_INITIAL_SET))
# The first two characters a number word can open with ("tw", "a ", "Ha"), to rule out most text starts at once.
_WORD_OPENINGS = frozenset({word[:2] for word in _NUMBER_WORD_FORMS} | {a + blank for a in ("a", "A") for blank in
                                                                      " \t\u00a0"} | {"an", "An", "AN", "ha", "Ha"})
# A number word starts a word: the pattern opens with the character before it (the text's start is tried apart):
# any character but an ASCII letter, digit or "_", as ranges, which the engine tests faster than the "not a word
# character" category. A non-ASCII letter before it lets through a word the scanner then finds inside a word.
_WORD_START = re.compile(r"[\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\U0010ffff](?P<word>" + _NUMBER_WORD + ")")
_WORD_AT_TEXT_START = re.compile(_NUMBER_WORD)


# Page furniture, judged on the run of non-blank characters around a candidate: links, handles, hashtags.
_FURNITURE_RUN = re.compile(
    r"://|www\.|@|^[(\[\"'“‘]*#|\.(?i:com|org|net|gov|edu|io|co|uk|ly|me|tv|info|news|ir|ru|cn|de|fr|int|html?|php"
    r"|aspx?|jpe?g|png|gif|pdf)(?:/|\?|$)"
)
# A run opening with "+" and digits is a phone number ("+1 202 ..."), unless a percent follows: "+5%", "+45 points".
_PLUS_DIGITS = re.compile(r"^[(\[]*\+\d")
# A ticker symbol and a comma right before a signed number: a market page's live quote, not the writer's figure.
_QUOTE_TICKER = re.compile(r"(?<![\w.&])[A-Z][A-Z0-9.]{0,11},[ \u00a0]\Z")
# Digits that are clock times, phone numbers or footnote marks, matched where the digits start.
_NOT_AMOUNT_AT = re.compile(
    r"\d{1,2}(?::\d{2}){1,2}(?!\d)"
    r"|\d{1,2}" + _BLANK + r"?(?=(?i:[apo]))(?i:a\.m\.|p\.m\.|am(?![\w])|pm(?![\w])|o'clock|o’clock)"
    r"|\d{3}[-.]\d{3}[-.]\d{4}(?!\d)"
    r"|(?<=\()\d{3}\)" + _BLANK + r"?\d{3}[-.]\d{4}(?!\d)"
    r"|(?<=\[)\d{1,3}\]"
)
_FURNITURE_HINTS = frozenset("/@#+.-−")  # every furniture run holds one of these (a sign: a ticker's quote)
_RUN_REACH = 60  # characters looked at on each side when judging the run around a candidate
_RUN = re.compile(r"\S{0,%d}" % _RUN_REACH)  # the non-blank characters from a candidate on

_HEDGE_BEFORE = _ending(list(HEDGES))
_PERCENT = re.compile(
    _BLANK + r"?(?:%|-?" + _BLANK + r"?(?=(?i:[pb]))(?i:percentage[ \t-]+points?|basis[ \t-]+points?|per" + _BLANK
    + r"?cent|percents?|percentage(?!" + _BLANK + r"*-?" + _BLANK + r"*points?)|pct)(?![\w])|(?:bps|bp|pc)(?![\w]))"
)
_AS_BEFORE = re.compile(_BLANK + r"+sa(?![\w])", re.IGNORECASE)  # reversed " as"
_NUMBER_THEN_PERCENT = re.compile(r"[\d.,]+" + _PERCENT.pattern)
# "a percent", "half a percentage point": an article as the number; "a percentage" alone is no amount.
_ARTICLE_PERCENT = re.compile(
    r"(?i:(half" + _BLANK + r"+)?an?" + _BLANK + r"+(percent|per" + _BLANK + r"?cent|percentage[ \t-]+points?|"
    r"basis[ \t-]+points?)(?![\w]))"
)
# "a tenth of a percent", "a quarter of a percentage point": a share of one percent is a percent.
_OF_A_PERCENT = re.compile(
    _BLANK + r"+of" + _BLANK + r"+(?i:an?|one|1)" + _BLANK + r"+(?i:(percent|per" + _BLANK
    + r"?cent|percentage[ \t-]+points?|basis[ \t-]+points?))(?![\w])"
)
_CURRENCY_AFTER = re.compile(
    r"(?:" + _BLANK + r"+|-)(?:(" + ci_trie(CURRENCY_ADJECTIVES) + r"|[A-Z][a-z]+)" + _BLANK + r"+)?"
    + ci_trie(list(CURRENCY_NAMES) + [n + "s" for n in CURRENCY_NAMES] + ["pound", "pounds", "bolívares",
                                                                          "bolivares", "kroner"], capture=True)
    + r"(?![\w])"
    r"|" + _BLANK + r"?(" + trie_pattern(ISO_CODES) + r")(?![\w])"
    r"|" + _BLANK + r"?([" + "".join(CURRENCY_SUFFIX_SIGNS) + r"])(?![\w$€£¥])(?!" + _BLANK + r"?\d)"
)
_SUBUNIT = re.compile(r"(?:(?:" + _BLANK + r"+|-)(?=(?i:[cp]))(?i:(cents?|pence|penny))|(p))(?![\w])")
# "3 dollars 50 cents", "thirteen dollars and forty-five cents": the cents belong to the same amount.
_AND_CENTS = re.compile(_BLANK + r"+(?:(?i:and)" + _BLANK + r"+)?(?=[\dA-Za-z])")
_TIME_UNIT = re.compile(
    r"(?:" + _BLANK + r"*|" + _BLANK + r"?-" + _BLANK + r"?)(?=(?i:[ydcmwhs]))(?i:(years?|yrs?|decades?|century|centuries|"
    r"months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|yo|y\.o\.))(?![\w])"
    r"(?:(?:" + _BLANK + r"+|-)(?i:(old|of" + _BLANK + r"+age))(?![\w]))?"
)
_MEASURE = re.compile(
    r"(?:" + _BLANK + r"?-?" + _BLANK + r"?)(?:" + ci_trie(
        list(MEASURE_WORDS) + [w + "s" for w in MEASURE_WORDS if not w.endswith(("s", "feet", "celsius",
                                                                                  "fahrenheit", "power", "day"))]
        + ["inches", "centuries"], capture=True
    ) + r"|(" + trie_pattern(MEASURE_SYMBOLS) + r"))(?![A-Za-z0-9])"
)
_RATE = re.compile(
    r"(?:" + _BLANK + r"+(?i:per|a|an|each)" + _BLANK + r"+|" + _BLANK + r"?/" + _BLANK + r"?)"
    r"(?i:(day|week|month|year|annum|hour|minute|second|capita|person))(?![\w])"
)
_FOLD = re.compile(_BLANK + r"?-?(?=(?i:f))(?i:fold)(?![\w])")
_TIMES = re.compile(_BLANK + r"+(?=(?i:t))(?i:times)(?![\w])")
_COMPARATIVE = re.compile(
    _BLANK + r"+(?i:as|more|less|higher|lower|larger|bigger|greater|smaller|faster|slower|the|that|what|over|"
    r"longer|shorter|cheaper|costlier|stronger|heavier|richer|worse|better|above|below|ahead)(?![\w])"
)
# Counted nouns that English writes in the singular as a modifier: "a 63-seat majority", "a 12 page document".
_COMPOUND_NOUNS = (
    "member strong nation country seat bed bedroom storey story floor page point man person woman vote time game "
    "match race episode team vehicle ship plane candidate judge district state province city car lane room "
    "cylinder door speed course"
).split()
_COMPOUND_NOUN = re.compile(r"(?:-|" + _BLANK + r"(?=[a-z]+" + _BLANK + r"+[a-z]))(" + trie_pattern(_COMPOUND_NOUNS)
                            + r")(?![\w-])")
_NO_SUFFIX_AFTER = frozenset(",.;:!?)]}\"'”’")  # a number followed by these has no unit or currency after it
_NEXT_TOKEN = re.compile(_BLANK + r"+([a-z][A-Za-z.]*)")  # a lowercase word after a blank; others are rare


def _first_words(phrases) -> set[str]:
    return {p.split()[0].lower() for p in phrases if p and p[0].isalpha()}


# Lowercase words that may start what _classify_suffix reads after a number; anything else goes straight to
# the counted-noun reading. Every lexicon the suffix readers use must be represented here.
_SUFFIX_STARTERS = frozenset(
    {"percent", "percents", "percentage", "per", "pct", "basis", "bps", "bp", "pc", "fold", "times", "old"}
    | _first_words(CURRENCY_ADJECTIVES) | _first_words(CURRENCY_NAMES) | {n + "s" for n in _first_words(CURRENCY_NAMES)}
    | {"pound", "pounds", "bolívares", "bolivares", "kroner"} | {code.lower() for code in ISO_CODES}
    | set(SUBUNITS) | {"penny"}
    | set(TIME_UNITS) | {u + "s" for u in TIME_UNITS} | {"centuries", "y.o", "yo", "m.p.h"}
    | _first_words(MEASURE_WORDS) | {w + "s" for w in _first_words(MEASURE_WORDS)} | {"inches", "centuries"}
    | _first_words(MEASURE_SYMBOLS) | {w.lower() for w in _first_words(MEASURE_SYMBOLS)}
    | {m.lower() for m in MONTHS} | set(_COMPOUND_NOUNS)
)
_NOUN_TOKEN = re.compile(_BLANK + r"+([A-Z](?:(?:\.[A-Z])+\.|[A-Za-z'’\-]*)|[a-z][A-Za-z'’\-]*)")  # "U.S." whole
_OF = re.compile(_BLANK + r"+of(?=" + _BLANK + r")")
_LETTER_SCALE = re.compile(r"([kKmMbBT])(?![\w])")
_DECADE = re.compile(r"s(?![\w])|’s(?![\w])|'s(?![\w])")
_ORDINAL = re.compile(r"(?i:st|nd|rd|th)(?![\w])")
_RANGE_SEP_STARTS = frozenset(" \t\u00a0-–—")
_DASHES = frozenset("-–—")
_DASH_JOIN = re.compile(r"[-–—](?:(?i:to)[-–—])?")  # "51-44", "48-to-41"
_RATIO_NOUNS = frozenset("margin ratio advantage edge lead majority".split())  # "a 3-to-1 margin"
# A vote's tally, winners first: "a 7-2 vote", "a 231-188 vote", "by a vote of 53-44", "voted 51-49". A "5-4
# decision" may be a judges' score as well as a court's vote, and stays unread.
_TALLY = re.compile(r"[-–—](?:(?i:to)[-–—])?(\d{1,3})(?![\d.,%\w-])(?:" + _BLANK + r"+((?i:votes?|tally))(?![\w]))?")
_TALLY_BEFORE = _ending(["vote of", "votes of", "voted", "tally of", "vote was", "vote is"])
_BLANKS = frozenset(" \t\u00a0")
_AFTER_BLANK_SEP = frozenset(" \t\u00a0-–—tTaAoOuU")  # more blanks, a dash, or a separator word's first letter
_RANGE_SEP = re.compile(
    _BLANK + r"*(?:[-–—](?:(?i:to)[-–—])?|(?=(?i:[taou]))(?i:to|through|thru|and|or|until|till))" + _BLANK + r"*"
)
_DAY_FIRST = re.compile(
    r"(?i:st|nd|rd|th)?" + _BLANK + r"+(?:of" + _BLANK + r"+)?(" + _MONTH + r")(?![\w])(?:,?" + _BLANK
    + r"+(\d{4})(?![\d\w]))?"
)
_MONTH_FIRST = re.compile(
    r"(" + _MONTH + r")" + _BLANK + r"+(?:(\d{1,2})(?:st|nd|rd|th)?(?![\d:\w])(?:[-–](\d{1,2})(?![\d:\w]))?(?:,?" + _BLANK
    + r"+(\d{4})(?![\d\w]))?|(\d{4})(?![\d\w]))"
)
_SIMPLE_FRACTION = re.compile(r"[/⁄](\d{1,4})(?![\d/⁄])")
_ISO_DATE = re.compile(r"-(\d{2})-(\d{2})(?![\d\w])")
_SLASHED = re.compile(r"(?:[/⁄]\d+)+")
_MULTI_MONEY = re.compile(
    r"(?i:multi-?(?:million|billion|trillion))(?:" + _BLANK + r"|-)+(?i:(dollar|euro|pound|yuan|yen|rupee|"
    r"ruble|rouble|rial|riyal|dirham|peso))(?![\w])"
)
_FRACTION_PARTS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                   "eighth": 8, "ninth": 9, "tenth": 10}
_FRACTION = re.compile(
    r"(?i:(an?|one|two|three|four|five|six|seven|eight|nine|ten)[ \t-]+(halves|half|thirds?|quarters?|fourths?|"
    r"fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?))(?=" + _BLANK + r"+of(?![\w]))"
)
# Joined by a hyphen, a fraction needs no "of": "two-thirds below the trend", "a two-thirds majority".
_HYPHENED_FRACTION = re.compile(
    r"(?i:(one|two|three|four|five|six|seven|eight|nine|ten)-(halves|half|thirds?|quarters?|fourths?|fifths?|"
    r"sixths?|sevenths?|eighths?|ninths?|tenths?))(?![\w-])"
)
_PART_BEFORE = _ending(["first", "second", "last", "latter", "final", "other", "back", "front", "better", "bottom",
                        "top", "opening", "closing", "early", "earlier", "upper", "lower", "northern", "southern",
                        "eastern", "western"], gap=_BLANK + "+")
_QUARTER_OF_YEAR = re.compile(_BLANK + r"+of" + _BLANK + r"+(?:(?:the|this|that|last|next|a)" + _BLANK
                              + r"+)?(?:year|fiscal|\d{4})(?![\w])", re.I)
_HALF_OF = re.compile(r"(?i:half)(?=" + _BLANK + r"+(?:of|the|its|their|his|her|our|all)(?![\w]))")
_APPOSED_AGE_AFTER = re.compile(r", (?=[a-z])")
# reversed: a capitalized word, not itself after a number as in a list ("Texas, 38, California, 55, and")
_NAME_BEFORE_COMMA = re.compile(r"[a-z'’\-]*[A-Z](?![A-Za-z])(?![ \t]*,[ \t]*\d)")
_AGE_BEFORE = re.compile(_BLANK + r"+(?:dega|ega|sega)(?![\w])", re.IGNORECASE)  # reversed "aged ", "age "
_FEW_BEFORE = _ending(["several", "a few", "a couple of", "many"], gap=_BLANK + "+")
_COUNTER_BEFORE = re.compile(_BLANK + r"+fo" + _BLANK + r"+\d")  # reversed "<digits> of "
_RATIO = re.compile(r"(?:" + _BLANK + r"+|-)(?:in|out" + _BLANK + r"+of)(?:" + _BLANK + r"+|-)(?=[\dA-Za-z])")
# Participles and adjectives that state what happened to the people a bare number counts: "left 17 dead".
_CASUALTY = re.compile(_BLANK + r"+(?:dead|injured|wounded|killed|hurt|missing|slain|arrested|detained|displaced|"
                       r"evacuated|hospitali[sz]ed|infected)(?![\w-])")
# "<number> of <whom | those | the ... | Iran's ...>": a part of a group, counted in the group's noun.
_PARTITIVE = re.compile(
    _BLANK + r"+of" + _BLANK + r"+(?:(?P<pronoun>them|whom|which|us|you|those|these)(?![\w'’])|"
    r"(?P<determiner>the|its|their|his|her|our|my|your)" + _BLANK + r"+|(?P<owner>[A-Z][\w.\-]*['’]s)" + _BLANK + r"+)"
)
_OWNER = re.compile(r"[A-Za-z][\w.\-]*['’]s" + _BLANK + r"+")  # "the state's", "the company's"
_OWN = re.compile(r"own(?![\w])")  # "16 of their own"
_CURRENCY_STARTS = frozenset(p[0] for p in CURRENCY_PREFIXES)  # "of the $5 billion", "of the US$5 billion"
_DEGREE_WORDS = re.compile(r"(?:most|more|least|few|many|other|top|best|biggest|largest|last|first|next|past|remaining)" + _BLANK + r"+")
_TWICE = re.compile(r"(?i:twice)(?=" + _BLANK + r"+(?:(?i:the|that|what|more)(?![\w])|(?i:as)" + _BLANK
                    + r"+[a-z]))")
_VERB_MULTIPLES = {
    "doubled": 2, "doubling": 2, "double": 2, "tripled": 3, "tripling": 3, "triple": 3, "quadrupled": 4,
    "quadrupling": 4, "quintupled": 5, "halved": 0.5, "halving": 0.5,
}
_A_PERIOD = re.compile(
    r"(?i:(an?|half" + _BLANK + r"+an?|a" + _BLANK + r"+quarter(?:" + _BLANK + r"+of" + _BLANK + r"+a)?)"
    r"(?:" + _BLANK + r"+|-)(decade|century|year|month|week|day|hour|minute))(?![\w])"
)
_AND_A_HALF = re.compile(_BLANK + r"+(?i:and)" + _BLANK + r"+(?i:a)" + _BLANK + r"+(?i:half)(?![\w])")
_PERIOD_SHARES = {"a": 1, "an": 1, "half a": 0.5, "half an": 0.5, "a quarter": 0.25, "a quarter of a": 0.25}
_DOWN = re.compile(_BLANK + r"+(?i:down|up)(?![\w])")  # "doubling down" is an idiom, not a multiple
_DOUBLE_AS_VERB = re.compile(_BLANK + r"+(?i:the|its|their|his|her|our|this|that|to|in|from|by)(?![\w])")
_FOLD_WORDS = {w + "fold": NUMBER_WORDS[w] for w in ("two", "three", "four", "five", "six", "seven", "eight",
                                                   "nine", "ten", "twenty", "hundred", "thousand")}

# The readers of what follows a number, in the order ``_classify_suffix`` tries them. One match of all of them
# says which is the first that applies, so the readers before it are skipped: a number followed by a unit word
# would otherwise fail half a dozen patterns first.
_SUFFIX_READERS = {
    "percent": _PERCENT, "letter": _LETTER_SCALE, "money": _CURRENCY_AFTER, "subunit": _SUBUNIT,
    "duration": _TIME_UNIT, "measure": _MEASURE, "fold": _FOLD, "times": _TIMES, "day": _DAY_FIRST,
    "compound": _COMPOUND_NOUN,
}
_FIRST_SUFFIX = re.compile("|".join(f"(?P<{name}>{reader.pattern})" for name, reader in _SUFFIX_READERS.items()))
_SUFFIX_RANK = {name: rank for rank, name in enumerate(_SUFFIX_READERS)}

_FROM_END = _ending(["from"])
# "between 25 and 64", and with what the numbers are between: "between the ages of 25 and 64 years".
_BETWEEN_END = _ending(["between"] + [f"between {the}{what} of" for the in ("", "the ") for what in
                                      ("age", "ages", "year", "years", "hour", "hours")])
_BY_END = _ending(["by"])
_OPENING_QUOTES = frozenset("\"“‘'")
_CLOSING_QUOTES = frozenset("\"”’'")
_LAST_WORD_CAPITALIZED = re.compile(r"(?<![\w])[A-Z][a-z]+\Z")
# Words after which "one day" measures a time ("for one day", "within one day"); elsewhere it is the idiom
# "one day she opened up", "and then one day".
_SPAN_LEADS = _ending("for in within over after than of by about just only per every each least most the this that "
                      "nearly almost roughly around took take takes taking lasted lasts last spent spend spends waited wait".split(),
                      gap=_BLANK + "+")
_TO_END = _ending(["to"])
# Words before "up to" that make it a bound ("making up to", "income up to"), where a change verb ("rocket up to")
# makes it a change.
_STATIC_BEFORE_UP = "making make makes earning earn earns income incomes add adds added adding pay paying cost costs".split()
# "to" in a fixed phrase or after a noun it completes: no level a change reaches ("cuts to 40 programs", "in
# addition to 30 rules", "making up to about $60,000", "due to 3 factors").
_NOT_A_LEVEL_TO = _ending([f"{verb} up to" for verb in _STATIC_BEFORE_UP] + ["in addition to", "according to", "thanks to", "due to", "prior to", "next to",
                           "similar to", "cuts to", "changes to", "access to", "contributions to", "damage to"])
_DELTA_END = _ending(["by"] + _CHANGE_WORDS)
_ANAPHORIC = _ending(_ANAPHORIC_DETERMINERS, gap=_BLANK + "+")
_POSSESSIVE = _ending(_POSSESSIVE_DETERMINERS, gap=_BLANK + "+")
_YEAR_LEADS = _ending(_YEAR_LEAD_WORDS, gap=_BLANK + "+")
_PREFIX_HYPHEN = _ending(["pre-", "post-", "mid-", "late-", "early-"], gap="")
_TICKER_BEFORE = _ending(["NYSE", "NASDAQ", "LSE", "TSX", "ASX", "HKEX", "SEHK", "TSE", "KRX", "BSE", "NSE", "AMEX",
                          "OTC", "OTCQX", "OTCQB"], gap=_BLANK + "?:" + _BLANK + "?")
_TO_CHAIN = re.compile(r"[\s,]*(?:(?:and|or|but)\s+)?(?:then\s+)?(?:further\s+|eventually\s+)?to\s*\Z", re.I)
_CHANGE_REACH_WORDS = 5  # how far back a change verb governs "from"/"to": "rose sharply in May from"
_COMPARED = re.compile(r"(?<![\w])(?i:up|down|compared|versus|vs|against)(?![\w])")

_WORD_BEFORE = re.compile(r"(" + _BLANK + r"*)(\.?)([A-Za-z][A-Za-z.&'’]*)")  # reversed: blanks, ".", word
_HYPHEN_WORD_BEFORE = re.compile(r"-(\w+)")  # reversed
_WORDS = re.compile(r"[a-z]+")

_CLAUSE_LOOKBACK = 120  # characters searched for change verbs and goal words
_LOOK_BACK = 32  # characters before a number that hedges, names, currency signs and months are read from
_CUE_REACH = 24  # characters before a mention that change cues ("rose to", "from") and determiners are read from


@dataclass(slots=True)
class _Mention:
    """A quantity found in the text, before context rules decide whether and how it is a claim."""

    start: int
    end: int
    kind: str
    value: float | None
    unit: str | None = None
    value_high: float | None = None
    scale: float = 1.0  # multiplier taken from a scale word, so a range partner can share it
    number: float | None = None  # the number as written, before scale and unit factor
    factor: float = 1.0  # unit conversion applied to the value (10 for decades to years), shared the same way
    spelled: bool = False
    year_like: bool = False  # four digits that read as a year unless a unit or noun says otherwise
    bare: bool = False  # no unit, noun or scale: kept only when a hedge or a change makes it checkable
    anaphora_check: bool = False  # a plain count, which "the two countries" style context can cancel
    lead: int = 0  # start of the hedge, or of the mention when there is none
    hedge: str | None = None
    role: str | None = None
    group: int | None = None
    target: bool = False
    change_member: bool = False
    sentence: Sentence = (0, 0)
    before: str | None = None  # the _LOOK_BACK characters before ``start``, reversed, kept for later context rules
    extra: dict = field(default_factory=dict)


# --------------------------------------------------------------------------------------------------------------
# Public API


def extract_claims(
    text: str,
    published: str | date | datetime | None = None,
    *,
    quotes: Sequence[Quote] | None = None,
    sentences: Sequence[Sentence] | None = None,
) -> list[Claim]:
    """Every checkable quantity in ``text``, in text order, with its sentence and speaker.

    ``published`` (an ISO date string or a date) supplies the year of dates written without one. ``quotes``
    and ``sentences`` can be passed when the caller already has them; otherwise they are computed, and only
    when the text has at least one claim.
    """
    if not text:
        return []
    mentions = _scan(text, _year_of(published))
    if mentions and ("\x1b" in text or "\x9b" in text):
        mentions = _outside_control_sequences(text, mentions)
    if mentions:
        mentions = _outside_page_furniture(text, mentions)
        _date_years_nearest(mentions, published)
    if not mentions:
        return []
    spans = _sentence_spans(text) if sentences is None else list(sentences)
    _assign_sentences(mentions, spans)
    changes = _mark_changes(text, mentions)
    mentions = [m for m in mentions if _is_checkable(m)]
    if not mentions:
        return []
    if changes:
        _number_change_groups(mentions)
    _mark_targets(text, mentions)
    if quotes is None:
        # Most texts with a number quote nobody; finding that out is a fraction of attributing quotes.
        quotes = extract_quotes(text) if scan_quotations(text) else []
    speakers = claim_speakers(text, [(m.start, m.end) for m in mentions], quotes, spans)
    return [_to_claim(text, mention, speaker) for mention, speaker in zip(mentions, speakers, strict=True)]


# Fields the extractor decides for every claim (None included: "no hedge" is a decision); the rest the store fills.
_EXTRACTED_FIELDS = frozenset(Claim.model_fields) - {"id", "article_id", "cluster_id", "trace"}
_set_attribute = object.__setattr__
_new_object = object.__new__


def _to_claim(text: str, mention: _Mention, speaker: SpeakerRef | None) -> Claim:
    """The public model, built without validation: this module guarantees every field (kinds, hedges and roles
    come from its own tables, offsets from the text it read), and validating took as long as reading the number.
    ``Claim.model_construct`` is no faster in pydantic 2. The tests validate every claim they extract."""
    value, high = mention.value, mention.value_high
    fields = {
        "id": None, "article_id": None, "start": mention.start, "end": mention.end,
        "mention": text[mention.start : mention.end], "sentence_start": mention.sentence[0],
        "sentence_end": mention.sentence[1], "kind": mention.kind, "value": None if value is None else float(value),
        "value_high": None if high is None else float(high), "unit": mention.unit, "hedge": mention.hedge,
        "change_group": mention.group, "role": mention.role, "target": mention.target,
        "speaker": None, "speaker_start": None, "speaker_end": None, "cluster_id": None, "trace": [],
    }
    if speaker is not None:
        fields["speaker"], fields["speaker_start"], fields["speaker_end"] = speaker.name, speaker.start, speaker.end
    claim = _new_object(Claim)
    _set_attribute(claim, "__dict__", fields)
    _set_attribute(claim, "__pydantic_fields_set__", set(_EXTRACTED_FIELDS))
    _set_attribute(claim, "__pydantic_extra__", None)
    _set_attribute(claim, "__pydantic_private__", None)
    return claim


# Page furniture that news pages carry between paragraphs, and whose numbers are nobody's claim. Each has a
# literal marker, looked for first (a substring test costs next to nothing), then the stretch it covers; a
# pattern marked "paragraph" makes the whole paragraph furniture.
_GALLERY = re.compile(r"Hide Caption \d+ of \d+")  # a photo gallery: its captions fill one paragraph
_PHOTO_CREDIT = re.compile(  # a caption ends with its credit: "(AP Photo/Evan Vucci)", "REUTERS/Aaron Bernstein"
    r"(?:\((?:AP|AFP|Reuters|REUTERS|Getty)(?: Photo| Images)?(?:/[^()\n]{1,60})?\)|\bREUTERS/[A-Z][^\n]{0,60}"
    r"|\([^()\n]{1,80}(?: via AP|/AP|/Getty Images|/Reuters|/AFP)\))"
    r"[ \t]*(?=\n|\Z)"
)
_FILE_PHOTO = re.compile(r"(?m)^[ \t]*FILE(?:[ \t]*[-–—:]| PHOTO\b)")  # "FILE - In this May 9, 2018 file photo"
# Links to other articles: "<headline> Read more", "READ MORE: <headline>", "( PHOTOS: <headline>)".
_RELATED_LINK = re.compile(r"(?im)^[ \t]*(?:read more|related)\b:.*$|^.*\bRead more[ \t]*$"
                           r"|\([ \t]*(?:PHOTOS|VIDEO|WATCH|READ|RELATED|SEE)\b:[^()\n]*\)")
# A video player's text: "JUST WATCHED <title> Replay More Videos ... MUST WATCH <title> 01:37", the whole line, and
# links to videos ending in their length.
_VIDEO = re.compile(r"JUST WATCHED\b[^\n]*|^[^\n.!?]{10,200}[ \t]\d{1,2}:\d{2}[ \t]*$", re.M)
# The Hill links every politician's name to three headlines: "Donald John TrumpGOP senators balk at ... MORE".
_HEADLINE_LIST = re.compile(r"[a-z](?=[A-Z])[^.\n]{5,400}? MORE(?![\w])")
# The date line of an embedded tweet: "— Ann Coulter (@AnnCoulter) January 19, 2019".
_TWEET_DATE = re.compile(r"\(@\w{1,15}\)[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},[ \t]+\d{4}")
_SLIDESHOW = re.compile(r"Slideshow[ \t]*\([ \t]*\d+[ \t]+Images?[ \t]*\)")  # a gallery link: "Slideshow (16 Images)"
_PAGE_BANNER = re.compile(r"(?m)^[ \t]*This article is more than \d+ \w+ old[ \t]*$|^.*\bChip in \$\d.*$")
_FURNITURE = (  # (marker, pattern, whole paragraph)
    ("Hide Caption", _GALLERY, True), ("(AP", _PHOTO_CREDIT, True), ("(AFP", _PHOTO_CREDIT, True),
    ("(Reuters)", _PHOTO_CREDIT, True), ("(REUTERS)", _PHOTO_CREDIT, True), ("(Getty", _PHOTO_CREDIT, True),
    ("REUTERS/", _PHOTO_CREDIT, True), ("via AP)", _PHOTO_CREDIT, True), ("/AP)", _PHOTO_CREDIT, True),
    ("/Getty Images)", _PHOTO_CREDIT, True), ("FILE", _FILE_PHOTO, True), ("Read more", _RELATED_LINK, False),
    ("READ MORE", _RELATED_LINK, False), ("Related:", _RELATED_LINK, False), ("RELATED:", _RELATED_LINK, False),
    ("PHOTOS:", _RELATED_LINK, False), ("VIDEO:", _RELATED_LINK, False), ("WATCH:", _RELATED_LINK, False),
    ("JUST WATCHED", _VIDEO, False), (":", _VIDEO, False), ("MORE", _HEADLINE_LIST, False),
    ("(@", _TWEET_DATE, False), ("Slideshow", _SLIDESHOW, False), ("This article is more than", _PAGE_BANNER, False),
    ("Chip in $", _PAGE_BANNER, False),
)
# One search for any marker first (a colon, for a video's length, is tested apart): most texts have none, and a
# prefix tree of the markers is searched faster than each marker alone.
_FURNITURE_MARKER = re.compile(trie_pattern(marker for marker, _, _ in _FURNITURE if marker != ":"))


def _outside_page_furniture(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """``mentions`` less those in page furniture: photo galleries ("Hide Caption 3 of 12"), photo captions and
    credits, related-article links, The Hill's inline headline lists, the date line of an embedded tweet, and
    banners such as "This article is more than 3 years old". The numbers there restate a page, not the article."""
    if ":" not in text and not _FURNITURE_MARKER.search(text):
        return mentions
    furniture: list[tuple[int, int]] = []
    for marker, pattern, paragraph in _FURNITURE:
        if marker in text:
            for match in pattern.finditer(text):
                start, end = match.span()
                if paragraph:
                    start, end = text.rfind("\n", 0, start) + 1, (text.find("\n", end) + 1 or len(text) + 1) - 1
                furniture.append((start, end))
    if not furniture:
        return mentions
    furniture.sort()
    starts = [start for start, _ in furniture]
    kept = []
    for mention in mentions:
        at = bisect_right(starts, mention.start) - 1
        inside = at >= 0 and any(start <= mention.start < end for start, end in furniture[max(0, at - 3) : at + 1])
        if not inside:
            kept.append(mention)
    return kept


_TERMINATORS = ".!?"
# Sentence punctuation that may end a sentence: a terminator not directly followed by a lowercase letter or a
# digit ("2.5", "Yahoo!s" never end one).
_MAY_END_SENTENCE = re.compile(r"[.!?](?![a-z0-9])")


def _sentence_spans(text: str) -> list[Sentence]:
    """``split_sentences(text)``, without the segmenter for the common one-sentence text.

    A short ASCII line whose only possible sentence end is its last character cannot hold two sentences:
    sentencex breaks only after a terminator that is not followed by a lowercase letter or digit, at paragraph
    breaks, at numbered references ("[1]") and at list markers (which need a ")" or a leading bullet). That is
    most texts of a sentence or headline, and the segmenter call costs as much as reading their numbers.
    """
    if len(text) > BLOCK_CHARS or not text.isascii() or "\n" in text or "\r" in text or ")" in text or "[" in text:
        return split_sentences(text)
    stripped = text.strip()
    if _MAY_END_SENTENCE.search(stripped.rstrip(_TERMINATORS)) or stripped[:1] in ("*", "+", "-"):
        return split_sentences(text)
    if not stripped:
        return []
    start = len(text) - len(text.lstrip())
    return [(start, start + len(stripped))]


def _assign_sentences(mentions: list[_Mention], spans: list[Sentence]) -> None:
    """Each mention's sentence, in one merge pass over both sorted lists; a mention outside any sentence or
    across two gets what ``SentenceIndex.containing`` gives (the union of the sentences it touches)."""
    index: SentenceIndex | None = None
    position, count = 0, len(spans)
    for mention in mentions:
        while position < count and spans[position][1] <= mention.start:
            position += 1
        if position < count and spans[position][0] <= mention.start and mention.end <= spans[position][1]:
            mention.sentence = spans[position]
        else:
            index = index or SentenceIndex(spans)
            mention.sentence = index.containing(mention.start, mention.end)


def _date_years_nearest(mentions: list[_Mention], published: str | date | datetime | None) -> None:
    """Dates written without a year ("Dec. 22") take the year that puts them nearest to the publication date,
    the earlier one on a tie: a January article's "Dec. 22" is last December, a late-December article's
    "January 1" the coming one. Needs a full publication date; with a year alone the scan's guess stands."""
    if not isinstance(published, (str, date)):
        return
    inferred = [m for m in mentions if m.kind == "date" and m.extra.get("year_from_published")]
    if not inferred:
        return
    if isinstance(published, datetime):
        published = published.date()
    elif isinstance(published, str):
        try:
            published = date.fromisoformat(published.strip()[:10])
        except ValueError:
            return
    for mention in inferred:
        value = int(mention.value)
        year, month, day = value // 10000, value // 100 % 100, value % 100
        best, best_distance = year, None
        for candidate in (year - 1, year, year + 1):
            try:
                distance = abs((date(candidate, month, day) - published).days)
            except ValueError:  # February 29 of a common year
                continue
            if best_distance is None or distance < best_distance:
                best, best_distance = candidate, distance
        if best != year:
            shift = (best - year) * 10000
            mention.value += shift
            if mention.value_high is not None:
                mention.value_high += shift


def _year_of(published: str | date | datetime | None) -> int | None:
    if published is None:
        return None
    if isinstance(published, (date, datetime)):
        return published.year
    head = str(published).strip()[:4]
    return int(head) if head.isdigit() else None


# --------------------------------------------------------------------------------------------------------------
# Scanning


# Terminal escape sequences (CSI "ESC [ 0 ; 31 m", OSC "ESC ] ... BEL", two-character ones) that pasted or scraped
# text can carry: their parameters are digits, never quantities.
_CONTROL_SEQUENCE = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|\x1b(?:\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)",
                               re.DOTALL)  # the 8-bit CSI U+009B too ("\u009b31m")


def _outside_control_sequences(text: str, mentions: list[_Mention]) -> list[_Mention]:
    starts, ends = [], []
    for match in _CONTROL_SEQUENCE.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
    kept = []
    for mention in mentions:
        before = bisect_left(starts, mention.end) - 1  # the last sequence starting before the mention ends
        if before < 0 or ends[before] <= mention.start:  # sequences do not overlap, so ends are sorted too
            kept.append(mention)
    return kept


def _scan(text: str, year: int | None) -> list[_Mention]:
    """All quantity mentions, left to right, each read once; context rules run later on the whole list."""
    found: list[_Mention] = []
    pos = 0
    length = len(text)
    number_at = word_at = word_end = -1  # the next candidates of each kind at or after ``pos``, once found
    while pos < length:
        if number_at < pos:
            number = _NUMBER_START.search(text, pos)
            number_at = number.start() if number else length
        if word_at < pos:
            word_at, word_end = _next_number_word(text, pos, length)
        if number_at < word_at:
            start, match_end, is_word = number_at, number_at + 1, False
        elif word_at < length:
            start, match_end, is_word = word_at, word_end, True
        else:
            break
        if is_word and start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            pos = start + 1  # inside a word: "often" holds "ten", "someone" holds "one"
            continue
        furniture_end = _furniture_end(text, start, not is_word)
        if furniture_end is not None:
            pos = max(furniture_end, match_end)
            continue
        scanned_before = None  # the look-back window, when computed for the digits at ``start``
        if not is_word and text[start].isdigit():
            reversed_before = _before(text, start, _LOOK_BACK)
            prefix = _PREFIX_BEFORE.match(reversed_before, 0, 16) if reversed_before[:1] not in _PLAIN_BEFORE and (
                reversed_before[:1] not in _BLANKS or reversed_before[1:2] in _PREFIX_LAST_CHARS) else None
            currency = prefix if prefix and prefix.lastgroup == "currency" else None
            scanned_before = reversed_before
            if currency and start - currency.end() >= pos:
                start -= currency.end()
                scanned_before = None
            elif start and text[start - 1].isalpha():
                pos = match_end  # digits glued to letters that are not a currency code: "ABC123"
                continue
            else:
                month = prefix if currency is None else (  # a month, or a currency sign the last mention took
                    _MONTH_BEFORE.match(reversed_before, 0, 16) if reversed_before[:1] in " \t\u00a0" else None)
                date_mention = _read_month_date(text, start - month.end(), year) if month and \
                    start - month.end() >= pos else None
                if date_mention is not None:
                    found.append(date_mention)
                    pos = date_mention.end
                    continue
        mentions, end = _read_at(text, start, text[start:match_end] if is_word else None, year, scanned_before)
        if mentions:
            found.extend(mentions)
            pos = max(end, start + 1)
        else:
            pos = max(end, match_end)
    return found


def _next_number_word(text: str, pos: int, length: int) -> tuple[int, int]:
    """Start and end of the first number word at or after ``pos``; ``(length, length)`` when there is none."""
    if pos == 0 and text[:2] in _WORD_OPENINGS:
        at_start = _WORD_AT_TEXT_START.match(text)
        if at_start:
            return 0, at_start.end()
    found = _WORD_START.search(text, max(pos - 1, 0))
    return found.span("word") if found else (length, length)


def _furniture_end(text: str, start: int, digits: bool) -> int | None:
    """Where the link, handle, phone number or clock time holding ``start`` ends; None if it is prose."""
    right_run = _RUN.match(text, start).group()
    if start == 0 or text[start - 1].isspace():
        run = right_run  # the common case: the candidate starts its run
    else:
        left = text[max(0, start - _RUN_REACH) : start]
        left_run = left.rsplit(None, 1)[-1]
        if len(left_run) == _RUN_REACH:
            return start + len(right_run)
        run = left_run + right_run
    if len(right_run) == _RUN_REACH:
        return start + len(right_run)  # prose has no sixty-character words; long runs are links or data
    if not _FURNITURE_HINTS.isdisjoint(run):
        if _FURNITURE_RUN.search(run) or _PLUS_DIGITS.match(run) and not _NUMBER_THEN_PERCENT.match(text, start):
            return start + len(right_run)
        if digits:
            sign = start if text[start] in "-−" else start - 1 if text[start - 1 : start] == "+" else -1
            if sign > 0 and _QUOTE_TICKER.search(text, max(0, sign - 16), sign):
                return start + len(right_run)  # "Moderna MRNA, +2.15%": a live stock quote the page inserts
    if digits and _may_be_odd_number(text, start, right_run):
        odd = _NOT_AMOUNT_AT.match(text, start)
        if odd:
            return odd.end()
    if digits and ":" in text[max(0, start - 2) : start] and _TICKER_BEFORE.match(_before(text, start, 16)):
        return start + len(right_run)
    return None


def _may_be_odd_number(text: str, start: int, run: str) -> bool:
    """Whether a clock time, phone number or footnote mark can start at ``start``: each has a ":", "-", ".", ")",
    "]" or letters in its run, or is one or two digits before "a.m.", "pm" or "o'clock". Most numbers are plain
    digits and commas, ruled out here without the pattern."""
    core = run.rstrip(_RUN_TRAILERS)
    if core.replace(",", "").isdigit():
        return len(core) <= 2 and len(core) == len(run) and text[start + len(core) : start + len(core) + 1] in \
            _BLANKS and text[start + len(core) + 1 : start + len(core) + 2] in _CLOCK_INITIALS
    return True


_RUN_TRAILERS = ",;!?%\"')”’"  # what may close a run after a plain number; ":" and "." may be a time's
_CLOCK_INITIALS = frozenset("aApPoO")  # "5 a.m.", "5 pm", "5 o'clock"


def _read_at(
    text: str, start: int, word: str | None, year: int | None, before: str | None = None
) -> tuple[list[_Mention], int]:
    """The mentions that start at a scanner hit (``word`` when it is a number word), and where scanning resumes.

    ``before`` is ``_before(text, start, _LOOK_BACK)`` when the scanner has it already."""
    if word is not None:
        special = _read_word_special(text, start, word)
        if special is not None:
            if not special.kind:
                return [], special.end
            special.before = _before(text, special.start, _LOOK_BACK)
            _attach_hedge(special, special.before)  # "less than a percent", "more than doubled", "nearly a third"
            if special.extra.get("needs_hedge"):
                if special.hedge == "more_than" and _over_spans_the_period(text, special):
                    special.hedge = None  # "spread over a year"
                if special.hedge is None or special.hedge == "about":
                    return [], special.end  # "about a week later" tells the story's time, it bounds nothing
            return [special], special.end
    first = _read_quantity(text, start, year)
    if first is None:
        return [], start + 1
    if first.kind == "skip":
        return [], first.end
    if first.kind in ("date", "year_range"):
        return [first], first.end
    if first.bare and text[first.end : first.end + 1] == " " and text[first.end + 1 : first.end + 2] in "ABC":
        era = _ERA_AFTER.match(text, first.end)
        if era and text[first.start : first.end].isdigit():
            sign = 1 if era.group(1)[0] in "A" else -1  # "753 B.C.", "2500 BCE", "476 AD"
            year_of_era = _Mention(first.start, era.end(), "year", sign * first.value, lead=first.start)
            _attach_hedge(year_of_era, before if before is not None and first.start == start else
                          _before(text, first.start, _LOOK_BACK))
            if year_of_era.hedge not in _YEAR_HEDGES:
                year_of_era.hedge, year_of_era.lead = None, first.start
            return [year_of_era], era.end()
    reversed_before = before if before is not None and first.start == start else _before(text, first.start, _LOOK_BACK)
    first.before = reversed_before
    _attach_hedge(first, reversed_before)
    if first.hedge == "more_than" and first.kind == "duration" and _over_spans_the_period(text, first):
        first.hedge, first.lead = None, first.start  # "cut $772 billion over 10 years": during, not more than
    if first.kind == "duration" and first.value == 1 and first.unit == "days" and first.spelled and \
            not first.hedge and not _SPAN_LEADS.match(reversed_before):
        return [], first.end  # "and then one day she called": a way of telling, not a length of time
    if first.kind == "quantity" and first.unit == "bit" and first.spelled:
        return [], first.end  # "not one bit", "a bit": no amount of information
    if text[first.start - 1 : first.start] in _OPENING_QUOTES and text[first.end : first.end + 1] in _CLOSING_QUOTES \
            and text[first.end - 1 : first.end].isalpha() and _LAST_WORD_CAPITALIZED.search(text, first.start, first.end):
        return [], first.end  # "“60 Minutes”", "“Fifty Shades”": a title in quotation marks
    if first.kind == "count" and first.unit == "time" and _BY_END.match(_before(text, first.lead, _CUE_REACH)):
        first.kind, first.unit = "multiple", "times"  # "could drop by more than five times": a factor
    split = _read_split(text, first, year) if text[first.end : first.end + 1] in _DASHES else None
    if split is not None:
        return split, split[-1].end  # before the name rule: "Trump 48-41 percent" is no model number
    if _looks_like_name(text, first, reversed_before):
        return [], first.end
    if first.bare or first.kind == "count" and first.unit is None:
        _read_age_before(text, first)
    ranged = _read_range(text, first, year)
    if ranged is not None:
        first = ranged
    elif text.startswith(" or ", first.end) and first.hedge is None and first.value not in (None, 1):
        _read_or_more(text, first)
    if first.year_like:
        _settle_year(text, first)
    return [first], first.end


# "150 or more", "$5 million or less", "20 years or so": a hedge written after the amount.
_OR_MORE = re.compile(_BLANK + r"+or" + _BLANK + r"+(?i:(more|higher|greater|longer|older|above|over|fewer|less|lower"
                      r"|below|under|so))(?![\w])")
_OR_MORE_HEDGES = {"fewer": "at_most", "less": "at_most", "lower": "at_most", "below": "at_most", "under": "at_most",
                   "so": "about"}


def _read_or_more(text: str, mention: _Mention) -> None:
    """The hedge of "150 or more" (at least), "10 or fewer" (at most), "20 years or so" (about); a plain number
    takes the noun after the hedge as what it counts ("10 or more children"), and the span reaches it."""
    if mention.kind not in ("money", "percent", "count", "quantity", "duration") or mention.value_high is not None:
        return
    found = _OR_MORE.match(text, mention.end)
    if not found:
        return
    mention.hedge = _OR_MORE_HEDGES.get(found.group(1).lower(), "at_least")
    if mention.kind == "count" and mention.unit is None:
        noun = _counted_noun(text, found.end(), 2)
        if noun is not None:
            mention.unit, mention.end, mention.bare, mention.year_like = noun[0], noun[1], False, False


def _read_split(text: str, first: _Mention, year: int | None) -> list[_Mention] | None:
    """Two results written with a dash, the second smaller: "50%-40%", "a 51-44 percent majority", "a 48-to-41
    vote" are a split (a poll, a vote), not a range, and ``first`` takes the unit the second carries; "a 3-to-1
    margin" is a ratio, one multiple. None when this is neither (scores such as "won 2-1" stay unread)."""
    if first.kind not in ("percent", "count") or first.value is None or first.value_high is not None or first.year_like:
        return None
    if first.bare and text[first.start : first.end].isdigit():
        tally = _read_tally(text, first)
        if tally is not None:
            return tally
    separator = _DASH_JOIN.match(text, first.end)
    second = _read_quantity(text, separator.end(), year) if separator and separator.end() < len(text) else None
    if second is None or second.kind not in ("percent", "count") or second.unit is None or second.value is None \
            or second.value_high is not None or not 0 <= second.value < first.value:
        return None
    if second.kind == "count" and second.value == 1:
        if second.unit not in _RATIO_NOUNS or not first.bare:
            return None
        first.kind, first.unit, first.bare, first.anaphora_check = "multiple", "times", False, False
        first.end = read_number(text, second.start).end
        return [first]
    if first.bare:
        first.kind, first.unit, first.bare, first.anaphora_check = second.kind, second.unit, False, False
    elif (first.kind, first.unit) != (second.kind, second.unit):
        return None
    second.before = _before(text, second.start, _LOOK_BACK)
    return [first, second]


def _read_tally(text: str, first: _Mention) -> list[_Mention] | None:
    """Both sides of a vote, each a count of votes; a tie ("a 4-4 vote") and a lone dissent ("an 8-1 vote")
    included, which the split of a poll would not take."""
    tally = _TALLY.match(text, first.end)
    if tally is None or not (tally.group(2) or _TALLY_BEFORE.match(_before(text, first.lead, 16))):
        return None
    against = int(tally.group(1))
    if against > first.value:
        return None  # "a 17-21 vote" is no winners-first tally; a range or a score, left to other rules
    first.kind, first.unit, first.bare, first.anaphora_check = "count", "vote", False, False
    second = _Mention(tally.start(1), tally.end(), "count", float(against), "vote", number=float(against),
                      lead=tally.start(1), before=_before(text, tally.start(1), _LOOK_BACK))
    first.extra["tally"] = second.extra["tally"] = True  # "an 8-1 vote": a count of one, still a claim
    return [first, second]


def _read_age_before(text: str, mention: _Mention) -> None:
    """"aged 45", "age 87": an age written before the number is a duration in years."""
    age = _AGE_BEFORE.match(mention.before, 0, 8) if mention.before is not None else \
        _AGE_BEFORE.match(_before(text, mention.start, 8))
    if age and mention.value is not None and 0 < mention.value < 150:
        mention.kind, mention.unit, mention.bare, mention.year_like = "duration", "years", False, False
        mention.start = mention.lead = mention.start - age.end()
        mention.before = None
        mention.anaphora_check = False
    elif mention.bare and mention.value is not None and 0 < mention.value < 130 and mention.value == int(mention.value) \
            and text[mention.start - 2 : mention.start] == ", " and _APPOSED_AGE_AFTER.match(text, mention.end) \
            and _NAME_BEFORE_COMMA.match(_before(text, mention.start - 2, 24)):
        # "Smith, 59, served as chief of staff": a name, then an age set off by commas
        mention.kind, mention.unit, mention.bare, mention.year_like = "duration", "years", False, False
        mention.anaphora_check = False


def _read_word_special(text: str, start: int, word: str) -> _Mention | None:
    """Word-led mentions that are not plain numbers: multiples ("doubled"), shares ("a third of"), periods ("a
    decade"), unvalued money ("multimillion-dollar") and vague scales ("several thousand"). None means "read it as
    a number"; a mention of kind "" means "nothing here, go on after it"."""
    lower = word.lower()
    if lower in _VERB_MULTIPLES:
        follows = start + len(word)
        if lower in ("double", "triple") and not _DOUBLE_AS_VERB.match(text, follows) or \
                lower.endswith("ing") and _DOWN.match(text, follows):
            return _Mention(start, start + len(word), "", None)
        return _Mention(start, start + len(word), "multiple", _VERB_MULTIPLES[lower], "times", lead=start)
    if lower in _FOLD_WORDS:
        return _Mention(start, start + len(word), "multiple", _FOLD_WORDS[lower], "times", lead=start)
    if lower == "twice":
        if _TWICE.match(text, start):
            return _Mention(start, start + len(word), "multiple", 2, "times", lead=start)
        return _Mention(start, start + len(word), "", None)
    if lower.startswith("multi"):
        money = _MULTI_MONEY.match(text, start)
        if money:
            return _Mention(start, money.end(), "money", None, CURRENCY_NAMES.get(money.group(1).lower(), "GBP"),
                            lead=start)
        return _Mention(start, start + len(word), "", None)
    if lower[:1] in "ah" and not lower.startswith(("hundred", "half")) or lower.startswith("half "):
        period = _A_PERIOD.match(text, start)
        if period:
            share = _PERIOD_SHARES[" ".join(period.group(1).lower().split())]
            unit_word = period.group(2).lower()
            stop = period.end()
            and_a_half = _AND_A_HALF.match(text, stop) if share == 1 else None  # "a century and a half"
            if and_a_half:
                share, stop = 1.5, and_a_half.end()
            if unit_word in ("decade", "century"):
                years = share * (10 if unit_word == "decade" else 100)
                return _Mention(start, stop, "duration", years, "years", lead=start)
            # "more than a year", "nearly an hour": one unit is a length only with a hedge that bounds it ("once a
            # year", "about a week later" are none)
            found = _Mention(start, stop, "duration", share, TIME_UNITS[unit_word][0], lead=start)
            found.extra["needs_hedge"] = True
            return found
    if lower[-1:] in _BLANKS or lower == "half":  # "a ", "half a ": an article before a scale, period, percent
        article = _ARTICLE_PERCENT.match(text, start)
        if article and not _AS_BEFORE.match(_before(text, start, 8)):  # "as a percent of GDP" is no amount
            return _Mention(start, article.end(), "percent", 0.5 if article.group(1) else 1.0,
                            _percent_unit(article.group(2)), lead=start)
    fraction = _FRACTION.match(text, start) or _HYPHENED_FRACTION.match(text, start)
    if fraction and fraction.group(2).lower().startswith("quarter") and _QUARTER_OF_YEAR.match(text, fraction.end()):
        return _Mention(start, fraction.end(), "", None)  # "in one quarter of this year": a period, not a share
    if fraction:
        count, part = fraction.group(1).lower(), fraction.group(2).lower()
        numerator = 1 if count in ("a", "an") else NUMBER_WORDS[count]
        denominator = _FRACTION_PARTS[part.rstrip("s") if part != "halves" else "half"]
        of_percent = _OF_A_PERCENT.match(text, fraction.end())
        if of_percent:
            return _Mention(start, of_percent.end(), "percent", numerator / denominator,
                            _percent_unit(of_percent.group(1)), lead=start)
        return _Mention(start, fraction.end(), "multiple", numerator / denominator, "ratio", lead=start)
    if lower == "half":
        if _PART_BEFORE.match(_before(text, start, 16)):
            return _Mention(start, start + 4, "", None)  # "the second half of 2018": a period, not a share
        half = _HALF_OF.match(text, start)
        return _Mention(start, half.end(), "multiple", 0.5, "ratio", lead=start) if half else None
    few = _FEW_BEFORE.match(_before(text, start, 16)) if lower in SCALE_WORDS else None
    if lower in SCALE_WORDS and (few is not None or not _currency_follows(text, start + len(word))):
        if few is None:
            return _Mention(start, start + len(word), "", None)  # "million" alone is no amount; "million-dollar" is
        # "several thousand supporters", "a few million": vague, one order of magnitude like "thousands"
        scale = SCALE_WORDS[lower]
        reading = NumberReading(scale, start + len(word), spelled=True, scaled=True, high=scale * 10)
        found = _classify(text, start - few.end(), reading, None)
        return found if found is not None and found.kind in ("count", "money") else _Mention(
            start, start + len(word), "", None)
    if lower == "tens" and not text.startswith(" of ", start + 4):
        return _Mention(start, start + len(word), "", None)
    return None


def _read_quantity(text: str, start: int, year: int | None) -> _Mention | None:
    """One quantity at ``start`` (currency, number, scale, unit or noun), without ranges or context rules."""
    prefix = _CURRENCY_AT.match(text, start) if not text[start].isdigit() else None
    currency = None
    pos = start
    negative = False
    if prefix:
        code = prefix.group()
        currency = CURRENCY_PREFIXES.get(code) or (code if code in ISO_CODES else None)
        pos = prefix.end()
        while pos < len(text) and text[pos] in " \t\u00a0":
            pos += 1
    elif text.startswith(("-", "−"), start):
        negative = True
        pos += 1
    elif text.startswith(("minus", "Minus"), start) and start + 6 < len(text) and text[start + 5] in " -":
        pos += 6
        if _PLUS_OR_BEFORE.match(_before(text, start, 12)):
            start = pos  # "plus or minus 3 points", a margin of error: the size, as "±3 points" reads
        else:
            negative = True
    if pos >= len(text):
        return None
    reading = read_number(text, pos)
    if reading is None:
        return None
    if negative:
        reading.value = -reading.value
    if reading.digits is not None:
        fraction = _slashed_fraction(text, start, reading, year)
        if fraction is not None:
            return fraction
        odd = _reject_digit_form(text, start, reading, year)
        if odd is not None:
            return odd
    if currency:
        return _finish_money(text, start, reading, currency, currency_before=True)
    return _classify(text, start, reading, year)


_PLUS_OR_BEFORE = re.compile(r"(?:" + _BLANK + r"+(?i:ro)" + _BLANK + r"+|" + _BLANK + r"*/" + _BLANK
                             + r"*)(?i:sulp)(?![\w])")  # reversed "plus or ", "plus/"


def _reject_digit_form(text: str, start: int, reading: NumberReading, year: int | None) -> _Mention | None:
    """Digit strings that are not amounts: ordinals, codes, slashed forms, ISO dates. None when fine."""
    end = reading.end
    if end >= len(text):
        return None
    char = text[end]
    slashed = _SLASHED.match(text, end) if char in "/⁄" and not reading.scaled else None
    if slashed:
        numeric_date = _slashed_date(text[start:slashed.end()])
        if numeric_date is not None:
            return _Mention(start, slashed.end(), "date", numeric_date, "date", lead=start)
        return _Mention(start, slashed.end(), "skip", None)
    if char == "-" and reading.digits and len(reading.digits) == 4:
        iso = _ISO_DATE.match(text, end)
        if iso:
            month, day = int(iso.group(1)), int(iso.group(2))
            if 1 <= month <= 12 and 1 <= day <= 31:
                value = int(reading.digits) * 10000 + month * 100 + day
                return _Mention(start, iso.end(), "date", value, "date", lead=start)
    if char.isalpha() and not reading.scaled:
        ordinal = _ORDINAL.match(text, end)
        if ordinal and not (reading.digits.isdigit() and 1 <= reading.value <= 31 and _DAY_FIRST.match(text, end)):
            return _Mention(start, ordinal.end(), "skip", None)  # "the 18th century"; "18th August" is a date
    if len(reading.digits) > 9 and "," not in reading.digits and "." not in reading.digits:
        return _Mention(start, end, "skip", None)  # account, ISBN and tracking numbers
    return None


def _slashed_fraction(text: str, start: int, reading: NumberReading, year: int | None) -> _Mention | None:
    """"1/2 pound", "1/16 of a pint": a fraction is an amount only with a unit or "of" after it ("9/11" is not)."""
    match = _SIMPLE_FRACTION.match(text, reading.end) if text[reading.end : reading.end + 1] in ("/", "⁄") else None
    if not match or not reading.digits.isdigit():
        return None
    numerator, denominator = int(reading.digits), int(match.group(1))
    if not 0 < numerator < denominator <= 1000:
        return None
    value = numerator / denominator
    if _OF.match(text, match.end()):
        return _Mention(start, match.end(), "multiple", value, "ratio", lead=start)
    found = _classify(text, start, NumberReading(value, match.end()), year)
    if found is None or found.kind not in ("quantity", "duration", "money", "percent"):
        return _Mention(start, match.end(), "skip", None)
    return found


def _slashed_date(token: str) -> float | None:
    parts = token.split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    first, second, year = (int(p) for p in parts)
    if len(parts[2]) == 2:
        year += 2000 if year < 50 else 1900
    month, day = (first, second) if first <= 12 else (second, first)
    if 1 <= month <= 12 and 1 <= day <= 31 and len(parts[2]) in (2, 4):
        return year * 10000 + month * 100 + day
    return None


def _finish_money(
    text: str, start: int, reading: NumberReading, currency: str, *, currency_before: bool
) -> _Mention:
    """Money once the currency is known: letter scales ("$3m"), and a repeated name ("$5 billion dollars")."""
    end = reading.end
    scale = 1.0
    if not reading.scaled and not reading.spelled:
        letter = _LETTER_SCALE.match(text, end)
        if letter:
            scale = LETTER_SCALES[letter.group(1)]
            end = letter.end()
        else:
            word_scale = read_digit_scale(text, end)
            if word_scale:
                scale, end = word_scale
    elif reading.scaled:
        scale = _scale_of(reading)
    if currency_before:
        repeated = _CURRENCY_AFTER.match(text, end)
        if repeated and not repeated.group(4) and _currency_of(repeated) == currency:
            end = repeated.end()
    value = reading.value * (scale if not reading.scaled else 1.0)
    return _Mention(start, end, "money", value, currency, scale=scale, number=value / scale if scale else value,
                    spelled=reading.spelled, lead=start, value_high=_high(reading, scale))


def _scale_of(reading: NumberReading) -> float:
    """The scale a reading carries, for sharing with a range partner: 1e9 for "3 billion"."""
    if not reading.scaled or reading.value == 0:
        return 1.0
    for scale in (1e12, 1e9, 1e6, 1e3):
        if abs(reading.value) >= scale:
            return scale
    return 1.0


def _high(reading: NumberReading, scale: float = 1.0) -> float | None:
    return None if reading.high is None else reading.high * (1.0 if reading.scaled else scale)


def _currency_of(match: re.Match, scaled: bool = False) -> str | None:
    """ISO code (or name) of a currency written after the amount.

    Bare "pounds" is weight ("200 pounds", "2 million pounds of beef") except after a scale word: "361 million
    pounds" in business copy is sterling.
    """
    adjective, name, code, sign = match.group(1), match.group(2), match.group(3), match.group(4)
    if code:
        return code
    if sign:
        return CURRENCY_SUFFIX_SIGNS[sign]
    name = name.lower()
    if name in ("bolívares", "bolivares"):
        name = "bolivar"
    singular = name if name in CURRENCY_NAMES else name[:-1] if name.endswith("s") else name
    if name == "kroner":
        singular = "kroner"
    if adjective:
        key = " ".join(adjective.lower().replace("\u00a0", " ").split())
        if key in CURRENCY_ADJECTIVES and singular not in ("sterling", "pound sterling", "pounds sterling"):
            return CURRENCY_ADJECTIVES[key]
        if singular in _SHARED_NAMES:
            return singular  # "Liberian dollars": a currency, but not one we can name
    if singular in _ADJECTIVE_ONLY_CURRENCIES:
        sterling = adjective or scaled and not _OF.match(match.string, match.end())
        return _ADJECTIVE_ONLY_CURRENCIES[singular] if sterling else None
    return CURRENCY_NAMES.get(singular)


def _classify(text: str, start: int, reading: NumberReading, year: int | None) -> _Mention | None:
    """What kind of quantity a number is, from the words that directly follow it."""
    end = reading.end
    value = reading.value
    scale = _scale_of(reading) if reading.scaled else 1.0
    spelled = reading.spelled

    def mention(kind: str, stop: int, unit: str | None, val: float | None = None, factor: float = 1.0, *,
                high: float | None = None, bare: bool = False, anaphora_check: bool = False) -> _Mention:
        """A mention from ``start`` to ``stop``; ``factor`` converts both ends ("two decades", "tomans"), and
        ``high`` replaces the reading's own upper end."""
        amount = (value if val is None else val) * factor
        if high is None:
            high = reading.high
        # positional, in _Mention's field order (the most frequent construction; keywords cost a third more):
        # start, end, kind, value, unit, value_high, scale, number, factor, spelled, year_like, bare,
        # anaphora_check, lead
        return _Mention(start, stop, kind, amount, unit, None if high is None else high * factor, scale,
                        amount / scale / factor, factor, spelled, kind == "count" and _is_year_like(reading), bare,
                        anaphora_check, start)

    if _may_have_suffix(text, end):
        found = _classify_suffix(text, start, reading, year, mention)
        if found is not None:
            return found
    return _classify_noun(text, start, reading, mention)


def _may_have_suffix(text: str, end: int) -> bool:
    """Whether a unit, currency, percent sign or date word may follow; most numbers are followed by a plain
    word ("300 people"), and this one check spares them a dozen pattern matches."""
    follows = text[end : end + 1]
    if not follows or follows in _NO_SUFFIX_AFTER:
        return False
    if not follows.isspace():
        return True
    token = _NEXT_TOKEN.match(text, end)
    return token is None or token.group(1).lower().rstrip(".") in _SUFFIX_STARTERS


def _classify_suffix(text: str, start: int, reading: NumberReading, year: int | None, mention) -> _Mention | None:
    """The quantity when a unit, currency, percent, time unit, multiple or month follows the number."""
    end = reading.end
    value = reading.value
    spelled = reading.spelled
    first = _FIRST_SUFFIX.match(text, end)
    rank = _SUFFIX_RANK[first.lastgroup] if first else len(_SUFFIX_RANK)  # readers before it cannot apply
    if rank == 0:
        return mention("percent", first.end(), _percent_unit(first.group()))

    # Letter scales: "25k"; "3m people" is three million, "100m" alone is a hundred metres.
    if rank <= 1 and reading.digits is not None and not reading.scaled:
        letter = _LETTER_SCALE.match(text, end)
        if letter and letter.group(1) in "kKmM":
            is_million = letter.group(1) in "mM"
            if not is_million or _currency_follows(text, letter.end()) or _OF.match(text, letter.end()) or \
                    _counted_noun(text, letter.end(), 2) is not None:
                reading = NumberReading(value * LETTER_SCALES[letter.group(1)], letter.end(), scaled=True,
                                        digits=reading.digits)
                return _classify(text, start, reading, year)

    money = _CURRENCY_AFTER.match(text, end) if rank <= 2 else None
    if money:
        currency = _currency_of(money, reading.scaled)
        if currency:
            cents = _cents_after(text, money.end()) if money.group(2) and not reading.scaled else None
            if cents:
                return mention("money", cents[1], currency, value + cents[0])
            return mention("money", money.end(), currency, factor=_money_factor(money))
    if rank <= 3 and not reading.scaled:
        subunit = _SUBUNIT.match(text, end)
        if subunit and (subunit.group(1) or not spelled):
            currency, factor = SUBUNITS[(subunit.group(1) or subunit.group(2)).lower()]
            return mention("money", subunit.end(), currency, factor=factor)

    duration = _TIME_UNIT.match(text, end) if rank <= 4 else None
    if duration:
        unit_word = duration.group(1).lower()
        unit_word = unit_word[:-1] if unit_word.endswith("s") and unit_word[:-1] in TIME_UNITS else unit_word
        unit_word = "century" if unit_word == "centuries" else unit_word
        unit, factor = TIME_UNITS[unit_word]
        return mention("duration", duration.end(), unit, factor=factor)

    measure = _MEASURE.match(text, end) if rank <= 5 else None
    if measure and not (measure.group(2) == "m" and reading.spelled):
        return _finish_measure(text, measure, mention)

    fold = _FOLD.match(text, end) if rank <= 6 else None
    if fold:
        return mention("multiple", fold.end(), "times")
    times = _TIMES.match(text, end) if rank <= 7 else None
    if times:
        if _COMPARATIVE.match(text, times.end()):
            return mention("multiple", times.end(), "times")
        return mention("count", times.end(), "time")

    if rank <= 8 and reading.digits is not None and not reading.scaled:
        day_first = _DAY_FIRST.match(text, end)
        if day_first and reading.digits.isdigit() and 1 <= value <= 31:
            stated = day_first.group(2)
            month = MONTHS[day_first.group(1).rstrip(".")]
            year_value = int(stated) if stated else (year or 0)
            found = mention("date", day_first.end(), "date", year_value * 10000 + month * 100 + int(value))
            if not stated and year:
                found.extra["year_from_published"] = True
            return found

    compound = _COMPOUND_NOUN.match(text, end) if rank <= 9 and value != 1 else None
    if compound:
        return mention("count", compound.end(), _singular(compound.group(1)))

    if reading.digits is not None and end < len(text) and text[end].isalpha():
        decade = _DECADE.match(text, end)
        if decade and len(reading.digits) == 4 and reading.digits.endswith("0"):
            return mention("year_range", decade.end(), None, value, high=value + 9)
        return _Mention(start, end, "skip", None)  # "5G", "3D", "737MAX": codes and names
    return None


def _percent_unit(word: str) -> str:
    """What a percent sign or word measures in: "percent", "percentage point" or "basis point"."""
    word = word.lower()
    if "point" in word and "percent" in word:
        return "percentage point"
    return "basis point" if "basis" in word or word.strip().startswith("bp") else "percent"


def _classify_noun(text: str, start: int, reading: NumberReading, mention) -> _Mention:
    """A count of the noun that follows, a ratio ("four in 10"), a vague amount, or a bare number."""
    end = reading.end
    value = reading.value
    if reading.high is not None:
        return _finish_vague(text, end, mention)
    if text.endswith("of ", 0, start) and _COUNTER_BEFORE.match(_before(text, start, 16)):
        return _Mention(start, end, "skip", None)  # "Photo 8 of 12", "3 of 5 stars": positions, not amounts
    ratio = _RATIO.match(text, end) if text.startswith((" in ", " out ", "-in-"), end) else None
    whole = read_number(text, ratio.end()) if ratio else None
    if whole and not whole.high and whole.value > value > 0 and not _is_year_like(whole):
        noun = _counted_noun(text, whole.end, 2)
        return mention("multiple", noun[1] if noun else whole.end, "ratio", value / whole.value)
    noun = _counted_noun(text, end, value)
    if noun is not None:
        return mention("count", noun[1], noun[0], anaphora_check=True)
    casualty = _CASUALTY.match(text, end) if value > 1 else None
    if casualty:
        return mention("count", casualty.end(), "person", anaphora_check=True)
    if value > 1 and text.startswith(" of ", end):
        part = _partitive(text, end)
        if part is not None:
            found = mention(part[0], end, part[1], anaphora_check=part[0] == "count")
            found.extra["part"] = True  # a counted part of a group, checkable without a noun of its own
            return found
    bare = mention("count", end, None, bare=not reading.scaled, anaphora_check=True)
    if reading.digits is not None and "," in reading.digits and not text.endswith("per ", 0, start):
        bare.extra["grouped"] = True  # ("4.4 per 100,000" is the base of a rate, not an amount)
    return bare


def _partitive(text: str, end: int) -> tuple[str, str | None] | None:
    """A part of a group: "two of the most powerful drivers", "eight of the state's 16 facilities", "Fifteen of
    those arrested", "10 of whom", "280 million of the 1.5 billion shekels". The kind and unit the part takes
    from its group (no unit after a pronoun); the span stays on the number, as the noun does not follow it.
    None when the words after "of" name no group of plural things or amounts ("Week 3 of the season")."""
    match = _PARTITIVE.match(text, end)
    if not match:
        return None
    pos = match.end()
    if match.group("pronoun"):
        noun = _counted_noun(text, pos, 2) if match.group("pronoun") in ("those", "these") else None
        return "count", noun[0] if noun else None
    if match.group("determiner"):
        if _OWN.match(text, pos):
            noun = _counted_noun(text, pos - 1, 2)  # "16 of their own (reporters)"
            return "count", noun[0] if noun else None
        owner = _OWNER.match(text, pos)
        pos = owner.end() if owner else pos
    degree = _DEGREE_WORDS.match(text, pos)
    pos = degree.end() if degree else pos
    if text[pos : pos + 1].isdigit() or text[pos : pos + 1] in _CURRENCY_STARTS or read_number(text, pos):
        group = _read_quantity(text, pos, None)
        if group is None or group.year_like:
            return None
        if group.kind in ("count", "money") and group.unit is not None:
            return group.kind, group.unit
        noun = _counted_noun(text, group.end, 2)  # "five of the three-ton satellites"
        return ("count", noun[0]) if noun else None
    noun = _counted_noun(text, pos - 1, 2)
    return ("count", noun[0]) if noun else None


def _cents_after(text: str, pos: int) -> tuple[float, int] | None:
    """"... dollars (and) 50 cents": the cents as a fraction of the main unit, and where they end."""
    gap = _AND_CENTS.match(text, pos)
    reading = read_number(text, gap.end()) if gap else None
    if reading is None or reading.high is not None or not 0 < reading.value < 100:
        return None
    subunit = _SUBUNIT.match(text, reading.end)
    if not subunit or not subunit.group(1):
        return None
    return reading.value / 100, subunit.end()


def _money_factor(match: re.Match) -> float:
    """Tomans are ten rials; every other currency name is taken as written."""
    name = match.group(2)
    return TOMAN_IN_RIALS if name and name.lower().startswith("toman") else 1.0


def _finish_vague(text: str, end: int, mention) -> _Mention:
    """"thousands of protesters", "hundreds of millions of dollars": the amount and what it is of."""
    of = _OF.match(text, end)
    if of:
        money = _CURRENCY_AFTER.match(text, of.end())
        currency = _currency_of(money) if money else None
        if currency:
            return mention("money", money.end(), currency, factor=_money_factor(money))
        measure = _MEASURE.match(text, of.end())
        if measure and measure.group(1) and measure.start(1) == of.end() + 1:  # "thousands of miles", a word unit
            return _finish_measure(text, measure, mention)
        noun = _counted_noun(text, of.end(), 2)
        if noun is not None:
            return mention("count", noun[1], noun[0])
    else:
        money = _CURRENCY_AFTER.match(text, end)
        currency = _currency_of(money, True) if money else None
        if currency:
            return mention("money", money.end(), currency, factor=_money_factor(money))
        noun = _counted_noun(text, end, 2)  # "several hundred people"
        if noun is not None:
            return mention("count", noun[1], noun[0])
    return mention("count", end, None)


def _finish_measure(text: str, measure: re.Match, mention) -> _Mention:
    """A measured quantity, with a rate period if one follows ("barrels per day", "km/h")."""
    word, symbol = measure.group(1), measure.group(2)
    if word:
        key = " ".join(word.lower().split())
        if key not in MEASURE_WORDS:
            key = key[:-1] if key[:-1] in MEASURE_WORDS else key[:-2] if key[:-2] in MEASURE_WORDS else key
        unit = MEASURE_WORDS.get(key, key)
        scale_key = key
    else:
        unit = MEASURE_SYMBOLS[symbol] if symbol in MEASURE_SYMBOLS else MEASURE_SYMBOLS[" ".join(symbol.split())]
        scale_key = symbol
    stop = measure.end()
    factor = 1.0
    if scale_key in UNIT_SCALES:
        factor, unit = UNIT_SCALES[scale_key]
    rate = _RATE.match(text, stop) if "/" not in unit else None
    if rate:
        unit = f"{unit}/{RATE_PERIODS[rate.group(1).lower()]}"
        stop = rate.end()
    kind = "count" if unit in COUNTED_MEASURES else "quantity"
    return mention(kind, stop, unit, factor=factor)


def _currency_follows(text: str, pos: int) -> bool:
    found = _CURRENCY_AFTER.match(text, pos)
    return bool(found and _currency_of(found))


def _is_year_like(reading: NumberReading) -> bool:
    return bool(reading.digits and len(reading.digits) == 4 and reading.digits.isdigit()
                and 1000 <= reading.value <= 2100)


def _counted_noun(text: str, pos: int, value: float) -> tuple[str, int] | None:
    """The noun a number counts and where it ends: "three Latin American nations" gives ("nation", end).

    The head is the last word of the first run of plural words within four words; capitalized modifiers and
    adjectives may come before it. For one thing, the first lowercase content word is the head.
    """
    cursor = pos
    head: tuple[str, int] | None = None
    for _ in range(4):
        token = _NOUN_TOKEN.match(text, cursor)
        if not token:
            break
        word = token.group(1).rstrip("-")
        lower = word.lower()
        if lower == "other" and cursor == pos:
            cursor = token.end()  # "58 other Chinese apps"
            continue
        if lower in _NOT_COUNTED or lower.endswith(("'s", "’s")):
            break
        if word[:1].isupper() and word in MONTHS:
            break
        if value == 1:
            if word[:1].islower():
                return _singular(lower), token.start(1) + len(word)
        elif _is_plural(lower):
            head = (_singular(lower), token.start(1) + len(word))
        elif head is not None:
            break
        cursor = token.end()
    return head


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:
        return True
    if len(lower) < 3 or not lower.endswith("s"):
        return False
    return not lower.endswith(("ss", "us", "is", "ous", "'s", "’s", "ics"))


def _singular(word: str) -> str:
    """Dictionary form of an English plural noun, by rule with the common exceptions."""
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[lower]
    if not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
        return lower
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-1] if lower[:-1] in _IE_STEMS else lower[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zes")):
        return lower[:-2]
    return lower[:-1]


# Words that end a counted noun phrase: stopwords, ages, and every form whose singular is a time unit (a plural
# "years", or a spelling _singular maps onto one, such as "centuries"), checked by one set lookup.
_TIME_UNIT_FORMS = frozenset(
    form for unit in TIME_UNITS for form in (unit, unit + "s", unit[:-1] + "ies") if _singular(form) in TIME_UNITS
)
_NOT_COUNTED = STOPWORDS | _TIME_UNIT_FORMS | {"age", "ages", "others"}


def _read_month_date(text: str, start: int, year: int | None) -> _Mention | None:
    match = _MONTH_FIRST.match(text, start)
    if not match:
        return None
    month = MONTHS[match.group(1).rstrip(".")]
    day, last_day, stated_year, year_only = match.group(2), match.group(3), match.group(4), match.group(5)
    if year_only:
        value = int(year_only) * 10000 + month * 100
    else:
        if not 1 <= int(day) <= 31:
            return None
        value = int(stated_year or year or 0) * 10000 + month * 100 + int(day)
    if last_day and int(day) < int(last_day) <= 31:  # "November 16-19, 2015"
        found = _Mention(start, match.end(), "date", value, "date", lead=start,
                         value_high=value - int(day) + int(last_day))
    elif last_day:
        found = _Mention(start, match.start(3) - 1, "date", value, "date", lead=start)
    else:
        found = _Mention(start, match.end(), "date", value, "date", lead=start)
    if not year_only and not stated_year and year:
        found.extra["year_from_published"] = True
    return found


# --------------------------------------------------------------------------------------------------------------
# Context: hedges, names, ranges, years


# Nouns and verbs that take "about" or "over" as a preposition: "a debate about two guys", "a decision over two
# programs", "bragging about 3 percent"; after them the word says what is talked of, not how many.
_PREPOSITION_HEADS = frozenset(
    """debate debates decision decisions question questions concern concerns worry worries fear fears news story
    stories report reports talk talks conversation conversations discussion discussions argument arguments
    dispute disputes fight fights battle battles row feud clash clashes standoff tension tensions anger outrage
    uproar controversy joke jokes complaint complaints warning warnings control authority jurisdiction
    sovereignty victory talking talked thinking thought worried concerned bragging bragged boasting boasted
    joked joking lied lying complained complaining arguing argued""".split()
)
_PREPOSITION_HEDGES = frozenset({"about", "over", "around"})
_HEAD_BEFORE = re.compile(_BLANK + r"+([A-Za-z]+)(?![A-Za-z])")  # on reversed text: the word before, reversed


def _attach_hedge(mention: _Mention, reversed_before: str) -> None:
    """The hedge right before the mention ("more than"), with ``reversed_before`` from ``_before``."""
    match = _HEDGE_BEFORE.match(reversed_before)
    if match:
        phrase = " ".join(match.group()[::-1].lower().split())
        if phrase in _PREPOSITION_HEDGES and mention.kind != "duration":  # "a decision about 10 years ago"
            head = _HEAD_BEFORE.match(reversed_before, match.end())
            if head and head.group(1)[::-1].lower() in _PREPOSITION_HEADS:
                return
        mention.hedge = HEDGES.get(phrase)
        if mention.hedge:
            mention.lead = mention.start - match.end()


# Words after which "over" before a period means "more than" ("for over two years", "in over 51 years", "served
# over two years"); after an amount or most verbs it means "during" ("$4.3 trillion over 10 years", "met 25 times
# over three months", "phased in over five years").
_OVER_MEANS_MORE_AFTER = frozenset(
    """for in than of the to by after within already since took take takes taking spent spend spends spending
    served serve serves serving lasted last lasts lasting been be is was were are it's that's waited wait waiting
    lived live living worked work working stayed stay held ran run running aged""".split()
)
_OVER_BEFORE = re.compile(_BLANK + r"*(?i:revo)(?![\w])")  # reversed "over"
_AGO = re.compile(_BLANK + r"+(?i:ago)(?![\w])")


def _over_spans_the_period(text: str, mention: _Mention) -> bool:
    """Whether the bare "over" before a duration says when (during the period) rather than how long: only the
    words in ``_OVER_MEANS_MORE_AFTER`` before it, "ago" after it, or an age ("over 60 years old") make it "more
    than"; "just over" and "well over" are other hedges and never reach here."""
    over = _OVER_BEFORE.match(_before(text, mention.start, 8))
    if not over or mention.start - over.end() != mention.lead or _AGO.match(text, mention.end):
        return False
    if text[mention.end - 3 : mention.end].lower() == "old" or text[mention.end - 3 : mention.end].lower() == "age":
        return False
    words = text[max(0, mention.lead - 24) : mention.lead].split()
    previous = words[-1].lower().strip("\"'“”‘’(") if words else ""
    return previous not in _OVER_MEANS_MORE_AFTER


_ERA_AFTER = re.compile(r" (B\.C\.(?:E\.)?|BCE?|A\.D\.|AD|CE)(?![\w])")  # "753 B.C." is the year -753
_LOWER_WORD_AFTER = re.compile(_BLANK + r"([a-z][a-z\-]+)(?![\w])")


# Nouns that a model or index number names rather than dates: "the Russell 2000 index", "a Windows 2000 server".
_LABELLED_NOUNS = frozenset(
    "index indexes indices model models series version versions edition editions class engine engines jet jets "
    "server servers processor processors chip chips console consoles".split()
)


def _modifies_a_noun(text: str, end: int) -> bool:
    """Whether a lowercase content word follows, as a noun the number modifies ("2012 campaign"), and not one that
    a model or index number names ("Russell 2000 index")."""
    word = _LOWER_WORD_AFTER.match(text, end)
    return bool(word and word.group(1) not in STOPWORDS and word.group(1) not in _LABELLED_NOUNS)


def _looks_like_name(text: str, mention: _Mention, before: str) -> bool:
    """Numbers that label rather than count: "Attribution 4.0", "Boeing 737", "Article 5", "COVID-19"."""
    if mention.hedge or text[mention.start].isalpha():
        return False
    if before.lstrip(" \t\u00a0").startswith("©"):
        return True
    if mention.kind != "count" and mention.kind != "quantity":
        return False  # a unit or currency says it is an amount: "Article 5 percent" does not occur
    word = _WORD_BEFORE.match(before)
    if word and word.group(3)[::-1].lower() in NAME_CUES:
        return True
    if mention.kind == "quantity":
        return False
    hyphened = _HYPHEN_WORD_BEFORE.match(before) if before[:1] == "-" else None
    if hyphened and hyphened.group(1)[-1].isupper():
        return True
    if word and len(word.group(1)) == 1 and not word.group(2):
        token = word.group(3)[::-1].rstrip(".")
        if mention.year_like and token.endswith(("'s", "’s")):
            return False  # "Obama's 2015 nomination": a year after a possessive, not a model number
        if token.lower() not in _NOT_NAMES and any(c.isupper() for c in token):
            if mention.year_like and mention.value >= 1800 and _modifies_a_noun(text, mention.start + 4):
                mention.extra["after_name"] = True  # a year even before a plural noun: "Apple 2018 sales"
                return False  # "the Obama 2012 campaign", "Romney 2012 finance chair": the year of a name's event
            return True
    return False


def _read_range(text: str, first: _Mention, year: int | None) -> _Mention | None:
    """``first`` widened to a range with the quantity after "-", "to", "and" (after "between") or "or"."""
    if first.kind not in ("money", "percent", "count", "quantity", "duration") or first.value is None:
        return None
    if first.value_high is not None:
        return None
    follows = text[first.end : first.end + 1]
    if follows not in _RANGE_SEP_STARTS or follows in _BLANKS and text[first.end + 1 : first.end + 2] not in \
            _AFTER_BLANK_SEP:
        return None  # what follows the number cannot start a range: most numbers, decided without the pattern
    separator = _RANGE_SEP.match(text, first.end)
    if not separator:
        return None
    word = separator.group().strip(" \t\u00a0").lower()
    if len(word) > 2 and word[0] in "-–—":
        word = word.strip("-–—")  # "40-to-45 percent"
    between = bool(_BETWEEN_END.match(_before(text, first.lead, 24)))
    if word == "and" and not between:
        return None
    second_start = separator.end()
    if second_start >= len(text):
        return None
    second = _read_quantity(text, second_start, year)
    if second is None or second.kind in ("skip", "date") or second.value is None:
        return None
    if first.year_like and first.bare:
        if second.year_like and second.bare or word in ("-", "–", "—") and second.kind == "count" and second.bare:
            return _year_range(text, first, second, separator, word)
        if second.year_like and second.kind == "count" and _reference_noun_after(text, second):
            # "1999-2013 levels", "from 2010 to 2015 prices": years the figures are taken at, not a count
            return _year_range(text, first, _digits_only(second), separator, word)
    if second.year_like and second.bare and not first.bare:
        return None
    if second.value_high is not None:
        return None
    low_unit, low_kind = first.unit, first.kind
    low = first.value
    if first.bare or (first.kind == second.kind and first.unit is None):
        if word == "or" and second.bare:
            return None
        low_kind, low_unit = second.kind, second.unit
        if first.scale == 1.0 and second.scale > 1.0 and first.value < (second.number or 0):
            low = first.value * second.scale
        low *= second.factor
    elif first.kind == "money" and second.kind == "money" and first.unit == second.unit:
        if first.scale == 1.0 and second.scale > 1.0 and first.value < (second.number or 0):
            low = first.value * second.scale
    elif first.kind == "money" and second.kind == "count" and second.unit is None and second.scale > 1.0 \
            and first.scale == 1.0 and first.value < (second.number or 0):
        # "$600-700 million": the currency written once, the scale once
        low = first.value * second.scale
        second.kind, second.unit = "money", first.unit
    elif second.bare and word not in ("or",):
        if second.value <= low:
            return None
        second.kind, second.unit = first.kind, first.unit
        second.value *= (first.scale if second.scale == 1.0 and first.scale > 1.0 else 1.0) * first.factor
    elif (second.kind, second.unit) != (first.kind, first.unit):
        return None
    if word == "or" and not first.bare and not (first.kind == "money" and first.scale == 1.0 and second.scale > 1.0
                                                and first.value < (second.number or 0)):
        return None  # "$5 or $10" may be alternatives; "$10 or $15 million" shares its scale, a range
    if second.kind != low_kind and not second.bare:
        return None
    if second.value <= low:
        return None
    if word in ("to", "through", "thru", "until", "till") and _is_change_context(text, first):
        # "rose from 5 to 7 percent" states two values of a change, not a range; share the unit and stop.
        if first.bare:
            first.kind, first.unit, first.value, first.bare = low_kind, low_unit, low, False
        return None
    return _Mention(
        first.start, second.end, low_kind, low, low_unit, value_high=second.value, scale=second.scale,
        spelled=first.spelled, lead=first.lead, hedge=first.hedge, bare=first.bare and second.bare, before=first.before,
    )


def _is_change_context(text: str, first: _Mention) -> bool:
    """Whether a change verb governs the "from" before a quantity, or directly precedes a quantity with its own
    unit ("rose 6 cents to $27.90": the amount of the change, then the level). A bare number right after the verb
    starts a range of the amount: "rose 4 to 5 percent", "gained four to five points"."""
    reversed_before = _before(text, first.lead, 24)
    if _FROM_END.match(reversed_before):
        clause_start = _clause_start(text, first.lead)
        return not _CHANGE_WORD_SET.isdisjoint(_WORDS.findall(text[clause_start : first.lead].lower()))
    return not first.bare and bool(_DELTA_END.match(reversed_before))


def _clause_start(text: str, offset: int, floor: int = 0) -> int:
    """Start of the stretch before ``offset`` that change and goal words are looked for in: this sentence,
    at most ``_CLAUSE_LOOKBACK`` characters back."""
    start = max(floor, offset - _CLAUSE_LOOKBACK)
    cut = max(text.rfind(".", start, offset), text.rfind(";", start, offset), text.rfind("\n", start, offset))
    return cut + 1 if cut >= 0 else start


def _reference_noun_after(text: str, mention: _Mention) -> bool:
    """Whether the noun counted by a four-digit number is one that years qualify ("2013 levels", "2010 dollars")."""
    return text[mention.start + 4 : mention.end].strip().lower() in _REFERENCE_YEAR_NOUNS


def _digits_only(mention: _Mention) -> _Mention:
    """The four digits of a year read with a noun, as a bare year-like number."""
    return _Mention(mention.start, mention.start + 4, "count", mention.value, lead=mention.start, year_like=True,
                    bare=True)


def _year_range(text: str, first: _Mention, second: _Mention, separator: re.Match, word: str) -> _Mention | None:
    """"1999-2013", "2019-20", "from 2013 to 2021", "between 2010 and 2015"."""
    high = second.value
    stop = second.end
    raw = text[separator.end() : second.end]
    if word in ("-", "–", "—") and len(raw) == 2 and raw.isdigit():
        high = first.value // 100 * 100 + int(raw)
    elif not (second.year_like and second.bare):
        return None
    if word == "or":
        return None
    if high <= first.value:
        return None
    return _Mention(first.start, stop, "year_range", first.value, None, value_high=high, lead=first.lead)


def _settle_year(text: str, mention: _Mention) -> None:
    """A four-digit number is a year unless it counts a plural noun outside year phrases ("2000 people")."""
    if mention.kind == "count" and mention.unit is None and mention.bare:
        mention.kind, mention.bare, mention.anaphora_check = "year", False, False
        mention.hedge = mention.hedge if mention.hedge in _YEAR_HEDGES else None
        if mention.hedge is None:
            mention.lead = mention.start
        return
    if mention.kind == "count" and mention.unit is not None:
        # Edited news writes counts of a thousand or more with a comma, so "2016 Democrats", "the 2018
        # elections", "some 2016 Sanders supporters" and "1994 assault weapons ban" are years, as is a
        # reference year ("below 1990 levels", "in 2010 dollars"); "killed 2000 people" stays a count.
        noun = text[mention.start + 4 : mention.end]
        counts = noun[:1] in " \t" and noun.strip()[:1].islower() and len(noun.split()) == 1 and not (
            "after_name" in mention.extra or
            _YEAR_LEADS.match(_before(text, mention.start, 16)) or _PREFIX_HYPHEN.match(_before(text, mention.start, 8))
        ) and _is_plural(noun.strip()) and noun.strip().lower() not in _REFERENCE_YEAR_NOUNS
        if not counts:
            mention.hedge = mention.hedge if mention.hedge in _YEAR_HEDGES else None
            mention.lead = mention.start if mention.hedge is None else mention.lead
            mention.kind, mention.unit, mention.end, mention.anaphora_check = "year", None, mention.start + 4, False


# --------------------------------------------------------------------------------------------------------------
# Sentence-level context: anaphora, changes, targets


def _is_checkable(mention: _Mention) -> bool:
    if mention.value is not None and not math.isfinite(mention.value) or (
            mention.value_high is not None and not math.isfinite(mention.value_high)):
        return False  # "999,999,...,999 trillion" overflows a float; no reader could compare it anyway
    if mention.kind == "count":
        grouped = mention.extra.get("grouped", False)  # "turnout was 251,000": thousands separators write amounts
        if mention.bare and not (mention.hedge or mention.role or mention.change_member or grouped):
            return False
        if mention.unit is None and mention.value is not None and mention.value_high is None and not (
            mention.hedge or mention.role or mention.change_member or mention.scale > 1 or grouped
            or "part" in mention.extra
        ):
            return False
        if mention.value == 1 and not mention.hedge and mention.value_high is None and "tally" not in mention.extra:
            return False
        if mention.extra.get("anaphoric"):
            return False
    return True


_ROLE_CUE_BEFORE = _ending(["from", "to", "by"] + _CHANGE_WORDS)


def _mark_changes(text: str, mentions: list[_Mention]) -> bool:
    """Roles "from"/"to" and change membership, pairing only within one sentence; whether any change was found."""
    pending: _Mention | None = None  # an open change: a "from" value or a change amount
    current_sentence = None
    sentence_mentions: list[_Mention] = []
    next_group = [0]
    for mention in mentions:
        sentence = mention.sentence
        if mention.anaphora_check:
            _mark_anaphora(text, mention)
        if sentence != current_sentence:
            pending, current_sentence, sentence_mentions = None, sentence, []
        if mention.kind in ("year", "date", "year_range", "duration"):
            continue  # points and spans of time are not the levels a change moves between
        reversed_before = mention.before if mention.lead == mention.start and mention.before is not None else \
            _before(text, mention.lead, _CUE_REACH)
        if mention.kind != "multiple" and not _ROLE_CUE_BEFORE.match(reversed_before, 0, _CUE_REACH):
            sentence_mentions.append(mention)
            continue  # no "from", "to", "by" or change verb right before: the common case, decided cheaply

        def changing() -> bool:
            """A change verb among the last few words: "has increased from", "rose sharply in May to"."""
            clause_start = _clause_start(text, mention.lead, sentence[0])
            words = _WORDS.findall(text[clause_start : mention.lead].lower())[-_CHANGE_REACH_WORDS:]
            return not _CHANGE_WORD_SET.isdisjoint(words)

        def continues_to() -> bool:
            """"first to $10 billion and then to $20 billion": a second level of the same change."""
            last = sentence_mentions[-1] if sentence_mentions else None
            return bool(last and last.role == "to" and _TO_CHAIN.match(text, last.end, mention.lead))

        if _FROM_END.match(reversed_before, 0, _CUE_REACH):
            mention.extra["from"] = True
            if changing():
                mention.role = "from"
            level = _level_before(text, sentence_mentions, mention)
            if level is not None:
                level.role, mention.role = "to", "from"
                for between in sentence_mentions[sentence_mentions.index(level) + 1 :]:
                    if between.extra.get("delta") or between.kind == "multiple":
                        _join(level, between, next_group)
                _join(level, mention, next_group)
            pending = mention
        elif _TO_END.match(reversed_before, 0, _CUE_REACH) and not _NOT_A_LEVEL_TO.match(reversed_before, 0, _CUE_REACH) \
                and (pending is not None or changing() or continues_to()):
            mention.role = "to"
            if pending is not None and (pending.kind == mention.kind or pending.role is None):
                if pending.extra.get("from"):
                    pending.role = "from"
                _join(pending, mention, next_group)
            pending = None
        elif mention.kind == "multiple" and text[mention.start].isalpha() and mention.unit == "times":
            pending = mention
        elif _DELTA_END.match(reversed_before, 0, _CUE_REACH) and mention.kind in ("percent", "money", "count",
                                                                                   "quantity") and changing():
            # the amount of a change ("rose by 6 cents"); "voted by 52% to 48%", "passed by 432 votes to 202"
            # split a vote, with no change verb
            mention.extra["delta"] = True
            pending = mention
        sentence_mentions.append(mention)
    return next_group[0] > 0


def _level_before(text: str, earlier: list[_Mention], origin: _Mention) -> _Mention | None:
    """In "$5bn, up 3% from $4.8bn" (or "to $5bn from $4.8bn") the earlier value is the level after the change."""
    for candidate in reversed(earlier):
        if candidate.kind != origin.kind or candidate.unit != origin.unit:
            continue
        gap = text[candidate.end : origin.lead]
        if len(gap) <= 60 and (candidate.role == "to" or _COMPARED.search(gap)):
            return candidate
        return None
    return None


def _join(first: _Mention, second: _Mention, next_group: list[int]) -> None:
    if first.group is None:
        next_group[0] += 1
        first.group = next_group[0]
    second.group = first.group
    first.change_member = second.change_member = True


def _number_change_groups(mentions: list[_Mention]) -> None:
    """Renumber groups 1, 2, ... in text order after some mentions were dropped; lone members lose theirs."""
    sizes: dict[int, int] = {}
    for mention in mentions:
        if mention.group is not None:
            sizes[mention.group] = sizes.get(mention.group, 0) + 1
    renumber: dict[int, int] = {}
    for mention in mentions:
        if mention.group is None:
            continue
        if sizes[mention.group] < 2:
            mention.group = None
            continue
        mention.group = renumber.setdefault(mention.group, len(renumber) + 1)


def _mark_anaphora(text: str, mention: _Mention) -> None:
    """Small counts after a definite determiner refer back: "the two countries", "all three nations"."""
    if not mention.anaphora_check or mention.hedge or mention.value is None or mention.value > 12:
        return
    if mention.kind != "count" or mention.value_high is not None:
        return
    before = mention.before if mention.before is not None else _before(text, mention.start, _CUE_REACH)
    if _ANAPHORIC.match(before, 0, _CUE_REACH) or mention.unit in _PARTY_NOUNS and _POSSESSIVE.match(
            before, 0, _CUE_REACH):
        mention.extra["anaphoric"] = True


def _mark_targets(text: str, mentions: list[_Mention]) -> None:
    """Goals rather than facts: "plans to increase it to $10 billion", "aims to reach", "a target of".

    A goal word alone is not enough ("targeted for assassination in a year that has seen 113 ..."): it must
    name the amount itself (a target of, aiming for) or govern a verb that reaches or moves an amount.
    """
    amounts = [m for m in mentions if m.kind not in ("year", "date", "year_range", "duration")]
    if not amounts:
        return
    # A goal word matters only between an amount's sentence start and the amount, so only that stretch is
    # searched; its end leaves room for the longest goal word to finish, so no word is cut short.
    if len(amounts) == 1:
        low, high = amounts[0].sentence[0], amounts[0].lead + _LONGEST_GOAL_WORD
    else:
        low, high = min(m.sentence[0] for m in amounts), max(m.lead for m in amounts) + _LONGEST_GOAL_WORD
    lowered = text.lower()
    if len(lowered) == len(text):
        goal_words = [match.start("goal") for match in _GOAL_WORD.finditer(lowered, max(low - 1, 0), high)]
        if low == 0 and lowered[:2] in _GOAL_OPENINGS and _GOAL_WORD_AT.match(lowered, 0, high):
            goal_words.insert(0, 0)
    else:  # a few letters ("İ") change length when lowered, and offsets must stay those of ``text``
        goal_words = [match.start() for match in _GOAL_WORD_ANY_CASE.finditer(text, low, high)]
    if not goal_words:
        return  # most texts state no goal at all
    for mention in amounts:
        nearest = bisect_right(goal_words, mention.lead) - 1
        if nearest < 0 or goal_words[nearest] < mention.sentence[0]:
            continue
        sentence_start = mention.sentence[0]
        clause_start = _clause_start(text, mention.lead, sentence_start)
        cut = max(text.rfind(",", clause_start, mention.lead), text.rfind(":", clause_start, mention.lead),
                  text.rfind("(", clause_start, mention.lead))
        words = _WORDS.findall(text[max(clause_start, cut + 1) : mention.lead].lower())
        mention.target = _names_a_goal(words)


def _names_a_goal(words: list[str]) -> bool:
    for index in range(len(words) - 1, -1, -1):
        if words[index] not in _TARGET_WORDS:
            continue
        following = words[index + 1 : index + 2]
        if words[index] in _GOAL_NOUNS or following and following[0] in ("for", "at", "of", "is", "was", "be"):
            return True
        if following == ["to"] and not _REACH_VERBS.isdisjoint(words[index + 2 :]):
            return True
    if "set" in words:
        at = words.index("set")
        return words[at + 1 : at + 2] == ["to"] and not _REACH_VERBS.isdisjoint(words[at + 2 :])
    return False
