"""Run the benchmark of issue 6 on generated corpora and write a markdown table and JSON.

One run, the same texts for every figure: for each size it generates the corpus, times the
tokenizer floor (spaCy's blank English tokenizer and sentencizer, one core) on it, times the
full `paperkg build` in a fresh process (wall time and peak RSS), then times every saved SPARQL
query over the built store and `paperkg neighbours` from a fresh process. Timings are reported,
never asserted; ratios are against the floor measured in the same run.

    python -m benchmarks.run --sizes 2000,10000 [--jobs 2]
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import click

from benchmarks.generate import load_donors, write_corpus

__all__ = ["BuildFailed", "ChildRun", "run_child", "machine", "floor", "build", "query_latencies", "time_command", "neighbours_wall", "render_markdown", "percentile"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "daily-papers"
DEFAULT_OUT = Path(__file__).resolve().parent / "out"

PARAM_PICKERS = {
    "entity": """SELECT ?label (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?p pkg:proposes|pkg:evaluatesOn|pkg:uses ?e . ?e rdfs:label ?label }
        GROUP BY ?e ?label ORDER BY DESC(?n) ?label LIMIT 1""",
    "benchmark": """SELECT ?label (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?p pkg:evaluatesOn ?e . ?e a pkg:Benchmark ; rdfs:label ?label }
        GROUP BY ?e ?label ORDER BY DESC(?n) ?label LIMIT 1""",
    "organization": """SELECT ?label (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?m pkg:developedBy ?o . ?o rdfs:label ?label }
        GROUP BY ?o ?label ORDER BY DESC(?n) ?label LIMIT 1""",
    "topic": """SELECT ?label (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?p pkg:proposes|pkg:evaluatesOn|pkg:uses ?e . ?e a pkg:Task ; rdfs:label ?label }
        GROUP BY ?e ?label ORDER BY DESC(?n) ?label LIMIT 1""",
}
"""Parameter name -> the query that picks its value from the built graph: the most-used one."""

FALLBACK_PARAMS = {"topic": "language model"}
"""Values used when the graph has nothing to pick from (no Task entities, say)."""

COUNTS = {
    "papers": "SELECT (COUNT(?p) AS ?n) WHERE { ?p a pkg:Paper }",
    "entities": """SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c .
        VALUES ?c { pkg:Method pkg:Model pkg:Benchmark pkg:Dataset pkg:Organization pkg:Hardware pkg:Metric pkg:Task } }""",
}


# --- measuring ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChildRun:
    """A finished child process: wall seconds, peak RSS of its largest process, exit code, output.

    `cpu_seconds` is the CPU time the child (and the children it waited for) used; `other_cpu_cores`
    is how many cores everything else on the machine kept busy meanwhile, on average (0 when the
    machine was quiet; a noisy neighbour shows here).
    """

    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0
    other_cpu_cores: float = 0.0


def _busy_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (0 where /proc/stat is missing)."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class BuildFailed(click.ClickException):
    """A `paperkg build` that exited non-zero; `last_line` is the error it ended with."""

    def __init__(self, argv: list[str], child: ChildRun):
        lines = [line for line in child.stderr.strip().splitlines() if line.strip()]
        self.last_line = lines[-1].strip() if lines else f"exit code {child.returncode}"
        super().__init__(f"build failed ({child.returncode}): {' '.join(argv)}\n{child.stderr[-2000:]}")


def run_child(argv: list[str], *, cwd: Path | None = None) -> ChildRun:
    """Run a command to the end; its own rusage (os.wait4) gives the peak RSS of this child alone."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        busy, started = _busy_seconds(), time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=cwd, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds, busy = time.perf_counter() - started, _busy_seconds() - busy
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return ChildRun(seconds, usage.ru_maxrss / 1024, proc.returncode, out.read(), err.read(), cpu, max(0.0, busy - cpu) / seconds)


