"""Two outlets reporting one earthquake a day apart (with a revised death toll: a conflict), and an unrelated
article of the same day: a small JSONL file that the story, clustering, CLI and TUI tests ingest."""

from __future__ import annotations

import json
from pathlib import Path

QUAKE = [
    {
        "id": "wire-1",
        "outlet": "Daily Planet",
        "published": "2024-03-06",
        "title": "Earthquake in Norcia kills at least 247",
        "text": "NORCIA, Italy - A powerful earthquake struck the hill towns around Norcia on Wednesday, killing at "
        "least 247 people, the civil protection agency said. Rescuers dug through the rubble of Amatrice and "
        "Accumoli through the night, and about 1,200 people were housed in tent camps. The quake had a "
        "magnitude of 6.2.",
    },
    {
        "id": "post-1",
        "outlet": "Evening Post",
        "published": "2024-03-07",
        "title": "Norcia earthquake toll revised",
        "text": "NORCIA, Italy - The death toll from the earthquake around Norcia stood at 241 people on Thursday, the "
        "civil protection agency said, after rescuers searched the rubble of Amatrice and Accumoli. About "
        "1,200 people spent the night in tent camps after the magnitude 6.2 quake.",
    },
    {
        "id": "sport-1",
        "outlet": "Daily Planet",
        "published": "2024-03-06",
        "title": "Club wins the cup",
        "text": "The home club won the cup final on Wednesday before 41,000 fans, its third title in five seasons.",
    },
]


def write_quake(folder: Path, articles: list[dict[str, str]] | None = None, name: str = "quake.jsonl") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("".join(json.dumps(a) + "\n" for a in (articles or QUAKE)), encoding="utf-8")
    return path
