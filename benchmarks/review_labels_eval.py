"""Score check-worthiness and quote speakers on hand labels, beside PolNeAR dev and NewsQuant, in one table.

Usage: python benchmarks/review_labels_eval.py [--skip-baselines] [--show N] [--heldout] [--sample NAME ...]

``--sample`` adds one of our labelled samples (``SAMPLES`` below: its file, its part, whether it is still blind);
``--list-samples`` prints them. The flags of earlier rounds (``--fresh``, ``--fresh2``, ``--fresh7-claims``,
``--speakers-fresh6`` …) still work: each names the samples it added then, so the commands in the data cards
reproduce their figures.

Data (never copied into the repository): ../shared/data (or $WORKBENCH_SHARED_DATA): review-labels/, the corpus
abp-news.jsonl.gz, quotes/polnear-dev.jsonl and quantities/. Our own labels are benchmarks/labels/
checkworthy_own.jsonl (article id + offsets + label; see benchmarks/labels/CHECKWORTHY.md). Without the shared
data the script says so and exits with status 0. Results go to benchmarks/results/review_labels_eval.json.

Every labelled article is read from the corpus and run through today's pipeline (``analyze_text``); nothing comes
from an old database, so the figures measure the code as it is.

Check-worthiness. The target (issue 13): among claims labelled ``checkable``, at least 92% truly checkable
(precision), and at least 92% of truly checkable claims labelled ``checkable`` (recall). A labelled item whose
number the extractor no longer finds cannot be in anyone's queue: it counts as not labelled checkable.
``not_a_quantity`` items are not checkable. Rows:

* review-labels dev: the shipped model was trained on these items, so the row is in-sample; the honest figure
  for them is the sample-level cross-validation (trained on every other item) that ``train_checkworthy.py``
  stored in the model file, printed below the table. The cues were also written while reading these items.
* fresh1 ... fresh7 (``--sample fresh7`` ...): 100-150 claims of all kinds each, drawn at random from articles no
  earlier label set touched, each scored blind once at the end of its round and trained on since (round O); their
  honest figures are the sample-level ones printed below the table (each sample left out in turn). A new blind
  sample is scored once, at the end, and its errors are never printed, so no cue is tuned on it.
* old held-out and fresh1 (``--heldout``, ``--fresh``): held out in earlier rounds, then studied and trained on
  (model v5): in-sample now; their honest figures are the cross-validation printed below the table.
* own train: in-sample, for reference.
* two baselines on the same items: ``kind only`` (money, percent, multiple, count and quantity checkable;
  years, dates, ranges of years and durations context) and ``everything`` (today's queue without the label).
Intervals are 95% Wilson intervals of the proportions.

Speakers (review-labels speakers-dev.jsonl, the yardstick for the speaker half of issue 13). Each item is found by
its ``find`` string; our quote is the extracted quote that contains it. Speaker accuracy = right / (right + wrong +
missing), over items whose true speaker is named (``unknown`` and ``not_a_quote`` are left out), as in the README:
right when our speaker names the same person or organisation: the true speaker's surname (last word), or one of
joint authors' surnames, or its initials (an abbreviation), is a word of ours, and no different first name
contradicts it ('Lindsay Mills' for Jonathan Mills is wrong); missing when we have no quote there, no speaker, or
only a pronoun or description ('he', 'the tweet'). The same matcher is run on the speakers the labeller's
database had (``db_speaker``) and compared with the human verdicts, so the matcher's own error is visible.
Our own speaker labels (benchmarks/labels/speakers_own.jsonl, located by offsets; SPEAKERS.md) are scored the same
way: the ``study`` part, whose errors were read and classified, and with ``--heldout`` the part labelled without
seeing the workbench's speakers and kept apart.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkworthy_items import (  # noqa: E402
    CORPUS,
    FRESH2_LABELS,
    FRESH3_LABELS,
    FRESH4_LABELS,
    FRESH5_LABELS,
    FRESH6_LABELS,
    FRESH7_LABELS,
    FRESH8_LABELS,
    FRESH_LABELS,
    REVIEW_LABELS,
    ROOT,
    SHARED,
    Located,
    corpus_articles,
    locate,
    own_items,
    read_jsonl,
    review_dev_items,
)

from workbench.pipeline.checkworthy import shipped_model  # noqa: E402
from workbench.pipeline.quotes import extract_quotes  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "review_labels_eval.json"
OWN_SPEAKERS = ROOT / "benchmarks" / "labels" / "speakers_own.jsonl"
TARGET = 0.92
KIND_ONLY_CHECKABLE = frozenset({"money", "percent", "multiple", "count", "quantity"})


@dataclass(frozen=True)
class Sample:
    """One of our labelled samples: which file and part it is, the row it prints as, and whether it is still blind
    (scored in aggregate only: its errors are never printed, so no rule is tuned on it)."""

    name: str
    family: str  # "claims" (check-worthiness) or "speakers"
    path: Path
    part: str  # the "set" its rows carry in the file
    row: str
    blind: bool
    flags: tuple[str, ...]  # the flags of earlier rounds that add it
    history: str


def _speakers(name: str) -> Path:
    return ROOT / "benchmarks" / "labels" / f"speakers_{name}.jsonl"


SAMPLES: tuple[Sample, ...] = (
    Sample(
        "fresh1",
        "claims",
        FRESH_LABELS,
        "fresh",
        "fresh1 (in-sample)",
        False,
        ("--fresh",),
        "first fresh check-worthiness sample, trained on since model v5",
    ),
    Sample(
        "fresh2",
        "claims",
        FRESH2_LABELS,
        "fresh2",
        "fresh2 (in-sample)",
        False,
        ("--fresh2",),
        "held out in issue 13 rounds E and F, a study and training set since",
    ),
    Sample(
        "fresh3",
        "claims",
        FRESH3_LABELS,
        "fresh3",
        "fresh3 (in-sample)",
        False,
        ("--fresh3-claims",),
        "held out in round G, a study and training set since round I",
    ),
    Sample(
        "fresh4",
        "claims",
        FRESH4_LABELS,
        "fresh4",
        "fresh4 (in-sample)",
        False,
        ("--fresh4-claims",),
        "held out in round I, a study and training set since round K",
    ),
    Sample(
        "fresh5",
        "claims",
        FRESH5_LABELS,
        "fresh5",
        "fresh5 (in-sample)",
        False,
        ("--fresh5-claims",),
        "held out in round K, a study set since round M, trained on since round O",
    ),
    Sample(
        "fresh6",
        "claims",
        FRESH6_LABELS,
        "fresh6",
        "fresh6 (in-sample)",
        False,
        ("--fresh6-claims",),
        "held out in round M, a study set since round N, trained on since round O",
    ),
    Sample(
        "fresh7",
        "claims",
        FRESH7_LABELS,
        "fresh7",
        "fresh7 (in-sample)",
        False,
        ("--fresh7-claims",),
        "held out in round N (scored once, in aggregate and by kind), trained on since round O",
    ),
    Sample(
        "fresh8",
        "claims",
        FRESH8_LABELS,
        "fresh8",
        "fresh8 held-out",
        True,
        (),
        "150 claims, blind, labelled by two annotators after round O's model v11, scored once in aggregate and by kind",
    ),
    Sample(
        "speakers-fresh1",
        "speakers",
        _speakers("fresh"),
        "fresh",
        "fresh held-out",
        True,
        ("--fresh",),
        "the first fresh speaker sample, scored in aggregate",
    ),
    Sample(
        "speakers-fresh2",
        "speakers",
        _speakers("fresh2"),
        "fresh2",
        "fresh2 study",
        False,
        ("--fresh2",),
        "blind in rounds E and F, a study set since",
    ),
    Sample(
        "speakers-fresh3",
        "speakers",
        _speakers("fresh3"),
        "fresh3",
        "fresh3 study",
        False,
        ("--speakers-fresh3",),
        "80 quotes, blind in round H, a study set since",
    ),
    Sample(
        "speakers-fresh4",
        "speakers",
        _speakers("fresh4"),
        "fresh4",
        "fresh4 study",
        False,
        ("--speakers-fresh4",),
        "80 quotes, blind in round J, a study set since",
    ),
    Sample(
        "speakers-fresh5",
        "speakers",
        _speakers("fresh5"),
        "fresh5",
        "fresh5 study",
        False,
        ("--speakers-fresh5",),
        "80 quotes, blind in round L, a study set since round O",
    ),
    Sample(
        "speakers-fresh6",
        "speakers",
        _speakers("fresh6"),
        "fresh6",
        "fresh6 study",
        False,
        ("--speakers-fresh6",),
        "80 quotes, blind at the end of round O, a study set since round Q",
    ),
    Sample(
        "speakers-fresh7",
        "speakers",
        _speakers("fresh7"),
        "fresh7",
        "fresh7 study",
        False,
        ("--speakers-fresh7",),
        "80 quotes, blind at the end of stop 28 (two annotators), a study set since stop 29",
    ),
    Sample(
        "speakers-fresh8",
        "speakers",
        _speakers("fresh8"),
        "fresh8",
        "fresh8 study",
        False,
        ("--speakers-fresh8",),
        "80 quotes, blind at the start of stop 29 (two annotators), a study set since stop 31",
    ),
)


# -- intervals ------------------------------------------------------------------------------------------------------


def wilson(successes: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion (sensible at small n and near 0 or 1)."""
    if total == 0:
        return (0.0, 1.0)
    p = successes / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return (max(0.0, centre - half), min(1.0, centre + half))


