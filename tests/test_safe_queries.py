"""Safe queries: user text reaches SPARQL only as bound values; the endpoint is read-only, local, bounded in time, rows and size.

The endpoint tests run `paperkg serve` as a real process on a free loopback port.
"""

from __future__ import annotations

import http.server
import inspect
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph.query
from cli import main
from graph.kg import build_graph
from graph.names import name_key
from graph.query import run_query
from graph.rdf import to_rdf
from graph.readers import merge_records
from graph.readers.base import RawRecord
from graph.records import Entity, Link, Mention
from graph.server import SparqlServer, calls_other_servers, code_only
from graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    '" } ; DROP ALL ; #',
    "x\" . ?s ?p ?o } UNION { ?s ?p ?o",
    "> <http://evil.example/> <",
    "back\\slash \\\" \\u0022",
    "new\nline\r\ttab",
    "'; DELETE WHERE { ?s ?p ?o } ; '",
    "SERVICE <http://127.0.0.1:1/> { }",
    "🦙 עברית \u202e",
    '"}{)(;',
]
EVIL_NAME = 'Evil"Bench} ; DROP ALL #'


@pytest.fixture(scope="module")
def hostile_graph(tmp_path_factory) -> Path:
    """A graph folder whose benchmark is named with quotes, braces and a comment sign."""
    out = tmp_path_factory.mktemp("hostile-graph")
    paper = merge_records([RawRecord("A paper", f"We evaluate on {EVIL_NAME}.", "h.jsonl", 1)])[0]
    entity = Entity("evil-bench", EVIL_NAME, "Benchmark")
    start = paper.text.index(EVIL_NAME)
    mention = Mention(paper.key, EVIL_NAME, start, start + len(EVIL_NAME), paper.text, 0, "Benchmark", "form", "evaluatesOn")
    rdf = to_rdf(build_graph([paper], {"evil-bench": entity}, [Link(paper.key, "evil-bench", "evaluatesOn", 0.9, (mention,))]))
    (out / "graph.ttl").write_text(rdf.serialize(format="turtle"), encoding="utf-8")
    return out


@pytest.mark.parametrize("value", HOSTILE)
def test_a_bound_value_comes_back_as_the_same_literal(hostile_graph, value):
    names, rows = run_query(open_store(hostile_graph), "SELECT ?v ?same WHERE { VALUES ?k { 1 } BIND(STR(?v) AS ?same) }", bindings={"v": value})
    assert names == ["same"] and rows == [[value]]


