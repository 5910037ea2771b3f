"""`paperkg serve` as a real process on a free loopback port, queried with SPARQLWrapper."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper

from conftest import free_port



@pytest.fixture(scope="module")
def endpoint(built):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--graph", str(built), "--port", str(port), "--timeout", "5", "--max-rows", "50"],
        stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None:
                pytest.fail(f"server exited: {process.stderr.read()}")
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("server did not start in 20 s")
    yield url
    process.terminate()
    process.wait(timeout=10)


def client(url: str, query: str, fmt=JSON, method="GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


QUERY = """
PREFIX pkg: <https://w3id.org/paperkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?title WHERE { ?p pkg:evaluatesOn ?b . ?b rdfs:label "GSM8K" . ?p dcterms:title ?title }
"""


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_as_json(endpoint, method):
    result = client(endpoint, QUERY, JSON, method).queryAndConvert()
    titles = [row["title"]["value"] for row in result["results"]["bindings"]]
    assert "PAL: Program-aided Language Models" in titles


def test_select_as_xml_and_csv(endpoint):
    xml = client(endpoint, QUERY, XML).queryAndConvert()
    assert "PAL: Program-aided Language Models" in xml.toxml()
    csv_text = client(endpoint, QUERY, CSV).queryAndConvert().decode("utf-8")
    assert csv_text.splitlines()[0] == "title"


def test_ask(endpoint):
    assert client(endpoint, "ASK { ?s a <https://w3id.org/paperkg/ontology#Paper> }").queryAndConvert()["boolean"] is True


def test_updates_are_refused(endpoint):
    request = urllib.request.Request(
        endpoint, data=b"DELETE WHERE { ?s ?p ?o }", headers={"Content-Type": "application/sparql-update"}, method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=5)
    assert info.value.code == 403
    assert b"read-only" in info.value.read()
    count = client(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").queryAndConvert()
    assert int(count["results"]["bindings"][0]["n"]["value"]) > 0


def test_result_cap_and_oversized_requests(endpoint):
    with urllib.request.urlopen(endpoint + "?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D", timeout=5) as response:
        assert response.headers["X-Paperkg-Truncated"] == "true"
    request = urllib.request.Request(
        endpoint, data=b"query=" + b"x" * (70 * 1024), headers={"Content-Type": "application/x-www-form-urlencoded"}, method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=5)
    assert info.value.code == 413


def test_syntax_errors_are_400(endpoint):
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(endpoint + "?query=SELEC", timeout=5)
    assert info.value.code == 400
