"""Load test of `paperkg serve`: many concurrent clients on loopback for a fixed time; latency percentiles and errors.

    python -m benchmarks.load_serve                      # 50 clients, 60 s, over exports/
    python -m benchmarks.load_serve --clients 10 --seconds 5 --graph path/to/built

Starts `paperkg serve` on a free loopback port, then runs CLIENTS threads that each send the
queries below in turn, one at a time, until SECONDS have passed (a bounded loop: every request
has a client timeout, so the run ends by DURATION + TIMEOUT at the latest). A request is an
error when it fails to connect, times out, or answers anything but 200 with a JSON result.
Prints requests, throughput, p50/p90/p99/max latency per query and in all, and the errors by
kind; writes the same as JSON with --json. Exits 1 when there was any error. A script, not a
CI test: its figures depend on the machine.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent

QUERIES = {
    "count-papers": "SELECT (COUNT(?p) AS ?n) WHERE { ?p a pkg:Paper }",
    "papers-on-gsm8k": """SELECT ?title WHERE { ?b rdfs:label "GSM8K" . ?p pkg:evaluatesOn ?b ; dcterms:title ?title } LIMIT 50""",
    "entities-by-type": "SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e a ?type . FILTER(STRSTARTS(STR(?type), STR(pkg:))) } GROUP BY ?type",
    "label-lookup": """SELECT ?e ?label WHERE { ?e rdfs:label ?label . FILTER(LCASE(STR(?label)) = "transformer") }""",
    "neighbours-of-a-paper": "SELECT ?p ?o WHERE { ?paper a pkg:Paper . ?paper ?p ?o } LIMIT 200",
}
"""What each client sends, in turn: counts, a lookup by name, an aggregate, a filter over every label, a page of triples."""


@dataclass
class Tally:
    """Latencies and errors, shared by the client threads."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ok(self, name: str, seconds: float) -> None:
        with self.lock:
            self.latencies[name].append(seconds)

    def failed(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] += 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(graph: Path, port: int, timeout: float) -> subprocess.Popen:
    """`paperkg serve` in a process group of its own, once it answers."""
    server = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--graph", str(graph), "--port", str(port), "--timeout", str(timeout)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql", timeout=2).read()
            return server
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None:
                raise click.ClickException(f"paperkg serve exited: {server.stderr.read().strip()}")
            time.sleep(0.2)
    stop_server(server)
    raise click.ClickException("paperkg serve did not answer within 120 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def client(url: str, until: float, timeout: float, offset: int, tally: Tally) -> None:
    """Send the queries in turn, starting at `offset`, until the monotonic clock passes `until`."""
    names = list(QUERIES)
    turn = offset
    while time.monotonic() < until:
        name = names[turn % len(names)]
        turn += 1
        request = urllib.request.Request(
            url + "?" + urllib.parse.urlencode({"query": QUERIES[name]}), headers={"Accept": "application/sparql-results+json"}
        )
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = response.read()
            json.loads(body)["results"]
        except urllib.error.HTTPError as err:
            tally.failed(f"HTTP {err.code}")
        except (urllib.error.URLError, OSError) as err:
            tally.failed(type(getattr(err, "reason", err)).__name__)
        except (ValueError, KeyError):
            tally.failed("not a JSON result")
        else:
            tally.ok(name, time.perf_counter() - started)


def percentiles(values: list[float]) -> dict[str, float]:
    """p50, p90, p99 and max of latencies, in milliseconds.

    >>> percentiles([0.001 * i for i in range(1, 101)])
    {'p50_ms': 50.5, 'p90_ms': 90.1, 'p99_ms': 99.01, 'max_ms': 100.0}
    """
    if len(values) < 2:
        return {"p50_ms": 1000 * values[0], "p90_ms": 1000 * values[0], "p99_ms": 1000 * values[0], "max_ms": 1000 * values[0]} if values else {}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50_ms": round(1000 * cuts[49], 2), "p90_ms": round(1000 * cuts[89], 2), "p99_ms": round(1000 * cuts[98], 2),
            "max_ms": round(1000 * max(values), 2)}


def run(graph: Path, clients: int, seconds: float, timeout: float) -> dict:
    port = free_port()
    server = start_server(graph, port, timeout)
    url = f"http://127.0.0.1:{port}/sparql"
    tally = Tally()
    try:
        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(url, started + seconds, timeout + 5, i, tally), daemon=True) for i in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=seconds + timeout + 30)
        elapsed = time.monotonic() - started
        alive = urllib.request.urlopen(url + "?" + urllib.parse.urlencode({"query": QUERIES["count-papers"]}), timeout=10).status
    finally:
        stop_server(server)
    every = [s for values in tally.latencies.values() for s in values]
    return {
        "graph": str(graph), "clients": clients, "seconds": round(elapsed, 1), "server_timeout_s": timeout,
        "requests": len(every) + sum(tally.errors.values()), "ok": len(every), "errors": sum(tally.errors.values()),
        "errors_by_kind": dict(tally.errors), "requests_per_s": round(len(every) / elapsed, 1),
        "latency": percentiles(every),
        "by_query": {name: {"requests": len(values), **percentiles(values)} for name, values in sorted(tally.latencies.items())},
        "server_answers_after": alive, "machine": {"nproc": os.cpu_count(), "python": sys.version.split()[0]},
    }


@click.command()
@click.option("--graph", type=click.Path(exists=True, file_okay=False, path_type=Path), default=ROOT / "exports", show_default=True,
              help="Folder of a built graph.")
@click.option("--clients", type=click.IntRange(1, 500), default=50, show_default=True, help="Concurrent clients.")
@click.option("--seconds", type=click.FloatRange(1, 3600), default=60.0, show_default=True, help="How long the clients send queries.")
@click.option("--timeout", type=click.FloatRange(0.5), default=10.0, show_default=True, help="The server's query timeout.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), help="Also write the figures as JSON here.")
def main(graph, clients, seconds, timeout, json_out):
    """Hold `paperkg serve` under CLIENTS concurrent clients for SECONDS; print latency percentiles and errors."""
    click.echo(f"{clients} clients for {seconds:g} s against paperkg serve over {graph} ...", err=True)
    report = run(graph, clients, seconds, timeout)
    latency = report["latency"]
    click.echo(f"requests {report['requests']} in {report['seconds']} s ({report['requests_per_s']}/s), errors {report['errors']}"
               + (f" {report['errors_by_kind']}" if report["errors"] else ""))
    click.echo(f"latency  p50 {latency.get('p50_ms')} ms  p90 {latency.get('p90_ms')} ms  p99 {latency.get('p99_ms')} ms  max {latency.get('max_ms')} ms")
    for name, row in report["by_query"].items():
        click.echo(f"  {name:24} {row['requests']:>7}  p50 {row['p50_ms']:>8} ms  p99 {row['p99_ms']:>8} ms")
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    sys.exit(1 if report["errors"] else 0)


if __name__ == "__main__":
    main()