def paperkg_command() -> list[str]:
    """The installed `paperkg` command beside this Python, else `python -m cli`."""
    found = shutil.which("paperkg", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    return [found] if found else [sys.executable, "-m", "cli"]


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile.

    >>> percentile([5, 1, 4, 2, 3], 0.5), percentile([5, 1, 4, 2, 3], 0.95)
    (3, 5)
    """
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def machine() -> dict:
    """nproc, RAM, CPU model, Python and library versions, the date and the commit measured."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")), cpu)
    ram_gb = None
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kb = next(int(line.split()[1]) for line in meminfo.read_text().splitlines() if line.startswith("MemTotal:"))
        ram_gb = round(total_kb / 1024**2, 1)
    import pyoxigraph
    import rdflib
    import spacy

    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "ram_gb": ram_gb,
        "cpu": cpu,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "rdflib": rdflib.__version__,
        "pyoxigraph": pyoxigraph.__version__,
        "loadavg_1m_at_start": round(os.getloadavg()[0], 2),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "dirty": bool(_git("status", "--porcelain", "--", "graph", "cli.py", "ontology")),
    }


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def corpus_texts(path: Path) -> list[str]:
    """Each paper's text exactly as the build's pipeline sees it (title, blank line, abstract)."""
    from graph.readers import READERS

    texts = []
    for item in READERS[path.suffix.lower()](path.read_text(encoding="utf-8"), str(path)):
        if not isinstance(item, Exception):
            texts.append(f"{item.title}\n\n{item.abstract}")
    return texts


def floor(texts: list[str], *, batch_size: int = 128) -> dict:
    """The least a spaCy pipeline can do: spacy.blank("en") + sentencizer over the texts, one core."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    started, cpu = time.perf_counter(), time.process_time()
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=batch_size))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "papers_per_s": len(texts) / seconds, "sentences": sentences}


def build(corpus: Path, out: Path, *, jobs: int = 1, html: bool = True) -> dict:
    """`paperkg build` of the corpus in a fresh process: wall time, papers/s and peak RSS."""
    shutil.rmtree(out, ignore_errors=True)
    argv = [*paperkg_command(), "build", str(corpus), "--out", str(out), "--jobs", str(jobs)] + ([] if html else ["--no-html"])
    child = run_child(argv)
    if child.returncode != 0:
        raise BuildFailed(argv, child)
    return {"seconds": child.seconds, "peak_rss_mb": round(child.peak_rss_mb, 1), "cpu_seconds": round(child.cpu_seconds, 2),
            "other_cpu_cores": round(child.other_cpu_cores, 2), "jobs": jobs, "html": html, "summary": child.stdout.strip()}


def output_sizes(out: Path) -> dict:
    """What a build left on disk: MB per top-level file or folder, and the number of HTML pages."""
    sizes = {}
    for path in sorted(out.iterdir()):
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        sizes[path.name] = round(sum(p.stat().st_size for p in files) / 1024**2, 2)
    return {"mb": sizes, "html_pages": sum(1 for _ in out.rglob("*.html"))}


def _scalar(store, query: str) -> str | None:
    from graph.query import run_query

    _, rows = run_query(store, query)
    return rows[0][0] if rows and rows[0] else None


def graph_counts(store) -> dict:
    counts = {name: int(_scalar(store, query) or 0) for name, query in COUNTS.items()}
    counts["triples"] = len(store)
    return counts


def pick_params(store) -> dict[str, str]:
    """A sensible value for every saved query's parameter: the graph's most-used entity of that kind."""
    from graph.query import saved_queries

    wanted = sorted({p for q in saved_queries().values() for p in q.params} | {"entity"})
    picked = {}
    for name in wanted:
        value = _scalar(store, PARAM_PICKERS[name]) if name in PARAM_PICKERS else None
        picked[name] = value or FALLBACK_PARAMS.get(name) or picked.get("entity") or "GPT-4"
    return picked


def query_latencies(store, params: dict[str, str], *, repeats: int, budget_s: float) -> dict:
    """Every saved query: first run, then p50/p95 of up to `repeats` runs (at least 3, within budget)."""
    from graph.query import run_query, saved_queries

    results = {}
    for name, saved in saved_queries().items():
        given = {p: params[p] for p in saved.params}
        bindings = saved.bindings(given)
        started = time.perf_counter()
        _, rows = run_query(store, saved.text, bindings=bindings)
        first = time.perf_counter() - started
        times, spent = [], 0.0
        while len(times) < repeats and (len(times) < 3 or spent < budget_s):
            started = time.perf_counter()
            run_query(store, saved.text, bindings=bindings)
            times.append(time.perf_counter() - started)
            spent += times[-1]
        results[name] = {
            "params": given,
            "rows": len(rows),
            "first_ms": round(first * 1000, 2),
            "p50_ms": round(percentile(times, 0.5) * 1000, 2),
            "p95_ms": round(percentile(times, 0.95) * 1000, 2),
            "runs": len(times),
        }
    return results


def time_command(args: list[str], runs: int, *, ok: tuple[int, ...] = (0,)) -> dict:
    """Wall seconds of `paperkg ARGS` from fresh processes: median, min, max; and the first run's output size."""
    times, output = [], ""
    for _ in range(runs):
        child = run_child([*paperkg_command(), *args])
        if child.returncode not in ok:
            raise click.ClickException(f"paperkg {' '.join(args)} failed ({child.returncode}): {child.stderr[-2000:]}")
        times.append(child.seconds)
        output = output or child.stdout + child.stderr
    return {"args": args, "median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3),
            "max_s": round(max(times), 3), "runs": runs, "output_lines": output.count("\n")}