def proportion(successes: int, total: int) -> dict[str, float | int]:
    low, high = wilson(successes, total)
    return {
        "value": successes / total if total else 0.0,
        "n": total,
        "hits": successes,
        "low": round(low, 4),
        "high": round(high, 4),
    }


def shown(p: dict[str, float | int]) -> str:
    return f"{p['value']:.3f} ({p['low']:.2f}-{p['high']:.2f}) {p['hits']}/{p['n']}"


# -- check-worthiness -----------------------------------------------------------------------------------------------

Predict = Callable[[Located], bool]


def predicted_by_pipeline(found: Located) -> bool:
    return found.assessment is not None and found.assessment.label == "checkable"


def predicted_by_kind(found: Located) -> bool:
    return found.claim is not None and found.claim.kind in KIND_ONLY_CHECKABLE


def predicted_everything(found: Located) -> bool:
    return found.claim is not None


def score_checkworthiness(located: list[Located], predict: Predict) -> dict:
    truth = [found.item.checkable for found in located]
    said = [predict(found) for found in located]
    tp = sum(t and p for t, p in zip(truth, said, strict=True))
    predicted, actual = sum(said), sum(truth)
    precision, recall = proportion(tp, predicted), proportion(tp, actual)
    f1 = (
        2 * precision["value"] * recall["value"] / (precision["value"] + recall["value"])
        if precision["value"] + recall["value"]
        else 0.0
    )
    return {
        "items": len(located),
        "missing": sum(found.claim is None for found in located),
        "precision": precision,
        "recall": recall,
        "f1": round(f1, 4),
        "meets_target": precision["value"] >= TARGET and recall["value"] >= TARGET,
    }


