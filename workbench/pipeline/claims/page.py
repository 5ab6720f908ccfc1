"""Page furniture and terminal escape sequences: numbers that restate a web page, not the article.

The "page" rules are data: a table of (name, doc, markers, pattern, whole paragraph) entries, each run only when
one of its literal markers is in the text (a substring test costs next to nothing)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from workbench.pipeline.claims.mention import RULES, Mention, rule
from workbench.pipeline.claims.patterns import CONTROL_SEQUENCE
from workbench.pipeline.numbers import trie_pattern
from workbench.pipeline.rules import Rule

# Page furniture that news pages carry between paragraphs, and whose numbers are nobody's claim. Each has a
# literal marker, looked for first (a substring test costs next to nothing), then the stretch it covers; a
# pattern marked "paragraph" makes the whole paragraph furniture.
GALLERY = re.compile(r"Hide Caption \d+ of \d+")  # a photo gallery: its captions fill one paragraph
PHOTO_CREDIT = re.compile(  # a caption ends with its credit: "(AP Photo/Evan Vucci)", "REUTERS/Aaron Bernstein"
    r"(?:\((?:AP|AFP|Reuters|REUTERS|Getty)(?: Photo| Images)?(?:/[^()\n]{1,60})?\)|\bREUTERS/[A-Z][^\n]{0,60}"
    r"|\([^()\n]{1,80}(?: via AP|/AP|/Getty Images|/Reuters|/AFP)\))"
    r"[ \t]*(?=\n|\Z)"
)
FILE_PHOTO = re.compile(r"(?m)^[ \t]*FILE(?:[ \t]*[-–—:]| PHOTO\b)")  # "FILE - In this May 9, 2018 file photo"
# Links to other articles: "<headline> Read more", "READ MORE: <headline>", "( PHOTOS: <headline>)".
RELATED_LINK = re.compile(
    r"(?im)^[ \t]*(?:read more|related)\b:.*$|^.*\bRead more[ \t]*$"
    r"|\([ \t]*(?:PHOTOS|VIDEO|WATCH|READ|RELATED|SEE)\b:[^()\n]*\)"
)
# A video player's text: "JUST WATCHED <title> Replay More Videos ... MUST WATCH <title> 01:37", the whole line, and
# links to videos ending in their length.
VIDEO = re.compile(r"JUST WATCHED\b[^\n]*|^[^\n.!?]{10,200}[ \t]\d{1,2}:\d{2}[ \t]*$", re.M)
# The Hill links every politician's name to three headlines: "Donald John TrumpGOP senators balk at ... MORE".
HEADLINE_LIST = re.compile(r"[a-z](?=[A-Z])[^.\n]{5,400}? MORE(?![\w])")
# The date line of an embedded tweet: "— Ann Coulter (@AnnCoulter) January 19, 2019".
TWEET_DATE = re.compile(r"\(@\w{1,15}\)[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},[ \t]+\d{4}")
SLIDESHOW = re.compile(r"Slideshow[ \t]*\([ \t]*\d+[ \t]+Images?[ \t]*\)")  # a gallery link: "Slideshow (16 Images)"
PAGE_BANNER = re.compile(r"(?m)^[ \t]*This article is more than \d+ \w+ old[ \t]*$|^.*\bChip in \$\d.*$")


Span = tuple[int, int]

# name, doc, markers, pattern, whole paragraph, examples, counter-examples
FURNITURE: tuple[tuple[str, str, tuple[str, ...], re.Pattern[str], bool, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "photo_gallery",
        'A photo gallery ("Hide Caption 3 of 12"): its captions fill the paragraph.',
        ("Hide Caption",),
        GALLERY,
        True,
        ("Crowds of [[300 people]] Hide Caption 3 of 12",),
        ("Crowds of [[300 people]] gathered.",),
    ),
    (
        "photo_credit",
        'A photo caption, which ends with its credit ("(AP Photo/Evan Vucci)", "REUTERS/...").',
        ("(AP", "(AFP", "(Reuters)", "(REUTERS)", "(Getty", "REUTERS/", "via AP)", "/AP)", "/Getty Images)"),
        PHOTO_CREDIT,
        True,
        ("[[300 people]] rallied on Monday. (AP Photo/Evan Vucci)\nThe rally went on.",),
        ("[[300 people]] rallied on Monday.\nThe rally went on. (AP Photo/Evan Vucci)",),
    ),
    (
        "file_photo",
        'A file photo\'s caption ("FILE - In this May 9, 2018 file photo ...").',
        ("FILE",),
        FILE_PHOTO,
        True,
        ("FILE - In this photo [[300 people]] rally.",),
        ("In this FILE [[300 people]] rally.",),
    ),
    (
        "related_link",
        'A link to another article ("READ MORE: <headline>", "<headline> Read more").',
        ("Read more", "READ MORE", "Related:", "RELATED:", "PHOTOS:", "VIDEO:", "WATCH:"),
        RELATED_LINK,
        False,
        ("READ MORE: [[300 people]] rally in Paris",),
        ("Read about [[300 people]] who rallied.",),
    ),
    (
        "video_player",
        'A video player\'s text ("JUST WATCHED <title>"), or a link to a video ending in its length.',
        ("JUST WATCHED", ":"),
        VIDEO,
        False,
        (
            "JUST WATCHED the rally of [[300 people]] Replay More Videos",
            "Crowds of [[300 people]] rally in Paris 01:37",
        ),
        ("Watch [[300 people]] rally in Paris.",),
    ),
    (
        "headline_list",
        'The Hill\'s headlines after a linked name ("Donald John TrumpGOP senators balk at ... MORE").',
        ("MORE",),
        HEADLINE_LIST,
        False,
        ("Donald TrumpGOP senators balk at [[$5 billion]] wall MORE",),
        ("GOP senators balk at [[$5 billion]] wall.",),
    ),
    (
        "tweet_date",
        'The date line of an embedded tweet ("— Ann Coulter (@AnnCoulter) January 19, 2019").',
        ("(@",),
        TWEET_DATE,
        False,
        ("— Ann Coulter (@AnnCoulter) [[January 19, 2019]]",),
        ("She wrote on [[January 19, 2019]].",),
    ),
    (
        "slideshow",
        'A gallery link ("Slideshow (16 Images)").',
        ("Slideshow",),
        SLIDESHOW,
        False,
        ("Slideshow ([[16 Images]])",),
        ("They showed [[16 images]].",),
    ),
    (
        "page_banner",
        'A banner of the page ("This article is more than 3 years old", "Chip in $5 ...").',
        ("This article is more than", "Chip in $"),
        PAGE_BANNER,
        False,
        ("This article is more than [[3 years]] old", "Chip in [[$5]] to support us."),
        ("It is more than [[3 years]] old.",),
    ),
)


# What a pattern cannot match without, where its marker alone says little: a video's length needs ":" and two
# digits, and most texts with a colon have none (the full pattern tries every line start; this is a plain search).
_NEEDS = {VIDEO: re.compile(r"JUST WATCHED|:\d\d")}


def _finder(markers: tuple[str, ...], pattern: re.Pattern[str], paragraph: bool) -> Callable[[str], list[Span]]:
    """A page rule's ``apply``: the spans its pattern covers, once per marker found (as the table lists them)."""
    needs = _NEEDS.get(pattern)

    def find(text: str) -> list[Span]:
        found = sum(marker in text for marker in markers)
        if not found or (needs is not None and needs.search(text) is None):
            return []
        spans = []
        for match in pattern.finditer(text):
            start, end = match.span()
            if paragraph:
                start, end = text.rfind("\n", 0, start) + 1, (text.find("\n", end) + 1 or len(text) + 1) - 1
            spans.append((start, end))
        return spans * found  # the pattern's spans are the same for every marker: found once, listed per marker

    return find


