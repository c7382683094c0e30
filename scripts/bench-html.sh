#!/usr/bin/env bash
# Side-by-side speed of article extraction: newsdesk against Python trafilatura, on the
# same WCXB pages, each on one pinned core, in one run (the issue-3 bar: >= 800 pages/s
# and >= 10x the Python tools). Both sides are timed the same way: pages are read and
# gunzipped into memory first, then only the extraction loop is timed.
#
# newsdesk runs four times (two before and two after trafilatura) and its figure is the
# median, so that load drifting during the run does not favour either side; the load
# average is printed at the start and the end. Trafilatura's pages/s is wall-clock like
# newsdesk's (the ratio compares those two); its CPU-time rate is printed as well, which
# is what it would reach on an idle core. Trafilatura's output is also
# scored with newsdesk's own metric (`newsdesk eval html --predictions`), so the two
# quality figures come from the same code.
#
# The project does not depend on Python: trafilatura goes into a throwaway venv under
# /tmp, created (with pip) only if it is missing.
#
# Usage: scripts/bench-html.sh [DATA_DIR] [LIMIT]
#   DATA_DIR  default /work/shared/eval/html/wcxb_dev (ground_truth.json + html/*.html.gz)
#   LIMIT     at most this many pages (default: all)
# Environment: NEWSDESK (binary, default target/release/newsdesk, built if missing),
#   VENV (default /tmp/newsdesk-bench-venv), OUT (work dir, default /tmp/newsdesk-bench-html),
#   CPU (the core to pin to, default 0), TRAF_FAST=1 (also time trafilatura's fastest
#   configuration: text decoded beforehand, no metadata, fast=True; speed only).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:-/work/shared/eval/html/wcxb_dev}
LIMIT=${2:-}
BIN=${NEWSDESK:-$ROOT/target/release/newsdesk}
VENV=${VENV:-/tmp/newsdesk-bench-venv}
OUT=${OUT:-/tmp/newsdesk-bench-html}
CPU=${CPU:-0}
mkdir -p "$OUT"

if [ ! -x "$BIN" ]; then
    echo "building newsdesk (release)..." >&2
    (cd "$ROOT" && cargo build --release -q -p newsdesk-cli)
fi
if ! "$VENV/bin/python" -c 'import trafilatura' 2>/dev/null; then
    echo "installing trafilatura into $VENV..." >&2
    python3 -m venv "$VENV"
    # lxml 6 moved lxml.html.clean (used by justext, a trafilatura dependency) out.
    "$VENV/bin/pip" install -q trafilatura lxml_html_clean >&2
fi
PY="$VENV/bin/python"

PIN=()
if command -v taskset >/dev/null 2>&1; then
    PIN=(taskset -c "$CPU")
fi
# One thread everywhere (numeric libraries, rayon).
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 RAYON_NUM_THREADS=1

cat > "$OUT/trafilatura_bench.py" <<'PY'
"""Run trafilatura.extract (with metadata) over WCXB pages, one process: write a
predictions JSONL for `newsdesk eval html --predictions` and print a JSON summary."""
import gzip, json, os, sys, time
import trafilatura

data, out, limit = sys.argv[1], sys.argv[2], (int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] else None)
gold = json.load(open(os.path.join(data, "ground_truth.json"), encoding="utf-8"))
ids = sorted(gold)[:limit] if limit else sorted(gold)
pages = []
mb = 0
for i in ids:
    with gzip.open(os.path.join(data, gold[i]["html"]), "rb") as f:
        raw = f.read()
    mb += len(raw)
    pages.append((i, gold[i].get("url") or None, raw))

results = []
failures = 0
start = time.perf_counter()
cpu_start = time.process_time()
for i, url, raw in pages:
    try:
        r = trafilatura.extract(raw, url=url, with_metadata=True, output_format="json")
    except Exception:  # a crash on one page is a failure, not the end of the run
        r = None
    results.append((i, r))
seconds = time.perf_counter() - start
cpu_seconds = time.process_time() - cpu_start

fast = {}
if os.environ.get("TRAF_FAST") == "1":
    # The fastest configuration, for the speed comparison only: decoding done outside
    # the timed loop, no metadata, no fallback extractors.
    texts = [(url, raw.decode("utf-8", "replace")) for _, url, raw in pages]
    start, cpu_start = time.perf_counter(), time.process_time()
    for url, text in texts:
        try:
            trafilatura.extract(text, url=url, fast=True)
        except Exception:
            pass
    s, c = time.perf_counter() - start, time.process_time() - cpu_start
    fast = {"fast_pages_per_second": len(pages) / s if s else 0.0,
            "fast_cpu_pages_per_second": len(pages) / c if c else 0.0}

with open(out, "w", encoding="utf-8") as f:
    for i, r in results:
        if r is None:
            failures += 1
            continue
        d = json.loads(r)
        f.write(json.dumps({
            "id": i,
            "text": d.get("text") or "",
            "title": d.get("title"),
            "author": d.get("author"),
            "published": d.get("date"),
        }) + "\n")
