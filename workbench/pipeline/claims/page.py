"""Page furniture and terminal escape sequences: numbers that restate a web page, not the article."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from workbench.pipeline.claims.mention import Mention
from workbench.pipeline.claims.patterns import CONTROL_SEQUENCE
from workbench.pipeline.numbers import trie_pattern

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
RELATED_LINK = re.compile(r"(?im)^[ \t]*(?:read more|related)\b:.*$|^.*\bRead more[ \t]*$"
                           r"|\([ \t]*(?:PHOTOS|VIDEO|WATCH|READ|RELATED|SEE)\b:[^()\n]*\)")


# A video player's text: "JUST WATCHED <title> Replay More Videos ... MUST WATCH <title> 01:37", the whole line, and
# links to videos ending in their length.
VIDEO = re.compile(r"JUST WATCHED\b[^\n]*|^[^\n.!?]{10,200}[ \t]\d{1,2}:\d{2}[ \t]*$", re.M)


# The Hill links every politician's name to three headlines: "Donald John TrumpGOP senators balk at ... MORE".
HEADLINE_LIST = re.compile(r"[a-z](?=[A-Z])[^.\n]{5,400}? MORE(?![\w])")


# The date line of an embedded tweet: "— Ann Coulter (@AnnCoulter) January 19, 2019".
TWEET_DATE = re.compile(r"\(@\w{1,15}\)[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},[ \t]+\d{4}")


SLIDESHOW = re.compile(r"Slideshow[ \t]*\([ \t]*\d+[ \t]+Images?[ \t]*\)")  # a gallery link: "Slideshow (16 Images)"


PAGE_BANNER = re.compile(r"(?m)^[ \t]*This article is more than \d+ \w+ old[ \t]*$|^.*\bChip in \$\d.*$")


FURNITURE = (  # (marker, pattern, whole paragraph)
    ("Hide Caption", GALLERY, True), ("(AP", PHOTO_CREDIT, True), ("(AFP", PHOTO_CREDIT, True),
    ("(Reuters)", PHOTO_CREDIT, True), ("(REUTERS)", PHOTO_CREDIT, True), ("(Getty", PHOTO_CREDIT, True),
    ("REUTERS/", PHOTO_CREDIT, True), ("via AP)", PHOTO_CREDIT, True), ("/AP)", PHOTO_CREDIT, True),
    ("/Getty Images)", PHOTO_CREDIT, True), ("FILE", FILE_PHOTO, True), ("Read more", RELATED_LINK, False),
    ("READ MORE", RELATED_LINK, False), ("Related:", RELATED_LINK, False), ("RELATED:", RELATED_LINK, False),
    ("PHOTOS:", RELATED_LINK, False), ("VIDEO:", RELATED_LINK, False), ("WATCH:", RELATED_LINK, False),
    ("JUST WATCHED", VIDEO, False), (":", VIDEO, False), ("MORE", HEADLINE_LIST, False),
    ("(@", TWEET_DATE, False), ("Slideshow", SLIDESHOW, False), ("This article is more than", PAGE_BANNER, False),
    ("Chip in $", PAGE_BANNER, False),
)


# One search for any marker first (a colon, for a video's length, is tested apart): most texts have none, and a
# prefix tree of the markers is searched faster than each marker alone.
FURNITURE_MARKER = re.compile(trie_pattern(marker for marker, _, _ in FURNITURE if marker != ":"))



def outside_page_furniture(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` less those in page furniture: photo galleries ("Hide Caption 3 of 12"), photo captions and
    credits, related-article links, The Hill's inline headline lists, the date line of an embedded tweet, and
    banners such as "This article is more than 3 years old". The numbers there restate a page, not the article."""
    if ":" not in text and not FURNITURE_MARKER.search(text):
        return mentions
    furniture: list[tuple[int, int]] = []
    for marker, pattern, paragraph in FURNITURE:
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



def outside_control_sequences(text: str, mentions: list[Mention]) -> list[Mention]:
    starts, ends = [], []
    for match in CONTROL_SEQUENCE.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
    kept = []
    for mention in mentions:
        before = bisect_left(starts, mention.end) - 1  # the last sequence starting before the mention ends
        if before < 0 or ends[before] <= mention.start:  # sequences do not overlap, so ends are sorted too
            kept.append(mention)
    return kept
