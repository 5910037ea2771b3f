"""`paperkg serve`: a read-only SPARQL 1.1 Protocol endpoint over a built graph's store, queries run in worker processes."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import queue
import re
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from . import errors
from .errors import PaperkgError
from .query import PREFIXES
from .store import open_store

__all__ = ["SparqlServer", "QueryWorkers", "serve", "evaluate", "calls_other_servers", "RESULT_FORMATS"]


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


_SPECIAL = re.compile(r"[#\"'<]")
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_SERVICE = re.compile(r"(?<![\w:?$\-])SERVICE(?![\w:\-])", re.IGNORECASE)


def code_only(query: str) -> str:
    """The query with its strings, IRIs and comments blanked out, in one pass (linear time, whatever the text).

    A string left open hides the rest of the query: such a query is a syntax error anyway.

    >>> code_only('SELECT ?t { ?p <http://x.org/#a> "SERVICE \\\\" #" } # a comment')
    'SELECT ?t { ?p     }  '
    """
    kept, at = [], 0
    while (special := _SPECIAL.search(query, at)) is not None:
        start = special.start()
        kept.append(query[at:start])
        char = query[start]
        if char == "#":
            end = min((i for i in (query.find("\n", start), query.find("\r", start)) if i >= 0), default=len(query))
        elif char == "<":
            iri = _IRI.match(query, start)
            if iri is None:
                kept.append("<")
                at = start + 1
                continue
            end = iri.end()
        else:
            end = _string_end(query, start)
        kept.append(" ")
        at = end
    kept.append(query[at:])
    return "".join(kept)


def _string_end(query: str, start: int) -> int:
    """Where the string literal opening at `start` ends (past its closing quote), or the end of the query."""
    quote = query[start] * 3 if query.startswith(query[start] * 3, start) else query[start]
    at = start + len(quote)
    while at < len(query):
        if query[at] == "\\":
            at += 2
        elif query.startswith(quote, at):
            return at + len(quote)
        elif len(quote) == 1 and query[at] in "\n\r":
            break
        else:
            at += 1
    return len(query)


def calls_other_servers(query: str) -> bool:
    """True when the query has a SERVICE clause, which would make this server send requests anywhere.

    >>> calls_other_servers('SELECT * { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }')
    True
    >>> calls_other_servers('SELECT * { ?s schema:service ?service ; ?p "web service" } # SERVICE <x>')
    False
    """
    return _SERVICE.search(code_only(query)) is not None


def evaluate(store: ox.Store, query: str, media_type: str, max_rows: int) -> tuple[bytes, str, bool]:
    """Results serialised in `media_type`, and whether rows were cut at `max_rows`."""
    try:
        result = store.query(query, prefixes=PREFIXES)
    except SyntaxError as err:
        raise QueryFailed(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {err}") from err
    except RuntimeError as err:
        raise QueryFailed(HTTPStatus.BAD_REQUEST, f"query failed: {err}") from err
    if isinstance(result, ox.QueryTriples):
        triples = []
        for triple in result:
            if len(triples) >= max_rows:
                return _triples(triples), "application/n-triples", True
            triples.append(triple)
        return _triples(triples), "application/n-triples", False
    writer = RESULT_FORMATS[media_type]
    if isinstance(result, ox.QueryBoolean) or isinstance(result, bool):
        return writer([], [], bool(result)).encode("utf-8"), media_type, False
    names = [v.value for v in result.variables]
    rows, cut = [], False
    for solution in result:
        if len(rows) >= max_rows:
            cut = True
            break
        rows.append([solution[name] for name in names])
    return writer(names, rows).encode("utf-8"), media_type, cut


def _triples(triples) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _work(graph_dir: str, max_rows: int, conn) -> None:
    """A query worker process: open the store, then answer queries from `conn` until it closes.

    It stops by itself when the server process is gone, even in the middle of a query.
    """
    parent = os.getppid()
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    try:
        store = open_store(Path(graph_dir))
    except PaperkgError as err:
        conn.send(("error", type(err).__name__, str(err)))
        return
    conn.send(("ready", "", ""))
    while True:
        try:
            query, media_type = conn.recv()
        except (EOFError, OSError):
            return
        try:
            body, content_type, cut = evaluate(store, query, media_type, max_rows)
            conn.send((HTTPStatus.OK, body, content_type, cut, True))
        except QueryFailed as err:
            conn.send((err.status, f"{err}\n".encode(), "text/plain", False, True))
        except OSError as err:  # the store's files changed under it (a rebuild): a fresh worker opens the new ones
            conn.send((HTTPStatus.SERVICE_UNAVAILABLE, f"the store could not be read ({err}); try again\n".encode(), "text/plain", False, False))
            return


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


class _Worker:
    """One query worker process and the pipe to it."""

    def __init__(self, context, graph_dir: Path, max_rows: int):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_work, args=(str(graph_dir), max_rows, child), daemon=True, name="paperkg-sparql")
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.stop()
            raise PaperkgError(f"a query worker did not start within {timeout:g} s")
        try:
            kind, error, message = self.conn.recv()
        except (EOFError, OSError):
            self.stop()
            raise PaperkgError("a query worker stopped while opening the store") from None
        if kind == "error":
            self.stop()
            raise getattr(errors, error, PaperkgError)(message)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=10)
        self.conn.close()


class QueryWorkers:
    """Worker processes that run the queries: a query over its time is stopped by killing its worker.

    Oxigraph cannot cancel a running query, and a thread cannot be stopped; a process can. The
    killed worker is replaced in the background, so slow queries cannot use the server up.
    """

    def __init__(self, graph_dir: Path, count: int, max_rows: int, *, start_timeout: float = 120.0):
        self.graph_dir, self.max_rows, self.start_timeout = Path(graph_dir), max_rows, start_timeout
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self.all: set[_Worker] = set()
        self.lock = threading.Lock()
        self.closed = False
        started = [self._spawn() for _ in range(count)]
        try:
            for worker in started:
                worker.wait_ready(start_timeout)
        except BaseException:
            self.close()
            raise
        for worker in started:
            self.idle.put(worker)

    def _spawn(self) -> _Worker:
        worker = _Worker(self.context, self.graph_dir, self.max_rows)
        with self.lock:
            self.all.add(worker)
        return worker

    def run(self, query: str, media_type: str, timeout: float) -> tuple[HTTPStatus, bytes, str, bool]:
        """Run a query on an idle worker; waiting and running together take at most `timeout` seconds."""
        deadline = time.monotonic() + timeout
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryFailed(HTTPStatus.SERVICE_UNAVAILABLE, "server busy: every query worker is taken; try again") from None
        healthy = False
        try:
            worker.conn.send((query, media_type))
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                raise QueryFailed(HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out after {timeout:g} s")
            status, body, content_type, cut, healthy = worker.conn.recv()
        except (EOFError, OSError):
            raise QueryFailed(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker stopped; try again") from None
        finally:
            if healthy:
                self.idle.put(worker)
            else:
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
        return HTTPStatus(status), body, content_type, cut

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self.lock:
            self.all.discard(worker)
        for attempt in range(5):
            if self.closed:
                return
            try:
                fresh = self._spawn()
            except OSError as err:
                problem = err
            else:
                try:
                    fresh.wait_ready(self.start_timeout)
                except PaperkgError as err:
                    problem = err
                    with self.lock:
                        self.all.discard(fresh)
                else:
                    if self.closed:
                        fresh.stop()
                    else:
                        self.idle.put(fresh)
                    return
            print(f"paperkg serve: could not start a query worker ({problem}); retrying", file=sys.stderr)
            time.sleep(2**attempt)

    def close(self) -> None:
        self.closed = True
        with self.lock:
            workers, self.all = list(self.all), set()
        for worker in workers:
            worker.stop()


class SparqlServer(ThreadingHTTPServer):
    """A threading HTTP server answering SPARQL queries: read-only, no requests to other servers, always within limits."""

    daemon_threads = True
    request_queue_size = 128
    """Connections the kernel holds while all threads are busy: 50 clients at once must not be refused."""

    def __init__(self, graph_dir: Path, host: str = "127.0.0.1", port: int = 7878, *,
                 timeout: float = 10.0, max_rows: int = 10_000, max_request: int = 64 * 1024, workers: int = 4,
                 max_connections: int = 256):
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_request = max_request
        self.connections = threading.BoundedSemaphore(max_connections)
        self.workers = QueryWorkers(graph_dir, workers, max_rows)
        try:
            super().__init__((host, port), SparqlHandler)
        except BaseException:
            self.workers.close()
            raise

    def run_query(self, query: str, media_type: str) -> tuple[bytes, str, bool]:
        """Results serialised in `media_type`, and whether rows were cut at max_rows."""
        status, body, content_type, cut = self.workers.run(query, media_type, self.timeout)
        if status != HTTPStatus.OK:
            raise QueryFailed(status, body.decode("utf-8", "replace").strip())
        return body, content_type, cut

    def process_request(self, request, client_address):
        """A thread per connection, up to max_connections; one more is told 503 and closed at once."""
        if not self.connections.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()

    def handle_error(self, request, client_address):
        """A client that went away mid-answer is no error worth a traceback; anything else is."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)

    def server_close(self):
        super().server_close()
        self.workers.close()


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "paperkg-sparql/0.1"
    timeout = 30
    """Seconds a client may take to send its request: idle connections do not hold threads for ever."""

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
        length = self.headers.get("Content-Length") or "0"
        if not length.isdigit():
            return self._error(HTTPStatus.BAD_REQUEST, "Content-Length must be a number of bytes")
        if int(length) > self.server.max_request:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {self.server.max_request} bytes")
        body = self.rfile.read(int(length)).decode("utf-8", errors="replace")
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
        if calls_other_servers(query):
            return self._error(HTTPStatus.FORBIDDEN, "SERVICE is refused: this endpoint sends no requests to other servers")
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
