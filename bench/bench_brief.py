"""Brief speed: the one-shot command against sumy's LexRank as whole processes, warm in-process
briefs, peak memory, and each step's share of the time. Prints numbers; never passes or fails.

    .venv/bin/python bench/bench_brief.py [--runs 5]
    .venv/bin/python bench/bench_brief.py --against OLD/src [--pairs 5] [--runs 7]

``--against``: the warm 10-article brief of this checkout and of another one's ``src`` (``git
archive <rev> src | tar -x -C OLD``), in alternating processes: an older commit's speed on the
same raw articles.

Whole processes run alternately (storyweave, LexRank, storyweave, ...) after one untimed run
of each (bytecode written, files in the page cache), so both see the same machine load; each
gets its wall time, its CPU time (user + system, with its child processes) and its peak RSS
(the sum of its processes' peaks). LexRank's process (``lexrank_process.py``) reads the same
files and splits them with a regular expression (sumy's own tokenizer needs NLTK data
downloads). On a shared machine
wall times vary with the load: read the ratio of the same run and the CPU times beside it.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from lexrank_process import SUMMARY_SENTENCES, RegexTokenizer, lexrank  # bench/, beside this file

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
EXAMPLE = SHARED / "examples" / "blinken-beijing"
MULTINEWS = SHARED / "data" / "multinews-validation.jsonl"


# ---- the peer ------------------------------------------------------------------------------

class _Tok(RegexTokenizer):
    """In-process LexRank's tokenizer: our own sentence splitter, as the brief splits."""

    def to_sentences(self, paragraph: str):
        from storyweave.nlp.sentences import split_text

        return split_text(paragraph)


def lexrank_seconds(texts: list[str]) -> float:
    t0 = time.perf_counter()
    lexrank("\n\n".join(texts), SUMMARY_SENTENCES, _Tok())
    return time.perf_counter() - t0


# ---- whole processes -----------------------------------------------------------------------

def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            pass
    return out


def _peak_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_process(cmd: list[str], env: dict) -> dict:
    """Wall and CPU seconds, peak RSS (MB, summed over the process and its children) and stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    peaks: dict[int, int] = {}
    chunks: list[str] = []
    import threading

    reader = threading.Thread(target=lambda: chunks.append(proc.stdout.read()))
    reader.start()
    while proc.poll() is None:  # sample each process's own peak (VmHWM) while it lives
        for pid in _tree(proc.pid):
            peaks[pid] = max(peaks.get(pid, 0), _peak_kb(pid))
        time.sleep(0.01)
    reader.join()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed with status {proc.returncode}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    peak = sum(peaks.values()) / 1024 or after.ru_maxrss / 1024  # /proc missing: the largest process
    return {"wall": wall, "cpu": cpu, "peak": peak, "stdout": "".join(chunks)}


def cold(runs: int) -> None:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install has its bytecode
    ours = [str(REPO / ".venv" / "bin" / "storyweave"), "brief", str(EXAMPLE), "--format", "json"]
    peer = [sys.executable, str(Path(__file__).with_name("lexrank_process.py")), str(EXAMPLE)]
    run_process(ours, env), run_process(peer, env)  # untimed: bytecode, page cache
    sw, lr = [], []
    for _ in range(runs):
        sw.append(run_process(ours, env))
        lr.append(run_process(peer, env))

    def med(rs, k):
        return statistics.median(r[k] for r in rs)

    print(f"example brief ({len(list(EXAMPLE.iterdir()))} articles), whole process, {runs} alternating runs (medians):")
    print(f"  storyweave brief   wall {med(sw, 'wall'):.2f} s (min {min(r['wall'] for r in sw):.2f})   "
          f"CPU {med(sw, 'cpu'):.2f} s   peak RSS {med(sw, 'peak'):.0f} MB")
    print(f"  sumy LexRank       wall {med(lr, 'wall'):.2f} s (min {min(r['wall'] for r in lr):.2f})   "
          f"CPU {med(lr, 'cpu'):.2f} s   peak RSS {med(lr, 'peak'):.0f} MB")
    pairs = [a["wall"] / b["wall"] for a, b in zip(sw, lr)]
    print(f"  storyweave / LexRank: wall {med(sw, 'wall') / med(lr, 'wall'):.2f}x (per pair: "
          f"{', '.join(f'{p:.2f}' for p in pairs)}), CPU {med(sw, 'cpu') / med(lr, 'cpu'):.2f}x")
    # where the time goes: the same command with its stages timed from inside (separate runs)
    staged = [run_process([sys.executable, "-c", _STAGED, *ours[1:]], env) for _ in range(runs)]
    parts = [json.loads(r["stdout"]) for r in staged]
    for p, r in zip(parts, staged):
        p["interpreter start-up, helper start, exit"] = r["wall"] - sum(p.values())
    shares = {k: statistics.median(p.get(k, 0.0) for p in parts) for k in parts[0]}
    total = statistics.median(r["wall"] for r in staged)
    print(f"  where the time goes (median of {runs} staged runs, {total:.2f} s; 'annotate' includes waiting "
          "for the NER helper's model load): " + _shares(shares, total, "rest (medians of parts)"))


# The brief command with its stages timed from inside: imports, reading, each pipeline step
# (the brief's own timings), the pipeline's imports and set-up, output; the rest is the
# interpreter's start and exit.
_STAGED = r"""
import contextlib, io, json, sys, time
t0 = time.perf_counter()
from storyweave.cli import main
import storyweave.cli.brief as cli
spent = {"CLI imports": time.perf_counter() - t0}
def timed(name, f):
    def g(*a, **k):
        t = time.perf_counter()
        try:
            return f(*a, **k)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
    return g
