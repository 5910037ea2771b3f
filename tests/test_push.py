"""`paperkg push` against a real Oxigraph server (the `oxigraph` package from PyPI) started by the test."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from cli import main
from conftest import free_port

OXIGRAPH = shutil.which("oxigraph")



@pytest.fixture
def oxigraph_server(tmp_path):
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("oxigraph server did not start")
    yield base
    process.terminate()
    process.wait(timeout=10)


def ask(base: str, query: str) -> str:
    url = base + "/query?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "text/csv"})
    return urllib.request.urlopen(request, timeout=10).read().decode("utf-8")


def test_push_sends_a_named_graph_per_source(built, oxigraph_server):
    result = CliRunner().invoke(main, ["push", "--endpoint", oxigraph_server + "/store", "--graph", str(built)])
    assert result.exit_code == 0, result.output
    graphs = ask(oxigraph_server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").splitlines()[1:]
    assert any("graph/entities" in g for g in graphs)
    assert any("six-papers.jsonl" in g for g in graphs)
    papers = ask(oxigraph_server, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?p a <https://w3id.org/paperkg/ontology#Paper> } }")
    assert papers.splitlines()[1] == "6"
    again = CliRunner().invoke(main, ["push", "--endpoint", oxigraph_server + "/store", "--graph", str(built)])
    assert again.exit_code == 0
    total = ask(oxigraph_server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").splitlines()[1]
    assert total.strip() == result.output.split()[1]


def test_push_to_nothing_is_a_clear_error(built):
    result = CliRunner().invoke(main, ["push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--graph", str(built)])
    assert result.exit_code == 2
    assert "cannot reach" in result.output
