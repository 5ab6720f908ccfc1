"""Web ingest benchmark: extraction fidelity and speed on real news text dressed as web pages.

The first N articles of ../shared/data/corpus/abp-news.jsonl.gz are rendered into HTML pages with the clutter of a
real news site around them (navigation, a cookie banner, related links, a sidebar, a comment section and a footer,
each carrying numbers and quotes that would become claims and quotes if they leaked, and a marker word). Two page
layouts alternate: an <article> with JSON-LD metadata, and bare <div>s with <meta> tags only. Pages are served from
127.0.0.1 by this script (no outside network).

Runs, each into a fresh database, with the same articles:

* ``text``: the bodies as .txt files (the baseline: no fetching, no extraction);
* ``urls``: the pages fetched over HTTP (`ingest URL...`);
* ``saved``: the pages as saved .html files.

Fidelity per page: the stored text equals the original body (whitespace-normalised); character similarity;
boilerplate markers that leaked; date, title and site name read right; claims and quotes found compared with the
text run. Also the import cost the lazy imports avoid: `import workbench.cli` with and without trafilatura+httpx.

Run: ``python benchmarks/web_bench.py [--articles 200]``. Prints a table, writes benchmarks/results/web_bench.json.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from rapidfuzz import fuzz
from rich.console import Console
from rich.table import Table

from workbench.services.fetch import FetchSettings
from workbench.services.ingest import ingest_paths
from workbench.store.repository import Store

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "web_bench.json"
SHARED = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
MARKER = "Zqxboiler"  # appears only in the clutter: any stored text containing it leaked boilerplate

CLUTTER = {
    "nav": f"<nav><a href='/'>Home {MARKER}</a> <a href='/markets'>Markets: Dow up 2.4% today</a> "
    "<a href='/subscribe'>Subscribe for $1 a week</a></nav>",
    "cookie": f"<div class='cookie'>We use cookies {MARKER}. <button>Accept all 12 partners</button></div>",
    "related": f"<aside class='related'><h3>Related {MARKER}</h3><ul><li><a href='/a'>Oil exports fall 12% as "
    "sanctions bite</a></li><li><a href='/b'>Storm leaves 40,000 homes without power</a></li></ul></aside>",
    "sidebar": f"<aside class='sidebar'><h2>Most read {MARKER}</h2><ol><li><a href='/c'>Stocks slide 2.5% in late "
    "trading</a></li><li><a href='/d'>Minister resigns after 18 months</a></li></ol></aside>",
    "comments": f"<section id='comments' class='comments'><h2>Comments (2) {MARKER}</h2><div class='comment'><p>"
    "PatriotJoe1776</p><p>This is worth at least $50 billion. “Follow the money,” my father said.</p>"
    "</div><div class='comment'><p>maria_k</p><p>Prices went up 300% in one year.</p></div></section>",
    "footer": f"<footer><p>© 2017 Example Media {MARKER}. All rights reserved.</p><p>1200 Ocean Drive, Suite 400. "
    "Call 1-800-555-0199.</p></footer>",
}


def render(article: dict[str, str], layout: int) -> bytes:
    title, outlet, date = (html.escape(article.get(k) or "") for k in ("title", "outlet", "date"))
    paragraphs = "\n".join(
        f"<p>{html.escape(line.strip())}</p>" for line in article["text"].split("\n") if line.strip()
    )
    if layout == 0:
        head = (
            f"<meta property='og:site_name' content='{outlet}'><script type='application/ld+json'>"
            + json.dumps(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "headline": article["title"],
                    "datePublished": article.get("date"),
                }
            )
            + "</script>"
        )
        body = (
            f"{CLUTTER['cookie']}<header>{CLUTTER['nav']}</header><main><article><h1>{title}</h1>"
            f"<div class='story-body'>{paragraphs}</div>{CLUTTER['related']}</article>{CLUTTER['sidebar']}"
            f"{CLUTTER['comments']}</main>{CLUTTER['footer']}"
        )
    else:
        head = f"<meta name='date' content='{date}'><meta property='og:site_name' content='{outlet}'>"
        body = (
            f"<div id='top'>{CLUTTER['nav']}</div><div class='content'><div class='text'>{paragraphs}</div>"
            f"</div><div class='comments-area'>{CLUTTER['comments']}</div><div class='bottom'>"
            f"{CLUTTER['footer']}</div>"
        )
    page = (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | {outlet}</title>{head}"
        f"</head><body>{body}</body></html>"
    )
    return page.encode("utf-8")


class Pages(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    pages: dict[str, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802
        body = self.pages.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args: object) -> None:
        pass


def normalised(text: str) -> str:
    return " ".join(text.split())


def ingest(
    label: str,
    db: Path,
    inputs: list[str],
    articles: list[dict[str, str]],
    wall_base: float | None,
    sources: dict[str, int],
) -> dict[str, object]:
    with Store.open(db) as store:
        started = time.perf_counter()
        report = ingest_paths(store, inputs, fetch=FetchSettings(per_host=4, workers=8))
        seconds = time.perf_counter() - started
        counts = store.counts()
        rows = store.list_articles()
        fidelity: dict[str, object] = {}
        if sources:
            exact, headline, similarity, leaked, dated, titled, named = 0, 0, [], 0, 0, 0, 0
            for row in rows:
                original = articles[sources[row["source"]]]
                text, body, title = (
                    normalised(store.article_text(row["id"]) or ""),
                    normalised(original["text"]),
                    normalised(original.get("title") or ""),
                )
                # The page's <h1> headline, when the layout has one, is article text too: kept in front of the body.
                has_headline = text.startswith(title + " ") and text[len(title) + 1 :] == body
                headline += has_headline
                exact += text == body or has_headline
                similarity.append(fuzz.ratio(text[len(title) + 1 :] if has_headline else text, body) / 100)
                leaked += MARKER in text
                dated += row["published"] == (original.get("date") or None)
                titled += normalised(row["title"] or "") == title
                named += row["outlet"] == original.get("outlet")
            n = max(len(rows), 1)
            fidelity = {
                "exact_text": exact / n,
                "headline_kept": headline / n,
                "mean_similarity": statistics.fmean(similarity or [0]),
                "min_similarity": min(similarity or [0]),
                "pages_with_boilerplate": leaked,
                "date_right": dated / n,
                "title_right": titled / n,
                "outlet_right": named / n,
            }
    return {
        "run": label,
        "articles": report.ingested,
        "rejected": len(report.rejected),
        "seconds": seconds,
        "articles_per_s": report.ingested / seconds if seconds else 0.0,
        "vs_text": (wall_base / seconds) if wall_base else 1.0,
        "claims": counts["claims"],
        "quotes": counts["quotes"],
        **fidelity,
    }


def import_seconds(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--import-runs", type=int, default=7)
    args = parser.parse_args()
    corpus = SHARED / "corpus" / "abp-news.jsonl.gz"
    if not corpus.is_file():
        print(f"{corpus} is not available; nothing to measure")
        return 0
    articles = []
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("text", "").strip() and record.get("title", "").strip():
                articles.append(record)
            if len(articles) == args.articles:
                break
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "text").mkdir()
        (folder / "saved").mkdir()
        url_of, saved_of = {}, {}
        for index, article in enumerate(articles):
            page = render(article, index % 2)
            Pages.pages[f"/a/{article['id']}"] = page
            url_of[f"{base}/a/{article['id']}"] = index
            (folder / "text" / f"{article['id']}.txt").write_text(article["text"], encoding="utf-8")
            (folder / "saved" / f"{article['id']}.html").write_bytes(page)
            saved_of[f"{article['id']}.html"] = index
        text = ingest("text files (baseline)", folder / "t.db", [str(folder / "text")], articles, None, {})
        results.append(text)
        results.append(ingest("fetched URLs", folder / "u.db", list(url_of), articles, float(text["seconds"]), url_of))  # type: ignore[arg-type]
        results.append(
            ingest(
                "saved .html files",
                folder / "s.db",
                [str(folder / "saved")],
                articles,
                float(text["seconds"]),
                saved_of,
            )
        )  # type: ignore[arg-type]
    server.shutdown()
    lazy = import_seconds("import workbench.cli", args.import_runs)
    eager = import_seconds("import workbench.cli, trafilatura, httpx", args.import_runs)

    table = Table(title=f"web ingest, {len(articles)} articles of abp-news")
    table.add_column("measure")
    for row in results:
        table.add_column(str(row["run"]))
    for measure in [
        "articles",
        "rejected",
        "seconds",
        "articles_per_s",
        "vs_text",
        "claims",
        "quotes",
        "exact_text",
        "headline_kept",
        "mean_similarity",
        "min_similarity",
        "pages_with_boilerplate",
        "date_right",
        "title_right",
        "outlet_right",
    ]:
        table.add_row(
            measure,
            *(
                f"{row[measure]:.3g}" if isinstance(row.get(measure), float) else str(row.get(measure, ""))
                for row in results
            ),
        )
    console = Console()
    console.print(table)
    console.print(
        f"import workbench.cli: {lazy:.3f} s; with trafilatura and httpx loaded too: {eager:.3f} s "
        f"(median of {args.import_runs}; the lazy import saves {eager - lazy:.3f} s per command)"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "machine": platform.platform(),
                "python": platform.python_version(),
                "load_average": os.getloadavg(),
                "articles": len(articles),
                "runs": results,
                "import_seconds": {"workbench.cli": lazy, "workbench.cli+trafilatura+httpx": eager},
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    console.print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