def by_kind(located: list[Located]) -> dict[str, dict[str, int]]:
    """Errors of the pipeline per kind: where the remaining misses are."""
    table: dict[str, Counter[str]] = {}
    for found in located:
        kind = found.claim.kind if found.claim is not None else "missing"
        said = predicted_by_pipeline(found)
        outcome = ("tp" if said else "fn") if found.item.checkable else ("fp" if said else "tn")
        table.setdefault(kind, Counter())[outcome] += 1
    return {kind: dict(counts) for kind, counts in sorted(table.items())}


def checkworthiness_section(show: int, heldout: bool, samples: tuple[Sample, ...] = ()) -> dict:
    """The sets scored: the review-labels dev items and our training part (both in-sample), the old held-out part
    with ``--heldout`` (in-sample since model v5) and the check-worthiness samples asked for; a blind sample's
    errors are never printed."""
    sets = {"review-labels dev (in-sample)": review_dev_items(), "own train (in-sample)": own_items(["train"])}
    if heldout:
        sets["old held-out (in-sample)"] = own_items(["heldout"])
    blind = {sample.row for sample in samples if sample.blind}
    for sample in samples:
        if sample.family == "claims":
            sets[sample.row] = own_items([sample.part], sample.path)
    everything = [item for items in sets.values() for item in items]
    located = {found.item.item_id: found for found in locate(everything)}
    results: dict[str, dict] = {}
    for name, items in sets.items():
        found = [located[item.item_id] for item in items if item.item_id in located]
        results[name] = {
            "pipeline": score_checkworthiness(found, predicted_by_pipeline),
            "kind only": score_checkworthiness(found, predicted_by_kind),
            "everything": score_checkworthiness(found, predicted_everything),
            "by_kind": by_kind(found),
            "not_found_in_corpus": len(items) - len(found),
        }
        if show and name not in blind:
            _show_errors(found, show)
    return results