def neighbours_wall(graph_dir: Path, name: str, *, runs: int) -> dict:
    """Wall time of `paperkg neighbours NAME --graph DIR` from a fresh process: median of `runs`."""
    return {"name": name, **time_command(["neighbours", name, "--graph", str(graph_dir)], runs)}


def startup_wall(*, runs: int) -> float:
    """Median wall time of `paperkg --version`: what any fresh CLI process costs before its work."""
    return time_command(["--version"], runs)["median_s"]


# --- one size, the whole run --------------------------------------------------------------------


def measure_size(size: int, work: Path, donors, *, seed: int, suffix: str, jobs: int | None, html: bool,
                 repeats: int, budget_s: float, neighbour_runs: int, log) -> dict:
    corpus = work / f"corpus-{size}{suffix}"
    started = time.perf_counter()
    write_corpus(corpus, size, seed=seed, donors=donors)
    generated_s = time.perf_counter() - started
    texts = corpus_texts(corpus)
    words = sum(len(t.split("\n\n", 1)[-1].split()) for t in texts) / max(1, len(texts))
    log(f"[{size}] generated in {generated_s:.1f} s ({words:.0f} words per abstract); floor ...")
    floor_result = floor(texts)
    del texts
    log(f"[{size}] floor {floor_result['papers_per_s']:.0f} papers/s; build ...")
    out = work / f"build-{size}"
    built = build(corpus, out, html=html)
    built["papers_per_s"] = size / built["seconds"]
    built["ms_per_paper"] = 1000 * built["seconds"] / size
    built["outputs"] = output_sizes(out)
    log(f"[{size}] build {built['papers_per_s']:.1f} papers/s, peak RSS {built['peak_rss_mb']:.0f} MB; queries ...")
    result = {
        "size": size,
        "corpus": {"file": corpus.name, "bytes": corpus.stat().st_size, "words_per_abstract": round(words, 1), "generate_s": round(generated_s, 2)},
        "floor": {k: round(v, 3) if isinstance(v, float) else v for k, v in floor_result.items()},
        "build": {k: round(v, 3) if isinstance(v, float) else v for k, v in built.items()},
        "ratio_build_to_floor": round(built["seconds"] / floor_result["seconds"], 2),
        "ratio_build_to_floor_cpu": round(built["cpu_seconds"] / floor_result["cpu_seconds"], 2),
    }
    if jobs and jobs > 1:
        try:
            parallel = build(corpus, work / f"build-{size}-jobs{jobs}", html=html, jobs=jobs)
        except BuildFailed as err:
            result["build_jobs"] = {"jobs": jobs, "error": err.last_line}
            log(f"[{size}] --jobs {jobs} failed: {err.last_line}")
        else:
            parallel["papers_per_s"] = round(size / parallel["seconds"], 3)
            parallel["speedup"] = round(built["seconds"] / parallel["seconds"], 2)
            parallel["ratio_to_floor"] = round(parallel["seconds"] / floor_result["seconds"], 2)
            result["build_jobs"] = parallel
            log(f"[{size}] --jobs {jobs}: {parallel['papers_per_s']:.1f} papers/s (x{parallel['speedup']})")
        shutil.rmtree(work / f"build-{size}-jobs{jobs}", ignore_errors=True)
    from graph.query import open_store

    started = time.perf_counter()
    store = open_store(out)
    result["store_open_s"] = round(time.perf_counter() - started, 3)
    result["graph"] = graph_counts(store)
    params = pick_params(store)
    result["params"] = params
    result["queries"] = query_latencies(store, params, repeats=repeats, budget_s=budget_s)
    del store
    log(f"[{size}] neighbours {params['entity']!r} ...")
    result["neighbours"] = neighbours_wall(out, params["entity"], runs=neighbour_runs)
    return result


