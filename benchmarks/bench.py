"""Speed and memory of ``extract`` on the shipped notices; numbers go into the README.

    python benchmarks/bench.py            # all measurements
    python benchmarks/bench.py --quick    # skip the 10 MB run and the training times
    python benchmarks/bench.py --ratio    # the ratio to spaCy's tokenizer and the cold start only
    python benchmarks/bench.py --pathological   # throughput and the hostile-input scaling only

The ratio to spaCy is the figure that holds on a noisy machine: ``extract`` of the four
notices and ``spacy.blank("zh")`` of the same four, timed in pairs one after the other, the
order alternating; the median of the pairs' ratios.  Throughput is measured warm (model
loaded; best of five passes) on one core; cold start (median of five) and peak RSS in fresh
processes; linearity by timing 1, 2.5, 5 and 10 MB texts made of the notices, each against the
rate of one notice measured in the same process; training time on one core for growing parts
of the annotated corpus (default config: five calibration folds and the final fit).
"""
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
NOTICES = sorted((ROOT / "annotations" / "notices").glob("*.txt"))


def fresh(code: str) -> dict:
    """Run ``code`` in a new interpreter pinned to one core; it prints a JSON line."""
    pin = ["taskset", "-c", "0"] if os.path.exists("/usr/bin/taskset") else []
    out = subprocess.run(pin + [sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout.strip().splitlines()[-1])


# Peak memory of the child itself: VmHWM of its own address space. (ru_maxrss would not do: Linux
# carries a process's peak over fork and exec, so a child started by this benchmark once it had
# grown reported the benchmark's peak, not its own.)
PEAK = """
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

COLD = PEAK + """
import json, sys, time
t0 = time.perf_counter()
import rectify_nlp
text = open(sys.argv[1] if len(sys.argv) > 1 else {path!r}, encoding="utf-8").read()
rectify_nlp.extract(text)
t1 = time.perf_counter()
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & {{"sklearn", "scipy", "pandas"}})
print(json.dumps({{"cold_s": t1 - t0, "rss_mb": peak_mb(), "imported": heavy}}))
"""

SCALE = PEAK + """
import json, time
import rectify_nlp
from rectify_nlp.features.analysis import analyse
texts = [open(p, encoding="utf-8").read() for p in {paths!r}]
rectify_nlp.extract(texts[0])
# the rate of one notice, in this process: each notice's best of three, over all four
best = []
for t in texts:
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        rectify_nlp.extract(t)
        runs.append(time.perf_counter() - t0)
    best.append(min(runs))
one_rate = sum(len(t) for t in texts) / sum(best)
# notice bodies without their closing sections, so that every part of the big text is labelled
bodies = []
for t in texts:
    a = analyse(t)
    bodies.append(t[:int(a.norm.index[a.closing_at])] if a.closing_at < len(a.norm.text) else t)
