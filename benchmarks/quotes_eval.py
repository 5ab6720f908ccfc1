"""Quote extraction benchmark: direct-quote detection and speaker accuracy on PolNeAR, quote coverage on BASIL.

Usage: python benchmarks/quotes_eval.py [--data DIR] [--show N]

How a prediction is scored (PolNeAR, see ../shared/data/quotes/README.md):
- Gold quotes are the ``is_direct`` attributions (quote_type direct or inside_quote). Paraphrase is not scored.
  A discontinuous content ('"A," he said. "B."') counts once per piece, since we return one quote per
  quotation; each piece is compared on its inner span (whitespace and quotation marks stripped).
- An extracted quote matches a gold piece when they overlap by at least half of the shorter of the two.
- Detection precision is over our ``direct`` quotes; recall is over gold pieces matched by a ``direct`` quote.
  Fragments (scare quotes, quoted phrases) are not direct quotes; PolNeAR rarely annotates them, and where it
  does, the content usually includes unquoted words (quote_type mixed, not scored).
- A ``direct`` quote that lies inside a gold ``mixed`` content is neutral: it counts neither for nor against
  precision. PolNeAR annotates every 'X said that "…"' as mixed (the content takes in the unquoted words),
  whereas the product brief makes a quote that is the complement of a reporting verb direct. The "strict"
  column counts these as false positives.
- Speaker accuracy is over matched pairs whose gold relation has a source. PolNeAR sources are literal mentions
  without coreference ("he", or the name at an earlier quote), so ours is right when our mention
  (``speaker_start:speaker_end``) overlaps the gold source span, or when our resolved name's last word (a
  surname, or the head noun of "the ministry") occurs in the gold source text.
- PolNeAR treats "according to X" as naming the source X even when another speaker is named ('"…," he said,
  according to state media'); we make X the speaker only when no reporting verb names anyone, so such quotes
  count against us when the annotator linked X.

BASIL annotates bias spans inside quotes, not whole quotes, so it cannot measure precision or recall of quote
boundaries; the row reports how many of its quote spans lie inside one of our quotes (coverage) and, for spans
with a named speaker, whether our speaker's surname matches.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.pipeline.quotes import extract_quotes  # noqa: E402

_MARKS = "\"“”‘’'`«»„"


def default_data_dir() -> Path:
    return ROOT.parent / "shared" / "data"


def inner(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without surrounding whitespace, quotation marks and the punctuation outside them."""
    while start < end and (text[start].isspace() or text[start] in _MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _MARKS):
        end -= 1
    return start, end


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def matches(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and overlap(a, b) * 2 >= shorter


def _words(text: str) -> set[str]:
    """Lowercased words with punctuation and possessive 's stripped ("Quintanilla's" -> "quintanilla")."""
    words = {w.strip(".,;:’'\"()").lower() for w in text.split()}
    return {w[:-2] if w.endswith(("’s", "'s")) else w for w in words}


def speaker_correct(quote, source_text: str, source_pieces: list[list[int]]) -> bool:
    if quote.speaker_start is not None and any(
        overlap((quote.speaker_start, quote.speaker_end), tuple(p)) > 0 for p in source_pieces
    ):
        return True
    if not quote.speaker:
        return False
    last = quote.speaker.split()[-1].strip(".,").lower()
    return last in _words(source_text)


def gold_pieces(article: dict) -> list[dict]:
    text = article["text"]
    pieces = []
    for relation in article["attributions"]:
        if not relation["is_direct"]:
            continue
        for s, e in relation["content_pieces"]:
            span = inner(text, s, e)
            if span[1] > span[0]:
                pieces.append({"span": span, "relation": relation})
    return pieces


def evaluate_polnear(path: Path, show: int) -> dict:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    shown = 0
    for line in path.open(encoding="utf-8"):
        article = json.loads(line)
        text = article["text"]
        split = article["split"]
        quotes = extract_quotes(text)
        direct = [q for q in quotes if q.kind == "direct"]
        pieces = gold_pieces(article)
        mixed = [
            tuple(p)
            for relation in article["attributions"]
            if relation["quote_type"] == "mixed"
            for p in relation["content_pieces"]
        ]
        c = counts[split]
        c["articles"] += 1
        c["gold"] += len(pieces)
        c["predicted"] += len(direct)
        for quote in direct:
            hit = [p for p in pieces if matches((quote.start, quote.end), p["span"])]
            if hit:
                c["true_positive"] += 1
                relation = hit[0]["relation"]
                if relation["source"] is not None:
                    c["with_source"] += 1
                    if speaker_correct(quote, relation["source"], relation["source_pieces"]):
                        c["speaker_correct"] += 1
                    elif shown < show:
                        shown += 1
                        said = None if quote.speaker_start is None else text[quote.speaker_start : quote.speaker_end]
                        print(
                            f"SPEAKER {article['id']}: ours {quote.speaker!r} ({said}) gold {relation['source']!r}"
                            f" :: {quote.text[:80]!r}"
                        )
            elif any(overlap((quote.start, quote.end), m) * 2 >= quote.end - quote.start for m in mixed):
                c["neutral"] += 1
            elif shown < show:
                shown += 1
                print(f"FP {article['id']}: {quote.text[:100]!r}")
        for piece in pieces:
            if any(matches((q.start, q.end), piece["span"]) for q in direct):
                c["gold_found"] += 1
            elif shown < show:
                shown += 1
                kinds = [q.kind for q in quotes if matches((q.start, q.end), piece["span"])]
                print(f"FN {article['id']} {kinds}: {text[piece['span'][0] : piece['span'][1]][:100]!r}")
    counts["all"] = defaultdict(int)
    for split in ("train", "dev"):
        for key, value in counts[split].items():
            counts["all"][key] += value
    return {split: _scores(c) for split, c in counts.items()}


def _scores(c: dict[str, int]) -> dict:
    judged = c["predicted"] - c["neutral"]
    precision = c["true_positive"] / judged if judged else 0.0
    strict = c["true_positive"] / c["predicted"] if c["predicted"] else 0.0
    recall = c["gold_found"] / c["gold"] if c["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    speaker = c["speaker_correct"] / c["with_source"] if c["with_source"] else 0.0
    return {
        **c,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speaker_accuracy": speaker,
        "strict_precision": strict,
        "strict_f1": 2 * strict * recall / (strict + recall) if strict + recall else 0.0,
    }


def evaluate_basil(path: Path) -> dict:
    c: dict[str, int] = defaultdict(int)
    for line in path.open(encoding="utf-8"):
        article = json.loads(line)
        text = article["text"]
        quotes = extract_quotes(text)
        for gold in article["quotes"]:
            if not gold["is_direct"]:
                continue
            c["gold"] += 1
            span = (gold["inner_start"], gold["inner_end"])
            inside = [q for q in quotes if q.start <= span[0] and span[1] <= q.end]
            if inside:
                c["covered"] += 1
                if gold["speaker_name"]:
                    c["named"] += 1
                    ours = (inside[0].speaker or "").split()
                    if ours and ours[-1].lower() in gold["speaker_name"].lower().split():
                        c["speaker_match"] += 1
    return {
        **c,
        "coverage": c["covered"] / c["gold"] if c["gold"] else 0.0,
        "speaker_accuracy": c["speaker_match"] / c["named"] if c["named"] else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--show", type=int, default=0, help="print up to N errors")
    args = parser.parse_args()
    polnear = args.data / "quotes" / "polnear-dev.jsonl"
    basil = args.data / "quotes" / "basil-dev.jsonl"
    if not polnear.exists():
        print(f"quotes_eval: {polnear} not found; the shared evaluation data is absent, nothing to do.")
        return 0
    started = time.perf_counter()
    results = {"polnear": evaluate_polnear(polnear, args.show)}
    if basil.exists():
        results["basil"] = evaluate_basil(basil)
    results["seconds"] = round(time.perf_counter() - started, 1)

    print("PolNeAR direct quotes  precision  recall    F1  speaker acc  strict P / F1  gold / predicted / neutral")
    for split in ("train", "dev", "all"):
        r = results["polnear"][split]
        scores = f"{r['precision']:.3f}   {r['recall']:.3f}  {r['f1']:.3f}    {r['speaker_accuracy']:.3f}"
        strict = f"{r['strict_precision']:.3f} / {r['strict_f1']:.3f}"
        print(f"  {split:<5}                  {scores}   {strict}  {r['gold']} / {r['predicted']} / {r['neutral']}")
    if "basil" in results:
        b = results["basil"]
        print(
            f"BASIL quote spans inside an extracted quote: {b['coverage']:.3f} ({b['covered']}/{b['gold']}); "
            f"named speaker matches: {b['speaker_accuracy']:.3f} ({b['speaker_match']}/{b['named']})"
        )
    out = ROOT / "benchmarks" / "results" / "quotes_eval.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)} in {results['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