for _name, _doc, _markers, _pattern, _paragraph, _examples, _counter in FURNITURE:
    RULES.add(Rule(_name, "page", _doc, _finder(_markers, _pattern, _paragraph), _examples, _counter))

# One search for any marker first (a colon, for a video's length, is tested apart): most texts have none, and a
# prefix tree of the markers is searched faster than each marker alone.
FURNITURE_MARKER = re.compile(trie_pattern(m for entry in FURNITURE for m in entry[2] if m != ":"))


def outside_page_furniture(text: str, mentions: list[Mention], rejected: list[Mention] | None = None) -> list[Mention]:
    """``mentions`` less those in page furniture (the "page" rules): photo galleries, captions and credits,
    related-article links, video players, The Hill's inline headline lists, the date line of an embedded tweet,
    and banners such as "This article is more than 3 years old". The numbers there restate a page, not the
    article."""
    if ":" not in text and not FURNITURE_MARKER.search(text):
        return mentions
    furniture: list[tuple[int, int, str]] = []
    for furniture_rule in RULES.in_stage("page"):
        furniture += [(start, end, furniture_rule.name) for start, end in furniture_rule.apply(text)]
    if not furniture:
        return mentions
    furniture.sort()
    starts = [start for start, _, _ in furniture]
    kept = []
    for mention in mentions:
        at = bisect_right(starts, mention.start) - 1
        inside = (
            next(
                (name for start, end, name in furniture[max(0, at - 3) : at + 1] if start <= mention.start < end), None
            )
            if at >= 0
            else None
        )
        if inside is None:
            kept.append(mention)
        elif rejected is not None:
            mention.trace.append(inside)
            rejected.append(mention)
    return kept


def outside_control_sequences(
    text: str, mentions: list[Mention], rejected: list[Mention] | None = None
) -> list[Mention]:
    """``mentions`` less those that overlap a terminal escape sequence (the "escape" rule)."""
    starts, ends = [], []
    for start, end in RULES.first("escape", None, text) or ():
        starts.append(start)
        ends.append(end)
    kept = []
    for mention in mentions:
        before = bisect_left(starts, mention.end) - 1  # the last sequence starting before the mention ends
        if before < 0 or ends[before] <= mention.start:  # sequences do not overlap, so ends are sorted too
            kept.append(mention)
        elif rejected is not None:
            mention.trace.append("escape_sequence")
            rejected.append(mention)
    return kept


@rule("escape", examples=["Red \x1b[31m alert", "Red \x9b31m alert"], counter=["Red [[31 men]] alert"])
def escape_sequence(text: str) -> list[Span]:
    """Terminal escape sequences ("ESC [ 0 ; 31 m") carry digits that are never quantities."""
    return [match.span() for match in CONTROL_SEQUENCE.finditer(text)]