def _show_errors(located: list[Located], limit: int) -> None:
    errors = [f for f in located if predicted_by_pipeline(f) != f.item.checkable][:limit]
    for found in errors:
        claim = found.claim
        where = (
            "(not extracted)"
            if claim is None
            else found.text[max(claim.sentence_start, claim.start - 80) : claim.start]
            + "[["
            + claim.mention
            + "]]"
            + found.text[claim.end : min(claim.sentence_end, claim.end + 60)]
        )
        score = found.assessment.score if found.assessment else None
        print(f"  {found.item.item_id} truth={found.item.label} score={score} {where!r}")


def assessment_cost(limit: int = 200) -> dict:
    """CPU time of the check-worthiness step against the whole analysis it is part of, on the same articles in
    the same run (the labelled articles, so no extra corpus reading)."""
    from workbench.pipeline.analyze import analyze_text
    from workbench.pipeline.checkworthy import assess_claims

    ids = sorted({item.article_id for item in own_items(["train"])})[:limit]
    articles = corpus_articles(set(ids), CORPUS)
    analysis_seconds = assess_seconds = 0.0
    claims = 0
    for record in articles.values():
        began = time.process_time()
        analysis = analyze_text(record["text"], record.get("date"))
        middle = time.process_time()
        assess_claims(record["text"], analysis.claims, analysis.quotes)
        assess_seconds += time.process_time() - middle
        analysis_seconds += middle - began
        claims += len(analysis.claims)
    return {
        "articles": len(articles),
        "claims": claims,
        "analysis_cpu_seconds": round(analysis_seconds, 3),
        "assessment_cpu_seconds": round(assess_seconds, 3),
        "share_of_analysis": round(assess_seconds / analysis_seconds, 4) if analysis_seconds else 0.0,
        "microseconds_per_claim": round(assess_seconds / claims * 1e6, 1) if claims else 0.0,
    }


# -- speakers -------------------------------------------------------------------------------------------------------

_NAME_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’.-]*")
_NON_NAMES = frozenset(
    "he she they it you we i him her them his its their the a an this that tweet statement "
    "email letter spokesman spokeswoman spokesperson".split()
)
_TITLES = frozenset(
    "mr mrs ms dr sen rep gov president senator representative secretary judge justice gen general former the".split()
)


def _words(name: str) -> list[str]:
    """Lowercase words of a name, possessives and trailing dots removed ('the FBI’s' gives the, fbi), accents
    folded ('Hincapié' and 'Hincapie', spelt both ways in one article, are one person)."""
    found = []
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    for word in _NAME_WORD.findall(bare):
        word = re.sub(r"['’]s$", "", word.strip(".’'")).lower()
        if word:
            found.append(word)
    return found


def _people(true_speaker: str) -> list[str]:
    """The authors named by a true speaker ('A, B and C'; '(motion to dismiss)' notes dropped)."""
    bare = re.sub(r"\([^)]*\)", "", true_speaker)
    return [part.strip() for part in re.split(r",|;| and | & ", bare) if part.strip()]


def _same_word(ours: str, theirs: str) -> bool:
    """Equal, or a clipped form of at least four letters ('Lair' for Laird, as the labeller accepted)."""
    return ours == theirs or (len(ours) >= 4 and theirs.startswith(ours) and len(theirs) - len(ours) <= 1)


