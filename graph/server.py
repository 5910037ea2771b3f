"""`paperkg serve`: a read-only SPARQL 1.1 Protocol endpoint over a built graph's store."""

from __future__ import annotations

import csv
import io
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .query import PREFIXES
from .store import open_store

__all__ = ["SparqlServer", "serve", "RESULT_FORMATS"]


def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    row = {"type": "literal", "value": term.value}
    if term.language:
        row["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        row["datatype"] = term.datatype.value
    return row


def _json(names, rows, boolean=None) -> str:
    if boolean is not None:
        return json.dumps({"head": {}, "boolean": boolean})
    bindings = [{n: _term_json(t) for n, t in zip(names, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _xml(names, rows, boolean=None) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(n)}/>" for n in names]
    out.append("</head>")
    if boolean is not None:
        out.append(f"<boolean>{'true' if boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in rows:
            out.append("<result>")
            for name, term in zip(names, row):
                if term is None:
                    continue
                t = _term_json(term)
                if t["type"] == "uri":
                    value = f"<uri>{escape(t['value'])}</uri>"
                elif t["type"] == "bnode":
                    value = f"<bnode>{escape(t['value'])}</bnode>"
                else:
                    attrs = f" xml:lang={quoteattr(t['xml:lang'])}" if "xml:lang" in t else f" datatype={quoteattr(t['datatype'])}" if "datatype" in t else ""
                    value = f"<literal{attrs}>{escape(t['value'])}</literal>"
                out.append(f"<binding name={quoteattr(name)}>{value}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    return "\n".join(out)


def _delimited(delimiter: str):
    def write(names, rows, boolean=None) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
        if boolean is not None:
            writer.writerow(["boolean"])
            writer.writerow(["true" if boolean else "false"])
        else:
            writer.writerow(names)
            writer.writerows([["" if t is None else t.value for t in row] for row in rows])
        return buffer.getvalue()

    return write


RESULT_FORMATS = {
    "application/sparql-results+json": _json,
    "application/json": _json,
    "application/sparql-results+xml": _xml,
    "application/xml": _xml,
    "text/csv": _delimited(","),
    "text/tab-separated-values": _delimited("\t"),
}
"""Media type -> writer of SELECT/ASK results; the first is the default."""

_SHORT_FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv", "tsv": "text/tab-separated-values"}


class QueryFailed(Exception):
    def __init__(self, status: HTTPStatus, message: str):
        self.status = status
        super().__init__(message)


class SparqlServer(ThreadingHTTPServer):
    """A threading HTTP server answering SPARQL queries; never updates, always within limits."""

    daemon_threads = True

    def __init__(self, graph_dir: Path, host: str = "127.0.0.1", port: int = 7878, *,
                 timeout: float = 10.0, max_rows: int = 10_000, max_request: int = 64 * 1024, workers: int = 4):
        self.store = open_store(graph_dir)
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_request = max_request
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sparql")
        self.slots = threading.BoundedSemaphore(workers * 4)
        super().__init__((host, port), SparqlHandler)

    def run_query(self, query: str, media_type: str) -> tuple[bytes, str, bool]:
        """Results serialised in `media_type`, and whether rows were cut at max_rows."""
        if not self.slots.acquire(timeout=self.timeout):
            raise QueryFailed(HTTPStatus.SERVICE_UNAVAILABLE, "server busy, try again")
        try:
            future = self.pool.submit(self._evaluate, query, media_type)
            try:
                return future.result(timeout=self.timeout)
            except FutureTimeout:
                future.cancel()
                raise QueryFailed(HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out after {self.timeout:g} s") from None
        finally:
            self.slots.release()

    def _evaluate(self, query: str, media_type: str) -> tuple[bytes, str, bool]:
        try:
            result = self.store.query(query, prefixes=PREFIXES)
        except SyntaxError as err:
            raise QueryFailed(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {err}") from err
        except (OSError, RuntimeError) as err:
            raise QueryFailed(HTTPStatus.BAD_REQUEST, f"query failed: {err}") from err
        if isinstance(result, ox.QueryTriples):
            triples = []
            for triple in result:
                if len(triples) >= self.max_rows:
                    return self._triples(triples), "application/n-triples", True
                triples.append(triple)
            return self._triples(triples), "application/n-triples", False
        writer = RESULT_FORMATS[media_type]
        if isinstance(result, ox.QueryBoolean) or isinstance(result, bool):
            return writer([], [], bool(result)).encode("utf-8"), media_type, False
        names = [v.value for v in result.variables]
        rows, cut = [], False
        for solution in result:
            if len(rows) >= self.max_rows:
                cut = True
                break
            rows.append([solution[name] for name in names])
        return writer(names, rows).encode("utf-8"), media_type, cut

    @staticmethod
    def _triples(triples) -> bytes:
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""

    def server_close(self):
        self.pool.shutdown(wait=False, cancel_futures=True)
        super().server_close()


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "paperkg-sparql/0.1"

    def log_message(self, format, *args):  # quiet by default; `paperkg serve` prints its own line
        pass

    def do_GET(self):
        url = urlsplit(self.path)
        if len(self.path) > self.server.max_request:
            return self._error(HTTPStatus.REQUEST_URI_TOO_LONG, "request too long")
        if url.path not in ("/", "/sparql", "/query"):
            return self._error(HTTPStatus.NOT_FOUND, "the endpoint is /sparql")
        params = parse_qs(url.query)
        if "update" in params:
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL updates are refused")
        if "query" not in params:
            return self._send(HTTPStatus.OK, b"paperkg SPARQL endpoint: GET or POST a query to /sparql\n", "text/plain; charset=utf-8")
        self._answer(params["query"][0], params)

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path not in ("/", "/sparql", "/query"):
            return self._error(HTTPStatus.NOT_FOUND, "the endpoint is /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > self.server.max_request:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {self.server.max_request} bytes")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query)
        if kind == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL updates are refused")
        if kind == "application/sparql-query":
            return self._answer(body, params)
        if kind == "application/x-www-form-urlencoded":
            params.update(parse_qs(body))
            if "update" in params:
                return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL updates are refused")
            if "query" in params:
                return self._answer(params["query"][0], params)
        return self._error(HTTPStatus.BAD_REQUEST, "POST a query as application/sparql-query or as form field 'query'")

    def _answer(self, query: str, params: dict) -> None:
        media_type = self._media_type(params)
        try:
            body, content_type, cut = self.server.run_query(query, media_type)
        except QueryFailed as err:
            return self._error(err.status, str(err))
        headers = {"X-Paperkg-Truncated": "true"} if cut else {}
        self._send(HTTPStatus.OK, body, f"{content_type}; charset=utf-8", headers)

    def _media_type(self, params: dict) -> str:
        wanted = params.get("format", [""])[0].lower()
        if wanted in _SHORT_FORMATS:
            return _SHORT_FORMATS[wanted]
        if wanted in RESULT_FORMATS:
            return wanted
        for part in (self.headers.get("Accept") or "").split(","):
            media = part.split(";")[0].strip().lower()
            if media in RESULT_FORMATS:
                return media
        return next(iter(RESULT_FORMATS))

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def serve(graph_dir: Path, host: str, port: int, **limits) -> SparqlServer:
    """A server bound and ready; the caller runs `serve_forever()` and closes it."""
    return SparqlServer(graph_dir, host, port, **limits)