cli._read = timed("reading (files, cleaning, language model)", cli._read)
cli._brief_one = timed("brief", cli._brief_one)
cli._emit = timed("output", cli._emit)
out = io.StringIO()
with contextlib.redirect_stdout(out):
    main(sys.argv[1:])
steps = json.loads(out.getvalue())["meta"]["timings"]
spent["pipeline imports and set-up (embedder)"] = spent.pop("brief") - sum(steps.values())
spent.update(steps)
print(json.dumps(spent))
"""


def _shares(steps: dict[str, float], total: float, rest: str) -> str:
    parts = {k: v for k, v in steps.items() if v / total >= 0.005}
    parts[rest] = max(0.0, total - sum(steps.values()))
    return ", ".join(f"{k} {v / total:.0%} ({v:.3f} s)" for k, v in sorted(parts.items(), key=lambda kv: -kv[1]))


# ---- warm, in-process ------------------------------------------------------------------------

def ten_article_story() -> list:
    """The Multi-News cluster with the most documents (up to 10), as raw articles."""
    from storyweave.model import Article

    best = None
    with MULTINEWS.open() as fh:
        for line in fh:
            rec = json.loads(line)
            docs = [d for d in rec["documents"] if len(d.split()) > 80][:10]
            if best is None or len(docs) > len(best[1]):
                best = (rec["id"], docs)
            if len(best[1]) >= 10:
                break
    cid, docs = best
    return [Article(id=f"{cid}-{i}", text=d) for i, d in enumerate(docs)]


def timed_briefs(pipe, articles: list, runs: int) -> tuple[list[float], list[float], object]:
    """Brief fresh copies of the articles ``runs`` times (after one warm-up): wall and CPU
    seconds (the NER helper's included), the last brief."""
    import copy

    try:
        from storyweave.nlp.dates.mentions import clear_cache
    except ImportError:  # an older checkout (--against) remembers no dates
        def clear_cache() -> None:
            pass

    pipe.brief(copy.deepcopy(articles))
    walls, cpus, brief = [], [], None
    for _ in range(runs):
        a = copy.deepcopy(articles)
        clear_cache()  # the dates of these sentences are remembered: time a first brief of them
        t0, c0 = time.perf_counter(), _cpu_with_helpers()
        brief = pipe.brief(a)
        walls.append(time.perf_counter() - t0)
        cpus.append(_cpu_with_helpers() - c0)
    return walls, cpus, brief


def _cpu_with_helpers() -> float:
    """CPU seconds of this process and its live child processes (a warm pipeline's NER helper)."""
    total = time.process_time()
    tick = os.sysconf("SC_CLK_TCK")
    for pid in _tree(os.getpid())[1:]:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total


def warm(runs: int) -> None:
    from storyweave import Config, Pipeline, read_articles

    pipe = Pipeline(Config()).warm_up()
    arts, _ = read_articles([EXAMPLE])
    w, c, b = timed_briefs(pipe, arts, runs)
    lr = statistics.median(lexrank_seconds([" ".join(x.body) for x in b.articles]) for _ in range(runs))
    print(f"example brief, warm in-process: median {statistics.median(w) * 1000:.0f} ms (CPU {statistics.median(c) * 1000:.0f} ms); "
          f"LexRank alone on the same cleaned text {lr * 1000:.0f} ms")

    story = ten_article_story()
    w10, c10, b10 = timed_briefs(pipe, story, runs)
    lr10 = statistics.median(lexrank_seconds([" ".join(x.body) for x in b10.articles]) for _ in range(runs))
    print(f"10-article story ({len(b10.sentences)} sentences), warm in-process with NER: median "
          f"{statistics.median(w10) * 1000:.0f} ms (min {min(w10) * 1000:.0f}; CPU {statistics.median(c10) * 1000:.0f} ms); "
          f"LexRank {lr10 * 1000:.0f} ms")
    steps = b10.meta["timings"]
    print("  share of the time: " + _shares(steps, sum(steps.values()), "other"))

    fast = Pipeline(Config().with_overrides({"brief": {"ner": False}}), pipe.models)
    wf, cf, _ = timed_briefs(fast, story, runs)
    print(f"10-article story without spaCy NER (brief.ner = false): median {statistics.median(wf) * 1000:.0f} ms "
          f"(CPU {statistics.median(cf) * 1000:.0f} ms)")
    print(f"in-process peak RSS (models loaded, all of the above): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def ten_only(runs: int) -> None:
    """One line of JSON: the warm 10-article brief of whichever ``storyweave`` is importable."""
    from storyweave import Config, Pipeline

    story = ten_article_story()
    w, c, b = timed_briefs(Pipeline(Config()).warm_up(), story, runs)
    print(json.dumps({"median_ms": round(statistics.median(w) * 1000), "cpu_ms": round(statistics.median(c) * 1000),
                      "sentences": len(b.sentences)}))


def compare(other_src: str, pairs: int, runs: int) -> None:
    """The warm 10-article brief of this checkout against another checkout's ``src`` (e.g. an
    older commit: ``git archive <rev> src | tar -x -C DIR``), in alternating processes."""
    mine = str(REPO / "src")
    got: dict[str, list[dict]] = {mine: [], other_src: []}
    for _ in range(pairs):
        for src in (other_src, mine):
            env = {**os.environ, "PYTHONPATH": src, "OPENBLAS_NUM_THREADS": "1"}
            out = subprocess.run([sys.executable, __file__, "--ten-only", "--runs", str(runs)], env=env,
                                 capture_output=True, text=True, check=True).stdout
            got[src].append(json.loads(out.strip().splitlines()[-1]))
    med = {k: (statistics.median(r["median_ms"] for r in v), statistics.median(r["cpu_ms"] for r in v),
               v[0]["sentences"]) for k, v in got.items()}
    for name, src in (("other", other_src), ("this", mine)):
        print(f"{name:5} {src}: per pair {[r['median_ms'] for r in got[src]]} ms; median {med[src][0]:.0f} ms, "
              f"CPU {med[src][1]:.0f} ms, {med[src][2]} sentences")
    print(f"this / other: {med[mine][0] / med[other_src][0]:.2f}x wall, {med[mine][1] / med[other_src][1]:.2f}x CPU; "
          f"per sentence {med[mine][0] / med[mine][2] / (med[other_src][0] / med[other_src][2]):.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--against", metavar="SRC", help="time the warm 10-article brief against another checkout's src")
    ap.add_argument("--pairs", type=int, default=5, help="with --against: alternating pairs of processes")
    ap.add_argument("--ten-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.ten_only:
        return ten_only(args.runs)
    if args.against:
        return compare(args.against, args.pairs, args.runs)
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}, load average {load[0]:.1f} at the start")
    cold(args.runs)
    warm(args.runs)
    print(f"load average {os.getloadavg()[0]:.1f} at the end (above ~0.5, other jobs shared the cores)")


if __name__ == "__main__":
    main()