def run(sizes: list[int], *, seed: int, suffix: str, jobs: int | None, html: bool, repeats: int, budget_s: float,
        neighbour_runs: int, work: Path, log, sources: tuple[Path, ...] = ()) -> dict:
    """Measure every size, smallest first, and the example graph; the whole report as a dict."""
    donors = load_donors(sources or None)
    report = {
        "machine": machine(),
        "settings": {"sizes": sizes, "seed": seed, "format": suffix, "jobs": jobs, "html": html, "query_repeats": repeats,
                     "query_budget_s": budget_s, "neighbour_runs": neighbour_runs,
                     "donors": {"papers": donors.papers, "fingerprint": donors.fingerprint, "sources": list(donors.sources)}},
        "cli_startup_s": startup_wall(runs=neighbour_runs),
        "sizes": [],
    }
    for size in sorted(sizes):
        report["sizes"].append(measure_size(size, work, donors, seed=seed, suffix=suffix, jobs=jobs, html=html,
                                            repeats=repeats, budget_s=budget_s, neighbour_runs=neighbour_runs, log=log))
        shutil.rmtree(work / f"build-{size}", ignore_errors=True)
    smallest = report["sizes"][0]["build"]["ms_per_paper"]
    for row in report["sizes"]:
        row["ms_per_paper_vs_smallest"] = round(row["build"]["ms_per_paper"] / smallest, 2)
    example = work / "build-example"
    built = build(EXAMPLES, example, html=False)
    from graph.query import open_store

    name = pick_params(open_store(example))["entity"]
    report["example_graph"] = {"build_s": round(built["seconds"], 3), "neighbours": neighbours_wall(example, name, runs=neighbour_runs)}
    return report


# --- the report ---------------------------------------------------------------------------------