@pytest.mark.parametrize("value", HOSTILE)
def test_saved_queries_take_hostile_parameters_as_text(hostile_graph, value):
    result = CliRunner().invoke(main, ["sparql", "papers-evaluating-on", "--param", f"benchmark={value}", "--graph", str(hostile_graph), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []
    count = CliRunner().invoke(main, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--graph", str(hostile_graph), "--format", "json"])
    assert int(json.loads(count.output)[0]["n"]) > 10


@pytest.mark.parametrize("spelt", [EVIL_NAME, EVIL_NAME.lower(), 'evil"bench};drop-all #'])
def test_a_name_full_of_sparql_syntax_matches_itself_in_any_spelling(hostile_graph, spelt):
    result = CliRunner().invoke(main, ["sparql", "papers-evaluating-on", "--param", f"benchmark={spelt}", "--graph", str(hostile_graph), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [row["title"] for row in json.loads(result.output)] == ["A paper"]


class RecordingStore:
    """A store that remembers the query texts it was given, and hands everything to the real one."""

    def __init__(self, store):
        self.store, self.texts, self.substitutions = store, [], []

    def query(self, text, **options):
        self.texts.append(text)
        self.substitutions.append(options.get("substitutions"))
        return self.store.query(text, **options)


def test_cli_parameters_never_enter_the_query_text(hostile_graph, monkeypatch):
    recorded = []
    real_open = graph.query.open_store
    monkeypatch.setattr(graph.query, "open_store", lambda folder: recorded.append(RecordingStore(real_open(folder))) or recorded[-1])
    marker = 'MARKER" } ; DROP ALL'
    for args in (["evidence", "--param", f"entity={marker}"], ["SELECT ?x ?y WHERE { BIND(?x AS ?y) }", "--param", f"x={marker}"]):
        result = CliRunner().invoke(main, ["sparql", *args, "--graph", str(hostile_graph)])
        assert result.exit_code == 0, result.output
    assert len(recorded) == 2
    for store in recorded:
        assert all("MARKER" not in text.upper() for text in store.texts)
    bound = [[str(v.value) for s in store.substitutions for v in s.values()] for store in recorded]
    assert bound == [[name_key(marker)], [marker]]  # a saved query binds a name as its key; text is bound as written


def test_neighbours_never_runs_sparql(built, monkeypatch):
    import graph.store

    def no_sparql(*args, **kwargs):
        raise AssertionError("neighbours ran SPARQL")

    monkeypatch.setattr(graph.store, "open_store", no_sparql)
    monkeypatch.setattr(graph.query, "open_store", no_sparql)
    monkeypatch.setattr(graph.query, "run_query", no_sparql)
    for name in ['GSM8K" } ; DROP ALL ; #', "GSM8K"]:
        result = CliRunner().invoke(main, ["neighbours", name, "--graph", str(built)])
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output


def test_the_cli_runs_no_updates(built):
    result = CliRunner().invoke(main, ["sparql", "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "--graph", str(built)])
    assert result.exit_code == 2 and "SPARQL syntax error" in result.output


@pytest.mark.parametrize(
    ("query", "calls"),
    [
        ("SELECT * { SERVICE <http://169.254.169.254/latest/> { ?s ?p ?o } }", True),
        ("select * { service silent <http://x/> { ?s ?p ?o } }", True),
        ("SELECT * { ?s ?p ?o .SERVICE<http://x/>{} }", True),
        ("SELECT * {#c\nSERVICE#c\n<http://x>{}}", True),
        ("PREFIX e: <http://x/> SELECT * { SERVICE e:sparql { ?s ?p ?o } }", True),
        ('SELECT * { BIND("a\\" SERVICE" AS ?x) SERVICE <http://x> {} }', True),
        ('SELECT * { ?s ?p """SERVICE <http://x> {}""" }', False),
        ("SELECT * { ?s <http://x.org/SERVICE> ?o }", False),
        ("SELECT ?service { ?s schema:service ?service ; ex:web-service ?o }", False),
        ("SELECT * { ?s ?p 'web service' } # SERVICE <http://x>", False),
    ],
)
def test_service_clauses_are_found_whatever_the_spelling_and_only_in_code(query, calls):
    assert calls_other_servers(query) is calls


def test_the_service_check_takes_linear_time_on_any_text():
    started = time.monotonic()
    for text in ['"' + "a" * 65_000, "'''" + "\\'" * 30_000, "<" * 65_000, '"\\"' * 20_000, "<a" * 30_000, "#\n" * 30_000]:
        code_only(text)
    assert time.monotonic() - started < 2


# The endpoint, as a process.

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Endpoint:
    def __init__(self, graph_dir: Path, *options: str):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--graph", str(graph_dir), "--port", str(self.port), *options],
            cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url, timeout=1).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None:
                    pytest.fail(f"server exited: {self.process.stderr.read()}")
                time.sleep(0.1)
        else:
            self.stop()
            pytest.fail("server did not start in 60 s")
        self.banner = self.process.stderr.readline()

    def ask(self, query: str, *, method: str = "GET", timeout: float = 30) -> tuple[int, bytes, float]:
        started = time.monotonic()
        if method == "GET":
            request = urllib.request.Request(self.url + "?" + urllib.parse.urlencode({"query": query}))
        else:
            request = urllib.request.Request(self.url, data=urllib.parse.urlencode({"query": query}).encode(), method="POST",
                                             headers={"Content-Type": "application/x-www-form-urlencoded"})
        request.add_header("Accept", "application/sparql-results+json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read(), time.monotonic() - started
        except urllib.error.HTTPError as err:
            return err.code, err.read(), time.monotonic() - started

    def children(self) -> list[int]:
        """The query worker processes, from /proc (not multiprocessing's resource tracker)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    command = (entry / "cmdline").read_bytes()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid and fields[0] != "Z" and b"spawn_main" in command:
                    found.append(int(entry.name))
        return found

    def wait_for_workers(self, count: int, timeout: float = 60, steady: int = 5) -> None:
        """Until `count` workers are seen `steady` times in a row, 0.1 s apart: a killed worker's
        replacement comes and goes in steps, and one reading in the middle of them proves nothing."""
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            seen = (seen + [len(self.children())])[-steady:]
            if seen == [count] * steady:
                return
            time.sleep(0.1)
        raise AssertionError(f"query workers seen last: {seen}, not {count} {steady} times in a row")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


@pytest.fixture(scope="module")
def big_graph(tmp_path_factory) -> Path:
    """A graph of 3,000 triples: a three-way cross product of it has 2.7e10 rows, far past any timeout."""
    out = tmp_path_factory.mktemp("big-graph")
    lines = [f'<https://x.org/s{i}> <https://x.org/p{i % 7}> "value {i}" .' for i in range(3000)]
    (out / "graph.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def endpoint(big_graph):
    server = Endpoint(big_graph, "--timeout", "1", "--max-rows", "100")
    yield server
    server.stop()


MARGIN = 2.0
"""Seconds a loaded machine may add to the server's timeout before the answer arrives."""

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count_of(body: bytes) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_binds_to_loopback_by_default(endpoint):
    assert endpoint.banner.startswith(f"SPARQL endpoint on http://127.0.0.1:{endpoint.port}/sparql (read-only")
    tcp = Path("/proc/net/tcp")
    if tcp.exists():
        listening = [line.split()[1] for line in tcp.read_text().splitlines()[1:] if line.split()[3] == "0A"]
        assert f"0100007F:{endpoint.port:04X}" in listening
        assert f"00000000:{endpoint.port:04X}" not in listening


def test_a_slow_query_is_stopped_with_503_within_the_timeout(endpoint):
    status, body, seconds = endpoint.ask(SLOW)
    assert status == 503 and b"timed out after 1 s" in body
    assert seconds < 1 + MARGIN, f"{seconds:.2f} s"


def test_slow_queries_cannot_use_the_server_up(endpoint):
    workers = inspect.signature(SparqlServer).parameters["workers"].default
    endpoint.wait_for_workers(workers)
    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda _: endpoint.ask(SLOW), range(12)))
    assert {status for status, _, _ in answers} == {503}, answers
    assert max(seconds for _, _, seconds in answers) < 1 + MARGIN, sorted(round(s, 2) for _, _, s in answers)
    endpoint.wait_for_workers(workers)  # the killed workers are replaced, and none is left running a query nobody waits for
    status, body, seconds = endpoint.ask(COUNT)
    assert status == 200 and count_of(body) == 3000
    answers = [endpoint.ask(COUNT) for _ in range(20)]
    assert all(status == 200 for status, _, _ in answers) and max(s for _, _, s in answers) < MARGIN, [(a, round(s, 2)) for a, _, s in answers]


def test_rows_are_capped(endpoint):
    status, body, _ = endpoint.ask("SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 100


@pytest.mark.parametrize(
    ("method", "body", "content_type", "words"),
    [
        ("POST", b"DELETE WHERE { ?s ?p ?o }", "application/sparql-update", b"read-only"),
        ("POST", b"update=DELETE+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D", "application/x-www-form-urlencoded", b"read-only"),
        ("GET", "?update=DROP+ALL", None, b"read-only"),
        ("POST", b"query=INSERT+DATA+%7B+%3Chttp%3A%2F%2Fx%2Fa%3E+%3Chttp%3A%2F%2Fx%2Fb%3E+%3Chttp%3A%2F%2Fx%2Fc%3E+%7D",
         "application/x-www-form-urlencoded", b"syntax error"),
    ],
)
def test_updates_are_refused_and_change_nothing(endpoint, method, body, content_type, words):
    if method == "GET":
        request = urllib.request.Request(endpoint.url + body)
    else:
        request = urllib.request.Request(endpoint.url, data=body, method="POST", headers={"Content-Type": content_type})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)
    assert info.value.code in (400, 403) and words in info.value.read()
    status, answer, _ = endpoint.ask(COUNT)
    assert status == 200 and count_of(answer) == 3000


def test_service_is_refused_and_no_request_leaves(endpoint):
    hits = []

    class Listener(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    listener = http.server.HTTPServer(("127.0.0.1", 0), Listener)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    try:
        target = f"http://127.0.0.1:{listener.server_address[1]}/sparql"
        for query in (f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}", f"select * where {{ service silent <{target}> {{ ?s ?p ?o }} }}"):
            status, body, _ = endpoint.ask(query)
            assert status == 403 and b"SERVICE is refused" in body
        status, _, _ = endpoint.ask('SELECT * WHERE { ?s ?p "web service" }')
        assert status == 200
        time.sleep(0.3)
        assert hits == []
    finally:
        listener.shutdown()


def raw(endpoint, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_oversized_and_malformed_requests_are_refused(endpoint):
    big = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 70_000}).encode()
    status, _, _ = endpoint.ask("SELECT * WHERE { ?s ?p ?o } #" + "x" * 70_000, method="POST")
    assert status == 413 and len(big) > 64 * 1024
    assert raw(endpoint, b"GET /sparql?query=" + b"x" * 70_000 + b" HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 414")
    for length in (b"abc", b"-5", b"99999999999"):
        answer = raw(endpoint, b"POST /sparql HTTP/1.0\r\nContent-Type: application/sparql-query\r\nContent-Length: " + length + b"\r\n\r\nASK {}")
        assert answer.split(b"\r\n")[0] in (b"HTTP/1.0 400 Bad Request", b"HTTP/1.0 413 Request Entity Too Large"), answer[:80]
    status, body, _ = endpoint.ask(COUNT)
    assert status == 200 and count_of(body) == 3000
