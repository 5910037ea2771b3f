"""Nothing lost or half-written: a build killed at any point leaves the previous outputs whole and usable.

Two kinds of test. The outputs' commit is killed at every one of its file system steps, in a
child process that SIGKILLs itself at step k, and what is left must be the old outputs or the
new ones, never a mix. And a real `paperkg build` of a generated corpus (PAPERKG_CRASH_PAPERS
abstracts, 1,000 by default; 3,000 in the issue's run) is started over a good build and
killed with SIGKILL or SIGINT at several moments: while reading, while extracting, as its first
output appears, while the store loads, while the HTML is written. The old Turtle, graph, store
and HTML must be byte for byte what they were, still parse (rdflib, pyoxigraph), still answer
`paperkg sparql` and `paperkg neighbours`, and the next build must succeed and leave no
staging folder or temporary file behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from cli import main
from graph.errors import OutputError
from graph.lookup import load_index
from graph.outputs import STAGING_DIR, recover, replace_outputs, write_atomic
from graph.readers import read_sources

ROOT = Path(__file__).resolve().parent.parent
PAPERS = int(os.environ.get("PAPERKG_CRASH_PAPERS", "1000"))
COUNT_PAPERS = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a pkg:Paper }"
NOT_OUTPUTS = (".cache",)
"""Folders of the output folder that are not outputs: the mention cache may change under a killed build."""


# The commit of a set of outputs, killed at every step.

CHILD = r"""
import os, signal, sys
from pathlib import Path
import pyoxigraph as ox
from graph.outputs import replace_outputs, write_atomic

out, kill_at, version = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
steps = 0

def counted(real):
    def step(*args, **kwargs):
        global steps
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return step

for name in ("replace", "rename", "unlink", "rmdir", "mkdir", "fsync"):
    setattr(os, name, counted(getattr(os, name)))