print(json.dumps({
    "tool": "trafilatura " + trafilatura.__version__,
    "pages": len(pages),
    "seconds": seconds,
    "pages_per_second": len(pages) / seconds if seconds else 0.0,
    "cpu_pages_per_second": len(pages) / cpu_seconds if cpu_seconds else 0.0,
    "mb_per_second": mb / 1e6 / seconds if seconds else 0.0,
    "no_result": failures,
    **fast,
}))
PY

LIMIT_ARG=()
if [ -n "$LIMIT" ]; then LIMIT_ARG=(--limit "$LIMIT"); fi

run_newsdesk() {
    "${PIN[@]}" "$BIN" --quiet --json eval html --data "$DATA" "${LIMIT_ARG[@]}" > "$1"
}

echo "pages: $DATA${LIMIT:+ (first $LIMIT)}; pinned to: ${PIN[*]:-nothing (no taskset)}" >&2
cut -d' ' -f1-3 /proc/loadavg > "$OUT/load-start" 2>/dev/null || echo "?" > "$OUT/load-start"
echo "newsdesk, runs 1-2..." >&2
run_newsdesk "$OUT/newsdesk-1.json"
run_newsdesk "$OUT/newsdesk-2.json"
echo "trafilatura..." >&2
"${PIN[@]}" "$PY" "$OUT/trafilatura_bench.py" "$DATA" "$OUT/trafilatura.jsonl" "$LIMIT" > "$OUT/trafilatura.json"
echo "newsdesk, runs 3-4..." >&2
run_newsdesk "$OUT/newsdesk-3.json"
run_newsdesk "$OUT/newsdesk-4.json"
cut -d' ' -f1-3 /proc/loadavg > "$OUT/load-end" 2>/dev/null || echo "?" > "$OUT/load-end"
echo "scoring trafilatura with newsdesk's metric..." >&2
"$BIN" --quiet --json eval html --data "$DATA" --predictions "$OUT/trafilatura.jsonl" > "$OUT/trafilatura-scores.json"

"$PY" - "$OUT" "$LIMIT" <<'PY'
import json, sys, os
out, limited = sys.argv[1], bool(sys.argv[2])
load = lambda n: json.load(open(os.path.join(out, n)))
runs = [load(f"newsdesk-{k}.json") for k in (1, 2, 3, 4)]
t, ts = load("trafilatura.json"), load("trafilatura-scores.json")
n1 = runs[0]
by_speed = sorted(runs, key=lambda r: r["pages_per_second"])
# The median of four: the mean of the middle two.
nd = (by_speed[1]["pages_per_second"] + by_speed[2]["pages_per_second"]) / 2
nd_mb = (by_speed[1]["mb_per_second"] + by_speed[2]["mb_per_second"]) / 2
tp = t["pages_per_second"]
load_start = open(os.path.join(out, "load-start")).read().strip()
load_end = open(os.path.join(out, "load-end")).read().strip()
print(f"pages: {t['pages']} ({n1['data']})")
print(f"{'':28} {'pages/s':>9} {'MB/s':>6} {'body F1 all':>12} {'body F1 articles':>17} {'title':>6} {'author':>7} {'date':>6}")
def row(name, pps, mbs, r):
    if r is None:  # --predictions scores against every gold page: no figure for a subset
        print(f"{name:28} {pps:9.0f} {mbs:6.1f}   (quality not scored with a LIMIT)")
        return
    m = r["meta_articles"]
    print(f"{name:28} {pps:9.0f} {mbs:6.1f} {r['all']['f1']:12.3f} {r['articles']['f1']:17.3f} "
          f"{m['title']['rate']:6.3f} {m['author']['rate']:7.3f} {m['date']['rate']:6.3f}")
row("newsdesk (median of 4 runs)", nd, nd_mb, n1)
row(t["tool"], tp, t["mb_per_second"], None if limited else ts)
print("newsdesk runs: " + ", ".join(f"{r['pages_per_second']:.0f}" for r in runs) + " pages/s "
      f"(best {by_speed[-1]['pages_per_second']:.0f})")
print(f"trafilatura: {tp:.1f} pages/s wall clock, {t['cpu_pages_per_second']:.1f} pages/s of its own CPU time; "
      f"no result on {t['no_result']} pages")
if "fast_pages_per_second" in t:
    print(f"trafilatura fast=True, no metadata, text decoded beforehand: {t['fast_pages_per_second']:.1f} pages/s "
          f"wall clock, {t['fast_cpu_pages_per_second']:.1f} of its own CPU time; "
          f"ratio newsdesk (median) / it: {nd / t['fast_pages_per_second']:.1f}x wall clock, "
          f"slowest newsdesk run / its CPU-time rate: {by_speed[0]['pages_per_second'] / t['fast_cpu_pages_per_second']:.1f}x")
print(f"load average (1, 5, 15 min) at start: {load_start}; at end: {load_end}")
if tp:
    print(f"ratio newsdesk / trafilatura (wall clock, median run): {nd / tp:.1f}x; "
          f"slowest newsdesk run / trafilatura CPU-time rate: {by_speed[0]['pages_per_second'] / t['cpu_pages_per_second']:.1f}x")
PY