def speaker_matches(ours: str | None, true_speaker: str) -> bool:
    """Whether our speaker names the person or organisation of ``true_speaker`` (README rules, see above)."""
    if not ours:
        return False
    mine = _words(ours)
    if not mine or all(word in _NON_NAMES for word in mine):
        return False
    named = [w for w in mine if w not in _TITLES and w not in _NON_NAMES]
    for person in _people(true_speaker):
        theirs = [w for w in _words(person) if w not in _TITLES]
        if not theirs:
            continue
        surname = theirs[-1]
        at = next((i for i, w in enumerate(mine) if _same_word(w, surname)), None)
        if at is not None:
            given = [w for w in theirs[:-1] if len(w) > 1]
            our_given = [w for w in mine[:at] if len(w) > 1 and w not in _TITLES]
            if (
                given
                and our_given
                and not set(given) & set(our_given)
                and not any(g[0] == o[0] for g in given for o in our_given if len(o) <= 2)
            ):
                continue  # same surname, another first name: another person ('Lindsay Mills' for Jonathan Mills)
            return True
        initials = "".join(w[0] for w in theirs if w not in ("of", "for", "the", "and")) if len(theirs) > 1 else ""
        if initials and len(initials) >= 2 and initials in mine:
            return True
        if len(mine) >= 2 and "".join(w[0] for w in mine) in theirs:
            return True
        if named and set(named) <= set(theirs):  # 'ABC' for ABC News
            return True
    return False


@dataclass(frozen=True)
class SpeakerItem:
    """A labelled quote: located by a unique ``find`` string (review-labels) or by offsets (our own labels)."""

    item_id: str
    article_id: str
    true_speaker: str
    find: str | None = None
    span: tuple[int, int] | None = None

    @property
    def named(self) -> bool:
        return self.true_speaker not in ("unknown", "not_a_quote")

    def located(self, text: str) -> tuple[int, int] | None:
        if self.span is not None:
            return self.span
        at = text.find(self.find or "")
        return (at, at + len(self.find or "")) if at >= 0 else None


def review_speaker_items() -> list[SpeakerItem]:
    path = REVIEW_LABELS / "speakers-dev.jsonl"
    if not path.exists():
        return []
    return [
        SpeakerItem(row["item_id"], row["article_id"], row["true_speaker"], find=row["find"])
        for row in read_jsonl(path)
        if "about" not in row
    ]


def own_speaker_items(which: str, path: Path = OWN_SPEAKERS) -> list[SpeakerItem]:
    """Our own speaker labels (benchmarks/labels/speakers_own.jsonl, or speakers_fresh.jsonl with ``which="fresh"``;
    SPEAKERS.md is their data card)."""
    if not path.exists():
        return []
    return [
        SpeakerItem(row["item"], row["article_id"], row["true_speaker"], span=(row["start"], row["end"]))
        for row in read_jsonl(path)
        if row["set"] == which
    ]


def speaker_outcome(quotes: list, span: tuple[int, int] | None, true_speaker: str) -> tuple[str, str | None]:
    """right / wrong / missing for one labelled quote, and the speaker we gave it."""
    quote = None if span is None else next((q for q in quotes if q.start < span[1] and span[0] < q.end), None)
    if quote is None:
        return "missing", None
    if speaker_matches(quote.speaker, true_speaker):
        return "right", quote.speaker
    if not quote.speaker or all(w in _NON_NAMES for w in _words(quote.speaker)):
        return "missing", quote.speaker
    return "wrong", quote.speaker


def score_speakers(items: list[SpeakerItem], show: int = 0) -> dict:
    """Speaker accuracy of today's pipeline on ``items`` (each article's quotes extracted once)."""
    articles = corpus_articles({item.article_id for item in items}, CORPUS)
    quotes_of: dict[str, list] = {}
    counts: Counter[str] = Counter()
    shown_errors = 0
    for item in items:
        if not item.named:
            counts["na"] += 1
            continue
        record = articles.get(item.article_id)
        if record is None:
            counts["not_in_corpus"] += 1
            continue
        text = record["text"]
        if item.article_id not in quotes_of:
            quotes_of[item.article_id] = extract_quotes(text)
        outcome, ours = speaker_outcome(quotes_of[item.article_id], item.located(text), item.true_speaker)
        counts[outcome] += 1
        if outcome != "right" and shown_errors < show:
            shown_errors += 1
            print(f"  {item.item_id} {outcome}: ours {ours!r} true {item.true_speaker!r}")
    judged = counts["right"] + counts["wrong"] + counts["missing"]
    return {"items": len(items), **counts, "accuracy": proportion(counts["right"], judged)}