def render_markdown(report: dict) -> str:
    """The report as markdown tables: build against floor, SPARQL latency, neighbours."""
    m = report["machine"]
    lines = [
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB RAM; Python {m['python']}, spaCy {m['spacy']}, "
        f"rdflib {m['rdflib']}, pyoxigraph {m['pyoxigraph']}; commit {m['commit'] or '?'}{' (modified)' if m['dirty'] else ''}; {m['date']}; "
        "CPU used by other processes during the builds (cores, average): "
        + ", ".join(f"{row['build']['other_cpu_cores']:.2f}" for row in report["sizes"]),
        f"Corpus: generated, seed {report['settings']['seed']}, {report['settings']['format']}, "
        f"from {report['settings']['donors']['papers']} donor abstracts; build {'with' if report['settings']['html'] else 'without'} HTML.",
        "",
        "| papers | words/abstract | build s | build papers/s | floor papers/s | build/floor time | build/floor CPU | peak RSS MB | ms/paper | ms/paper vs smallest | entities | triples |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report["sizes"]:
        b, f, g = row["build"], row["floor"], row["graph"]
        lines.append(
            f"| {row['size']:,} | {row['corpus']['words_per_abstract']:.0f} | {b['seconds']:.1f} | {b['papers_per_s']:.1f} | "
            f"{f['papers_per_s']:.0f} | {row['ratio_build_to_floor']:.1f} | {row['ratio_build_to_floor_cpu']:.1f} | {b['peak_rss_mb']:.0f} | {b['ms_per_paper']:.1f} | "
            f"{row['ms_per_paper_vs_smallest']:.2f} | {g['entities']:,} | {g['triples']:,} |"
        )
    lines += ["", "On disk after the build, MB (and HTML pages):", ""]
    for row in report["sizes"]:
        outputs = row["build"]["outputs"]
        listed = ", ".join(f"{name} {mb:,.1f}" for name, mb in sorted(outputs["mb"].items(), key=lambda kv: -kv[1]) if mb >= 0.05)
        lines.append(f"- {row['size']:,} papers: {listed}; {outputs['html_pages']:,} HTML pages")
    parallel = [row for row in report["sizes"] if "build_jobs" in row]
    if parallel:
        lines += ["", "| papers | jobs | build s | papers/s | speedup vs 1 job | build/floor time | peak RSS MB (largest process) |",
                  "|---:|---:|---:|---:|---:|---:|---:|"]
        for row in parallel:
            p = row["build_jobs"]
            if "error" in p:
                lines.append(f"| {row['size']:,} | {p['jobs']} | failed: {p['error']} | | | | |")
                continue
            lines.append(f"| {row['size']:,} | {p['jobs']} | {p['seconds']:.1f} | {p['papers_per_s']:.1f} | {p['speedup']:.2f} | {p['ratio_to_floor']:.1f} | {p['peak_rss_mb']:.0f} |")
    sizes = report["sizes"]
    names = list(sizes[0]["queries"])
    lines += ["", "SPARQL over the built store, in-process, ms p50 / p95 (first run):", "",
              "| query | " + " | ".join(f"{row['size']:,} papers" for row in sizes) + " |",
              "|---|" + "---:|" * len(sizes)]
    for name in names:
        cells = [f"{row['queries'][name]['p50_ms']:.1f} / {row['queries'][name]['p95_ms']:.1f} ({row['queries'][name]['first_ms']:.0f})" for row in sizes]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("| (opening the store) | " + " | ".join(f"{row['store_open_s'] * 1000:.0f}" for row in sizes) + " |")
    params = "; ".join(f"{row['size']:,}: " + ", ".join(f"{k}={v!r}" for k, v in row["params"].items()) for row in sizes)
    lines += ["", f"Parameters (the most-used of each kind): {params}", "",
              "`paperkg neighbours NAME` from a fresh process, wall seconds (median of "
              f"{report['settings']['neighbour_runs']}; `paperkg --version` alone: {report['cli_startup_s']:.2f} s):", "",
              "| graph | NAME | median s | min s | max s |", "|---|---|---:|---:|---:|"]
    ex = report["example_graph"]["neighbours"]
    lines.append(f"| example corpus | {ex['name']} | {ex['median_s']:.2f} | {ex['min_s']:.2f} | {ex['max_s']:.2f} |")
    for row in sizes:
        n = row["neighbours"]
        lines.append(f"| {row['size']:,} papers | {n['name']} | {n['median_s']:.2f} | {n['min_s']:.2f} | {n['max_s']:.2f} |")
    return "\n".join(lines) + "\n"


def _sizes(ctx, param, value: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in value.split(",") if part.strip()]
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not a comma-separated list of numbers", ctx=ctx, param=param) from err
    if not sizes or min(sizes) < 1:
        raise click.BadParameter("give at least one size, each 1 or more", ctx=ctx, param=param)
    return sorted(set(sizes))


@click.command()
@click.option("--sizes", default="2000,10000", show_default=True, callback=_sizes, help="Corpus sizes, comma-separated.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--format", "suffix", type=click.Choice([".jsonl", ".txt"]), default=".jsonl", show_default=True, help="Input format of the generated corpus.")
@click.option("--jobs", type=click.IntRange(2, 64), default=None, help="Also build every size with --jobs N and compare.")
@click.option("--no-html", is_flag=True, help="Build without the HTML views.")
@click.option("--repeats", type=click.IntRange(3), default=20, show_default=True, help="Runs per saved query at most.")
@click.option("--query-budget", type=click.FloatRange(0), default=20.0, show_default=True, help="Seconds per query after which repeats stop (3 runs at least).")
@click.option("--neighbour-runs", type=click.IntRange(1), default=5, show_default=True, help="Fresh `paperkg neighbours` processes per graph.")
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True, help="Where the table and JSON go.")
@click.option("--source", "sources", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Donor abstracts for the generator (default: the example corpus and ../shared/corpus/arxiv-daily).")
@click.option("--work-dir", type=click.Path(file_okay=False, path_type=Path), default=None, help="Where corpora and builds go (default: a temporary folder, removed after).")
def main(sizes, seed, suffix, jobs, no_html, repeats, query_budget, neighbour_runs, out_dir, sources, work_dir):
    """Benchmark paperkg's build, queries and lookups against the tokenizer floor, on generated corpora."""
    def log(message):
        click.echo(message, err=True)

    work = work_dir or Path(tempfile.mkdtemp(prefix="paperkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        report = run(sizes, seed=seed, suffix=suffix, jobs=jobs, html=not no_html, repeats=repeats, budget_s=query_budget,
                     neighbour_runs=neighbour_runs, work=work, log=log, sources=sources)
    finally:
        if work_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    table = render_markdown(report)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for name in (f"results-{stamp}", "latest"):
        (out_dir / f"{name}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        (out_dir / f"{name}.md").write_text(table, encoding="utf-8")
    click.echo(table)
    log(f"Wrote {out_dir / f'results-{stamp}.md'} and .json")


if __name__ == "__main__":
    main()