block = "\\n\\n".join(bodies)
big = (block * ({size} // len(block) + 1))[:{size}]
t0 = time.perf_counter()
n = rectify_nlp.extract(big)
t1 = time.perf_counter()
print(json.dumps({{"chars": len(big), "s": t1 - t0, "spans": len(n.spans),
                  "one_notice_rate": one_rate,
                  "rss_mb": peak_mb()}}))
"""


TRAIN = """
import json, time
import rectify_nlp
notices = rectify_nlp.load_corpus(["annotations"])
# the four full notices first, then the rest in path order: every size holds long notices
notices = sorted(notices, key=lambda n: n.meta.get("split") != "full")[:{n}]
t0 = time.perf_counter()
rectify_nlp.train(notices)
print(json.dumps({{"notices": len(notices), "chars": sum(len(n.text) for n in notices),
                  "seconds": round(time.perf_counter() - t0, 1)}}))
"""


def pathological(rectify_nlp, base: str) -> list[dict]:
    """Inputs that once took quadratic time (issue "Hostile and broken input"): a run of digits
    or of 百 inside a notice, one long punctuated line (minified HTML), and a run of numerals
    with no 月 after them, at 1x, 4x, 16x."""
    flat = base.replace("\n", "")
    makers = {
        "run of digits (2,000 x k)": lambda k: base[:3000] + "1" * (2000 * k) + "个" + base[3000:],
        "run of 百 (2,000 x k)": lambda k: base[:3000] + "百" * (2000 * k) + "次" + base[3000:],
        "one long line (notice x k)": lambda k: flat * k,
        "run of 一 then 约第 (2,000 x k each)": lambda k: "一" * (2000 * k) + "约第" * (2000 * k),
    }
    rows = []
    for name, make in makers.items():
        times = []
        for k in (1, 4, 16):
            text = make(k)
            t0 = time.perf_counter()
            rectify_nlp.extract(text)
            times.append(round(time.perf_counter() - t0, 3))
        rows.append({"input": name, "seconds_1x_4x_16x": times})
    return rows


def spacy_ratio(rectify_nlp, texts: list[str], pairs: int = 21) -> dict:
    """Median over interleaved pairs of (extract time) / (spaCy tokenizer time), the four
    notices each; the order within a pair alternates, so neither side always runs second."""
    import spacy

    nlp = spacy.blank("zh")  # the character segmenter: spaCy's bare Chinese tokenizer
    for t in texts:
        nlp(t)

    def timed(run) -> float:
        t0 = time.perf_counter()
        for t in texts:
            run(t)
        return time.perf_counter() - t0

    ours, theirs = [], []
    for k in range(pairs):
        if k % 2:
            s, e = timed(nlp), timed(rectify_nlp.extract)
        else:
            e, s = timed(rectify_nlp.extract), timed(nlp)
        ours.append(e)
        theirs.append(s)
    chars = sum(len(t) for t in texts)
    return {
        "pairs": pairs,
        "median_ratio": round(statistics.median(e / s for e, s in zip(ours, theirs)), 2),
        "extract_median_s": round(statistics.median(ours), 4),
        "spacy_median_s": round(statistics.median(theirs), 4),
        "extract_chars_per_s": round(chars / statistics.median(ours)),
        "spacy_chars_per_s": round(chars / statistics.median(theirs)),
        "spacy_version": spacy.__version__,
    }


def cold_start(runs: int = 5) -> dict:
    """Median of ``runs`` fresh processes (one run is at the mercy of the machine's moment)."""
    colds = [fresh(COLD.format(path=str(NOTICES[0]))) for _ in range(runs)]
    seconds = sorted(c["cold_s"] for c in colds)
    return {"cold_start_s": round(statistics.median(seconds), 2),
            "cold_start_range_s": [round(seconds[0], 2), round(seconds[-1], 2)],
            "cold_rss_mb": round(max(c["rss_mb"] for c in colds)),
            "imported_at_extract": sorted({m for c in colds for m in c["imported"]})}


def main() -> None:
    quick = "--quick" in sys.argv
    import rectify_nlp
    texts = [p.read_text(encoding="utf-8") for p in NOTICES]
    if "--ratio" in sys.argv:
        for t in texts:
            rectify_nlp.extract(t)
        ratio = spacy_ratio(rectify_nlp, texts)
        print(json.dumps({"spacy_ratio": ratio, **cold_start()}, indent=1))
        return
    for t in texts:
        rectify_nlp.extract(t)  # warm: model loaded, caches filled
    chars = sum(len(t) for t in texts)
    # the best of five rounds, as timeit does: the machine's noise only ever slows a round
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for t in texts:
            rectify_nlp.extract(t)
        best = min(best, time.perf_counter() - t0)
    results = {"warm_chars_per_s": round(chars / best), "corpus_chars": chars}
    results["pathological"] = pathological(rectify_nlp, texts[0])
    if "--pathological" in sys.argv:
        print(json.dumps(results, indent=1))
        return
    results["spacy_ratio"] = spacy_ratio(rectify_nlp, texts)
    results.update(cold_start())
    sizes = [1_000_000, 2_500_000, 5_000_000] + ([] if quick else [10_000_000])
    scale = []
    for size in sizes:
        r = fresh(SCALE.format(paths=[str(p) for p in NOTICES], size=size))
        rate = r["chars"] / r["s"]
        scale.append({"mb": size / 1e6, "seconds": round(r["s"], 2), "chars_per_s": round(rate),
                      "one_notice_chars_per_s": round(r["one_notice_rate"]),
                      "rate_vs_one_notice": round(rate / r["one_notice_rate"], 2),
                      "peak_rss_mb": round(r["rss_mb"])})
    results["scaling"] = scale
    if not quick:
        results["training"] = [fresh(TRAIN.format(n=n)) for n in (10, 20, 40, 77)]
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
