"""The constants of quote detection: elided words, the limits for input that is not prose, and word lists."""

from __future__ import annotations

# Words whose leading apostrophe marks elision, not an opening quote: 'em, 'til, rock 'n' roll.
ELISIONS = frozenset("em til tis twas cause cos n bout round nuff ere im".split())

MAX_STACK = 32
# No prose paragraph holds hundreds of quotations or thousands of marks; past that it is a data dump, and
# stopping there keeps pathological input (a 30 MB line of marks) to bounded work.
MAX_QUOTES_PER_PARAGRAPH = 300
MAX_MARKS_PER_PARAGRAPH = 20_000
WHOLE_TEXT_SENTENCES = 1_000_000  # characters; beyond, sentences are found only around quotations
UNCLOSED_SENTENCES = 3

# Punctuation that closes the quoted words of a sentence (inside the marks).
TERMINAL = ".!?…,;:—–-"
MINOR_WORDS = frozenset("a an the of and or in on at to for with by from as vs".split())

# Reporting verbs of an outlet passing on someone's words ('"…," Reuters reported').
CONDUIT_CUES = frozenset("reported reports reporting".split())
# Attribution shapes that touch the quotation: they make it direct and hand its speaker on.
ADJACENT = ("after", "before", "next")