with replace_outputs(out) as stage:
    write_atomic(stage / "graph.json", '{"version": "%s"}' % version)
    write_atomic(stage / "graph.ttl", '<https://x.org/graph> <https://x.org/version> "%s" .\n' % version)
    store = ox.Store(str(stage / "store"))
    store.bulk_load(path=str(stage / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store
    for page in (["a", "b"] if version == "old" else ["b", "c", "d"]):
        write_atomic(stage / "views" / f"{page}.html", f"<p>{page} {version}</p>")
    write_atomic(stage / "assets" / "site.js", f"// {version}")
print("STEPS", steps)
"""


def run_child(out: Path, kill_at: int, version: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, str(out), str(kill_at), version], cwd=ROOT, capture_output=True, text=True, timeout=60)


def outputs_version(out: Path) -> str:
    """Which build's outputs `out` holds, "old" or "new"; fails on anything else: a mix, a half-written file, a stray file."""
    recover(out)
    version = json.loads((out / "graph.json").read_text("utf-8"))["version"]
    assert f'"{version}"' in (out / "graph.ttl").read_text("utf-8")
    store = ox.Store.read_only(str(out / "store"))
    assert [str(s["v"].value) for s in store.query("SELECT ?v WHERE { ?g <https://x.org/version> ?v }")] == [version]
    del store
    pages = sorted(p.name for p in (out / "views").iterdir())
    assert pages == (["a.html", "b.html"] if version == "old" else ["b.html", "c.html", "d.html"])
    assert all(version in p.read_text("utf-8") for p in (out / "views").iterdir())
    assert (out / "assets" / "site.js").read_text("utf-8") == f"// {version}"
    assert not (out / STAGING_DIR / ".commit").exists()
    assert strays(out) == []
    return version


def strays(out: Path) -> list[str]:
    """Temporary files and half-loaded stores outside the staging folder (which the next build removes)."""
    return [
        str(p.relative_to(out)) for p in out.rglob("*")
        if STAGING_DIR not in p.parts and (p.name.endswith(".tmp") or p.name.startswith(".store-"))
    ]


def test_a_commit_killed_at_any_step_leaves_the_old_outputs_or_the_new_ones(tmp_path):
    template = tmp_path / "template"
    assert run_child(template, 0, "old").returncode == 0
    counted = tmp_path / "counted"
    shutil.copytree(template, counted)
    done = run_child(counted, 0, "new")
    steps = int(done.stdout.split("STEPS")[1])
    assert steps > 20 and outputs_version(counted) == "new"

    def kill_at(step: int) -> str:
        out = tmp_path / f"kill-{step}"
        shutil.copytree(template, out)
        child = run_child(out, step, "new")
        assert child.returncode == -signal.SIGKILL, child.stderr
        version = outputs_version(out)
        again = run_child(out, 0, "newer")  # the next build after the kill works and cleans up
        assert again.returncode == 0, again.stderr
        assert outputs_version(out) == "newer" and not (out / STAGING_DIR).exists()
        return version

    with ThreadPoolExecutor(4) as pool:
        versions = list(pool.map(kill_at, range(1, steps + 1)))
    assert versions[0] == "old" and versions[-1] == "new", versions
    first_new = versions.index("new")
    assert versions == ["old"] * first_new + ["new"] * (steps - first_new), "once new, always new"


def test_a_query_finishes_a_commit_that_was_killed_half_way(tmp_path):
    template = tmp_path / "template"
    assert run_child(template, 0, "old").returncode == 0
    shutil.copytree(template, tmp_path / "counted")
    steps = int(run_child(tmp_path / "counted", 0, "new").stdout.split("STEPS")[1])
    for step in range(steps, 0, -1):  # the last steps are the renames after the commit marker
        out = tmp_path / f"kill-{step}"
        shutil.copytree(template, out)
        run_child(out, step, "new")
        if (out / STAGING_DIR / ".commit").exists() and json.loads((out / "graph.json").read_text("utf-8"))["version"] == "old":
            break  # committed, new folders moved in, the old graph.json still there: a mix only the commit marker can mend
    assert (out / STAGING_DIR / ".commit").exists() and (out / "assets" / "site.js").read_text() == "// new"
    result = CliRunner().invoke(main, ["sparql", "SELECT ?v WHERE { ?g <https://x.org/version> ?v }", "--graph", str(out), "--format", "csv"])
    assert result.exit_code == 0 and result.output.splitlines() == ["v", "new"], result.output
    assert not (out / STAGING_DIR).exists()
    assert outputs_version(out) == "new"


def test_an_error_or_ctrl_c_while_writing_leaves_the_old_outputs_and_no_staging(tmp_path):
    with replace_outputs(tmp_path) as stage:
        write_atomic(stage / "graph.ttl", "old")
    for interruption in (RuntimeError("disk trouble"), KeyboardInterrupt()):
        with pytest.raises(type(interruption)):
            with replace_outputs(tmp_path) as stage:
                write_atomic(stage / "graph.ttl", "new")
                write_atomic(stage / "views" / "a.html", "new")
                raise interruption
        assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]
        assert (tmp_path / "graph.ttl").read_text() == "old"


def test_a_second_build_into_the_same_folder_is_refused_while_the_first_writes(tmp_path):
    with replace_outputs(tmp_path) as stage:
        write_atomic(stage / "graph.ttl", "first")
        with pytest.raises(OutputError, match="another paperkg build is writing to"):
            with replace_outputs(tmp_path):
                pass
    assert (tmp_path / "graph.ttl").read_text() == "first"


def test_a_failed_first_build_leaves_no_empty_folder(tmp_path):
    with pytest.raises(RuntimeError):
        with replace_outputs(tmp_path / "new"):
            raise RuntimeError("no papers")
    assert not (tmp_path / "new").exists()


def test_write_atomic_names_the_file_it_cannot_write(tmp_path):
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(OutputError, match=r"cannot write .*a-file/graph.ttl \(File exists\); check the folder exists"):
        write_atomic(tmp_path / "a-file" / "graph.ttl", "data")


# A real `paperkg build`, killed over a good build.

def make_corpus(path: Path, count: int) -> None:
    """`count` abstracts recombined from the example corpus: each title made unique, each abstract a paper's plus a sentence of another's."""
    papers = read_sources([ROOT / "examples" / "daily-papers"]).papers
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            paper, other = papers[i % len(papers)], papers[rng.randrange(len(papers))]
            extra = other.abstract.split(". ")[0].rstrip(".") + "."
            handle.write(json.dumps({"title": f"{paper.title} (variant {i})", "abstract": f"{paper.abstract} {extra}"}) + "\n")


def paperkg(*args: str) -> subprocess.Popen:
    """`paperkg ARGS` in a process group of its own, so that signals reach it alone."""
    return subprocess.Popen(
        [sys.executable, "-m", "cli", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def snapshot(out: Path) -> dict[str, str]:
    """Every output file under `out` and the hash of its bytes; the store's files stand for themselves."""
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.relative_to(out).parts[0] not in NOT_OUTPUTS + (STAGING_DIR,)
    }


@pytest.fixture(scope="module")
def crash_lab(tmp_path_factory, small_corpus):
    """A good build of six papers to kill builds over, a corpus of PAPERS abstracts, and a mention cache that knows them."""
    lab = tmp_path_factory.mktemp("crash")
    corpus = lab / "corpus.jsonl"
    make_corpus(corpus, PAPERS)
    old = paperkg("build", str(small_corpus), "--out", str(lab / "old"))
    assert old.wait(timeout=300) == 0, old.stderr.read()
    warm = paperkg("build", str(corpus), "--out", str(lab / "warm"))
    assert warm.wait(timeout=1200) == 0, warm.stderr.read()
    assert not (lab / "warm" / STAGING_DIR).exists()
    return lab, corpus, snapshot(lab / "old")


def file_written_since(out: Path, since: float, *folders: str) -> bool:
    """True once a file under `out` (in a folder with one of the names `folders`, if given) has been written since `since` (wall clock)."""
    for where, dirs, files in os.walk(out):
        dirs[:] = [d for d in dirs if d not in NOT_OUTPUTS]
        if folders and Path(where).name not in folders:
            continue
        for name in files:
            try:
                if os.stat(os.path.join(where, name)).st_mtime >= since:
                    return True
            except FileNotFoundError:
                pass  # a temporary file renamed away between listing and stat
    return False


MOMENTS = {
    "reading": lambda out, started, wall: time.monotonic() - started > 1.0,
    "extracting": lambda out, started, wall: time.monotonic() - started > 4.0,
    "first output written": lambda out, started, wall: file_written_since(out, wall),
    "store loading": lambda out, started, wall: file_written_since(out, wall, "store", ".store-new"),
    "HTML being written": lambda out, started, wall: file_written_since(out, wall, "views"),
}
"""When to kill: a test of the output folder, polled every 5 ms, or of the seconds since the build started."""

SCENARIOS = [
    ("SIGKILL", "reading", False, 1),
    ("SIGINT", "extracting", False, 1),
    ("SIGKILL", "first output written", True, 1),
    ("SIGKILL", "store loading", True, 1),
    ("SIGKILL", "HTML being written", True, 1),
    ("SIGINT", "HTML being written", True, 1),
    ("SIGINT", "HTML being written", True, 2),  # the page-writing helpers stop with their build, quietly
]


def start_build(lab: Path, corpus: Path, out: Path, moment: str, warm: bool, jobs: int) -> subprocess.Popen:
    """A build of `corpus` over a copy of the old outputs, returned when it reaches `moment`."""
    shutil.copytree(lab / "old", out)
    if warm:  # papers already extracted: the build reaches its writing within seconds
        shutil.copy(lab / "warm" / ".cache" / "mentions.sqlite", out / ".cache" / "mentions.sqlite")
    started, wall = time.monotonic(), time.time()
    build = paperkg("build", str(corpus), "--out", str(out), "--jobs", str(jobs))
    ready = MOMENTS[moment]
    while build.poll() is None and not ready(out, started, wall):
        time.sleep(0.005)
    assert build.poll() is None, f"the build ended before the moment '{moment}': {build.stderr.read()[-500:]}"
    print(f"{moment}, {time.monotonic() - started:.1f} s into a build of {PAPERS} abstracts")
    return build


@pytest.mark.parametrize(("signal_name", "moment", "warm", "jobs"), SCENARIOS)
def test_a_build_killed_part_way_leaves_the_previous_outputs_whole_and_usable(crash_lab, tmp_path, signal_name, moment, warm, jobs):
    lab, corpus, before = crash_lab
    out = tmp_path / "out"
    build = start_build(lab, corpus, out, moment, warm, jobs)
    os.killpg(build.pid, getattr(signal, signal_name))
    code = build.wait(timeout=120)
    stderr = build.stderr.read()
    if signal_name == "SIGKILL":
        assert code == -signal.SIGKILL
    else:
        assert code == 130 and "Interrupted" in stderr and "Traceback" not in stderr, stderr

    after = snapshot(out)
    assert after == before, f"changed: {sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))[:10]}"
    assert_usable(out, papers=6, neighbour_of="GSM8K", shows="PAL: Program-aided Language Models")
    assert strays(out) == []
    if signal_name == "SIGINT":
        assert not (out / STAGING_DIR).exists(), "Ctrl-C cleans up after itself"

    if moment == "HTML being written" and signal_name == "SIGKILL":  # and the next build over what the kill left
        again = paperkg("build", str(corpus), "--out", str(out))
        assert again.wait(timeout=1200) == 0, again.stderr.read()
        assert_usable(out, papers=PAPERS, neighbour_of="GSM8K", shows="GSM8K [Benchmark]")
        assert not (out / STAGING_DIR).exists() and not list(out.rglob("*.tmp"))


def test_page_writing_helpers_stop_when_their_build_alone_is_killed(crash_lab, tmp_path):
    lab, corpus, before = crash_lab
    out = tmp_path / "out"
    build = start_build(lab, corpus, out, "HTML being written", True, 2)
    os.kill(build.pid, signal.SIGKILL)  # the build only: its helper must notice by itself
    assert build.wait(timeout=120) == -signal.SIGKILL
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(build.pid, 0)  # anything left of the build's process group?
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("a page-writing helper outlived its build by 10 s")
    assert snapshot(out) == before
    again = paperkg("build", str(corpus), "--out", str(out))
    assert again.wait(timeout=1200) == 0, again.stderr.read()
    assert not (out / STAGING_DIR).exists() and not list(out.rglob("*.tmp"))


def assert_usable(out: Path, papers: int, neighbour_of: str, shows: str) -> None:
    """The outputs parse (rdflib, pyoxigraph, json, the lookup index) and answer `paperkg sparql` and `paperkg neighbours`."""
    turtle = rdflib.Graph().parse(out / "graph.ttl")
    assert len(set(turtle.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/paperkg/ontology#Paper")))) == papers
    rdflib.Graph().parse(out / "void.ttl")
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert sum(1 for _ in store.quads_for_pattern(None, ox.NamedNode(str(rdflib.RDF.type)), ox.NamedNode("https://w3id.org/paperkg/ontology#Paper"))) == papers
    assert load_index(out).stats()["papers"] == papers
    json.loads((out / "graph.json").read_text("utf-8"))
    runner = CliRunner()
    counted = runner.invoke(main, ["sparql", COUNT_PAPERS, "--graph", str(out), "--format", "json"])
    assert counted.exit_code == 0, counted.output
    assert json.loads(counted.output) == [{"n": str(papers)}]
    hood = runner.invoke(main, ["neighbours", neighbour_of, "--graph", str(out)])
    assert hood.exit_code == 0, hood.output
    assert shows in hood.output
    assert (out / "index.html").is_file() and "paperkg" in (out / "index.html").read_text("utf-8")