def speakers_section(show: int, heldout: bool, samples: tuple[Sample, ...] = ()) -> dict:
    """Speaker accuracy on the review-labels dev set (with the matcher checked against the human verdicts) and on
    our own labels: the study part, read to classify errors, and (with ``--heldout``) the part kept apart."""
    results: dict[str, dict] = {}
    path = REVIEW_LABELS / "speakers-dev.jsonl"
    if path.exists():
        rows = [row for row in read_jsonl(path) if "about" not in row]
        dev = score_speakers(review_speaker_items(), show)
        matcher: Counter[str] = Counter()
        for row in rows:
            if row["true_speaker"] not in ("unknown", "not_a_quote"):
                auto = speaker_matches(row.get("db_speaker"), row["true_speaker"])
                matcher["agree" if auto == (row["verdict"] == "right") else "disagree"] += 1
        human = Counter(row["verdict"] for row in rows)
        dev["labelled_database_accuracy"] = proportion(
            human["right"], human["right"] + human["wrong"] + human["missing"]
        )
        dev["matcher_agreement_with_human_verdicts"] = proportion(matcher["agree"], sum(matcher.values()))
        results["review-labels dev"] = dev
    for which in ("study", "heldout") if heldout else ("study",):
        items = own_speaker_items(which)
        if items:
            results[f"own {which}"] = score_speakers(items, show if which == "study" else 0)
    for sample in samples:
        if sample.family == "speakers":
            items = own_speaker_items(sample.part, sample.path)
            results[sample.row] = score_speakers(items, 0 if sample.blind else show)
    return results


# -- the other yardsticks -------------------------------------------------------------------------------------------


def baselines_section() -> dict:
    """PolNeAR dev quotes and NewsQuant claims, by the scripts that own them (imported, not copied)."""
    import claims_eval
    import quotes_eval

    found: dict[str, dict] = {}
    polnear = SHARED / "quotes" / "polnear-dev.jsonl"
    if polnear.exists():
        dev = quotes_eval.evaluate_polnear(polnear, 0)["dev"]
        found["PolNeAR dev"] = {
            "f1": dev["f1"],
            "speaker_accuracy": dev["speaker_accuracy"],
            "precision": dev["precision"],
            "recall": dev["recall"],
        }
    folder = SHARED / "quantities"
    if folder.is_dir():
        cases = claims_eval.load_newsquant(folder)
        keep = claims_eval.FILTERS["NewsQuant"][0]
        scored = claims_eval.score(
            "NewsQuant", "workbench", cases, claims_eval.predict(claims_eval.workbench_system(), keep, cases)
        )
        found["NewsQuant"] = {key: value for key, value in vars(scored).items() if isinstance(value, int | float)}
    return found


# -- report ---------------------------------------------------------------------------------------------------------


def _print_checkworthiness(results: dict) -> None:
    print(f"Check-worthiness of 'checkable' (target: precision and recall >= {TARGET}); 95% Wilson intervals")
    print(f"{'set':<32} {'system':<10} {'precision':<28} {'recall':<28} {'F1':>5}  missing")
    for name, rows in results.items():
        for system in ("pipeline", "kind only", "everything"):
            r = rows[system]
            print(
                f"{name:<32} {system:<10} {shown(r['precision']):<28} {shown(r['recall']):<28} "
                f"{r['f1']:>5.3f}  {r['missing']}"
            )
    model = shipped_model()
    print(f"model {model.version!r}: threshold {model.threshold}")
    stored = json.loads((ROOT / "workbench" / "pipeline" / "checkworthy_model.json").read_text(encoding="utf-8"))
    if "cross_validation" in stored:
        cv = stored["cross_validation"]
        print(
            f"  training-time {cv['folds']}-fold CV grouped by article (every training item): "
            f"precision {cv['precision']:.3f}, recall {cv['recall']:.3f}"
        )
    for name, cv in stored.get("leave_one_sample_out", {}).items():
        print(
            f"  left out of training (every other sample trained on): {name}: precision "
            f"{shown(proportion(cv['tp'], cv['tp'] + cv['fp']))}, recall {shown(proportion(cv['tp'], cv['tp'] + cv['fn']))}"
        )
    for name, cv in stored.get("cross_validation_by_set", {}).items():
        print(
            f"  the same CV on the {name} items: precision {shown(proportion(cv['tp'], cv['tp'] + cv['fp']))}, "
            f"recall {shown(proportion(cv['tp'], cv['tp'] + cv['fn']))}"
        )
    for name in [sample.row for sample in SAMPLES if sample.family == "claims" and sample.blind]:
        held = results.get(name, {}).get("by_kind")
        if held:
            print(
                f"  {name} by kind (tp/fp/fn/tn): "
                + ", ".join(
                    f"{kind} {c.get('tp', 0)}/{c.get('fp', 0)}/{c.get('fn', 0)}/{c.get('tn', 0)}"
                    for kind, c in held.items()
                )
            )


