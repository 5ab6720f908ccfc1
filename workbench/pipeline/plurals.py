"""Irregular English plurals and their singulars: read by the claims extractor (counted nouns) and by the TUI
(to say "3 nations" for a unit stored as "nation"), which imports this alone so that painting a list does not load
the whole extractor."""

from __future__ import annotations

IRREGULAR_PLURALS = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "police": "police",
    "staff": "staff",
    "personnel": "personnel",
    "cattle": "cattle",
    "livestock": "livestock",
    "sheep": "sheep",
    "fish": "fish",
    "deer": "deer",
    "aircraft": "aircraft",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
    "thieves": "thief",
    "wolves": "wolf",
    "leaves": "leaf",
    "shelves": "shelf",
    "series": "series",
    "species": "species",
    "crises": "crisis",
    "analyses": "analysis",
    "theses": "thesis",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "headquarters": "headquarters",
    "buses": "bus",
    "gases": "gas",
    "spacecraft": "spacecraft",
    "offspring": "offspring",
    "militia": "militia",
    "clergy": "clergy",
    "heroes": "hero",
    "potatoes": "potato",
    "tomatoes": "tomato",
    "echoes": "echo",
    "vetoes": "veto",
    "torpedoes": "torpedo",
    "volcanoes": "volcano",
    "embargoes": "embargo",
    "cargoes": "cargo",
} | {  # compounds of "man": "a half-dozen gunmen", "12 policemen"
    f"{head}men": f"{head}man"
    for head in "gun police fire service congress business fisher chair spokes gentle "
    "sales tribes horse country militia lay noble".split()
}