def _dest(flag: str) -> str:
    return flag.lstrip("-").replace("-", "_")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-baselines", action="store_true", help="leave out PolNeAR and NewsQuant (faster)")
    parser.add_argument(
        "--show",
        type=int,
        default=0,
        help="print up to N errors of each in-sample and speaker study set (never of held-out sets)",
    )
    parser.add_argument(
        "--heldout",
        action="store_true",
        help="also score the held-out parts of our own labels (once per version, for the report)",
    )
    parser.add_argument(
        "--sample",
        action="append",
        default=[],
        choices=[sample.name for sample in SAMPLES],
        metavar="NAME",
        help="also score one of our labelled samples (repeatable; --list-samples shows them)",
    )
    parser.add_argument("--list-samples", action="store_true", help="print our labelled samples and exit")
    for flag in dict.fromkeys(flag for sample in SAMPLES for flag in sample.flags):
        named = [sample.name for sample in SAMPLES if flag in sample.flags]
        parser.add_argument(flag, action="store_true", help=f"the same as --sample {' --sample '.join(named)}")
    args = parser.parse_args(argv)
    if args.list_samples:
        for sample in SAMPLES:
            state = "blind" if sample.blind else "study"
            print(f"{sample.name:<16} {sample.family:<8} {state:<5} {sample.path.name}: {sample.history}")
        return 0
    if not (REVIEW_LABELS / "checkworthy-dev.jsonl").exists() or not CORPUS.exists():
        print(f"review_labels_eval: {REVIEW_LABELS} or {CORPUS} is not available; nothing to score.")
        return 0
    asked = set(args.sample)
    asked |= {sample.name for sample in SAMPLES for flag in sample.flags if getattr(args, _dest(flag))}
    samples = tuple(sample for sample in SAMPLES if sample.name in asked)
    started = time.perf_counter()
    results: dict = {
        "checkworthiness": checkworthiness_section(args.show, args.heldout, samples),
        "assessment_cost": assessment_cost(),
    }
    results["speakers"] = speakers_section(args.show, args.heldout, samples)
    if not args.skip_baselines:
        results["baselines"] = baselines_section()
    results["seconds"] = round(time.perf_counter() - started, 1)

    _print_checkworthiness(results["checkworthiness"])
    cost = results["assessment_cost"]
    print(
        f"  cost: {cost['microseconds_per_claim']} µs CPU per claim, {cost['share_of_analysis']:.1%} of the "
        f"analysis of the same {cost['articles']} articles ({cost['claims']} claims), measured in this run"
    )
    for name, sp in results["speakers"].items():
        print(
            f"\nSpeakers, {name} (target on the hidden test part: >= 0.93): accuracy {shown(sp['accuracy'])}"
            f"; right {sp.get('right', 0)}, wrong {sp.get('wrong', 0)}, missing {sp.get('missing', 0)}, "
            f"left out (unknown / not a quote) {sp.get('na', 0)}"
        )
        if "labelled_database_accuracy" in sp:
            print(
                f"  the labeller's database, by the human verdicts: {shown(sp['labelled_database_accuracy'])}; "
                f"this script's matcher agrees with those verdicts on "
                f"{shown(sp['matcher_agreement_with_human_verdicts'])}"
            )
    for name, figures in results.get("baselines", {}).items():
        print(
            f"\n{name}: "
            + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items())
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)} in {results['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
