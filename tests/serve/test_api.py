"""test_api.py -- the JSON API of `hechos serve` against a real server on a random
loopback port, with Python's urllib (and raw sockets where urllib would be polite):
routes against docs/openapi.yaml, answers, errors and their status codes, escaping,
limits, the token, ingest, and a clean SIGTERM with a request in flight."""
import json
import os
import socket
import subprocess
import time

import pytest
import yaml

from conftest import BIN, ENV, ROOT, SLOW, Server

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options")
# a request for each route that the corpus fixture answers with 200
EXAMPLES = {
    ("GET", "/v1"): "/v1",
    ("GET", "/v1/health"): "/v1/health",
    ("POST", "/v1/extract"): "/v1/extract?date=2025-07-12",
    ("GET", "/v1/documents/{id}"): "/v1/documents/1",
    ("GET", "/v1/entities"): "/v1/entities?type=LOC&top=5",
    ("GET", "/v1/entities/{name}"): "/v1/entities/Kursk",
    ("GET", "/v1/timeline/{name}"): "/v1/timeline/Ruritania",
    ("GET", "/v1/claims"): "/v1/claims?top=5",
    ("GET", "/v1/figures/{about}"): "/v1/figures/soldados",
    ("GET", "/v1/conflicts"): "/v1/conflicts?window=7",
    ("GET", "/v1/graph"): "/v1/graph?format=json",
    ("GET", "/v1/search"): "/v1/search?q=soldados",
}


def openapi_routes():
    with open(os.path.join(ROOT, "docs", "openapi.yaml")) as f:
        spec = yaml.safe_load(f)
    return {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}


def test_openapi_and_served_routes_agree(server):
    st, index = server.json("/v1")
    assert st == 200
    served = {(r["method"], r["path"]) for r in index["routes"]}
    assert served == openapi_routes()
    for method, path in served:
        if path == "/v1/ingest":  # disabled on this server: 403, not 404
            st, body = server.json(path, data=b"x", method="POST")
            assert st == 403 and body["error"]["code"] == "ingest_disabled"
            continue
        data = "El Gobierno afirmó el lunes que 300 soldados llegaron.".encode() if method == "POST" else None
        st, h, body = server.request(EXAMPLES[(method, path)], data=data, method=method,
                                     headers={"Content-Type": "text/plain"})
        assert st == 200, (path, body)
        assert h["Content-Type"].startswith("application/json")
        json.loads(body)
        for k in SECURITY_HEADERS:
            assert k in h


def test_query_answers(server):
    st, e = server.json("/v1/entities/Kursk")
    assert st == 200 and e["entity"]["name"] == "Kursk"
    st, c = server.json("/v1/conflicts")
    assert st == 200 and any(x["thing"] == "soldado norcoreano" for x in c["conflicts"])
    st, f = server.json("/v1/figures/soldados%20norcoreanos")
    assert st == 200 and {x["text"] for x in f["figures"]} >= {"unos 10.000", "12.000"}
    st, h, dot = server.request("/v1/graph?format=dot")
    assert st == 200 and h["Content-Type"] == "text/vnd.graphviz" and dot.startswith(b"graph")
    st, d = server.json("/v1/documents/1")
    assert d["document"]["text"].startswith("El presidente de Ruritania")
    assert d["analysis"]["entities"] and d["analysis"]["claims"]


def test_extract_formats(server):
    text = "El Ministerio de Defensa afirmó que al menos 3.000 soldados llegaron el pasado martes."
    st, doc = server.json("/v1/extract?date=2025-07-12", data=text.encode(), method="POST",
                          headers={"Content-Type": "text/plain; charset=utf-8"})
    assert st == 200 and doc["quantities"][0]["value"] == 3000 and doc["times"][0]["value"] == "2025-07-08"
    assert "tokens" not in doc
    art = json.dumps({"id": "a1", "text": text, "date": "2025-07-12"}).encode()
    st, doc = server.json("/v1/extract?tokens=1", data=art, method="POST", headers={"Content-Type": "application/json"})
    assert st == 200 and doc["id"] == "a1" and doc["tokens"]
    lines = art + b"\n{broken\n\n" + json.dumps({"id": "a2", "text": "Hola."}).encode() + b"\r\n"
    st, h, body = server.request("/v1/extract", data=lines, method="POST", headers={"Content-Type": "application/x-ndjson"})
    out = [json.loads(x) for x in body.decode().splitlines()]
    assert st == 200 and h["Content-Type"] == "application/x-ndjson"
    assert [o.get("id") for o in out] == ["a1", None, "a2"] and out[1]["error"]["line"] == 2


@pytest.mark.parametrize("path,data,ctype,status,code", [
    ("/v1/nothing", None, None, 404, "no_route"),
    ("/v1/documents/999", None, None, 404, "not_found"),
    ("/v1/documents/abc", None, None, 400, "bad_parameter"),
    ("/v1/entities/Nadie%20Conocido", None, None, 404, "not_found"),
    ("/v1/entities/%ZZ", None, None, 400, "bad_path"),
    ("/v1/entities/%00x", None, None, 400, "bad_path"),
    ("/v1/entities/%C3%28", None, None, 400, "bad_path"),
    ("/v1/search", None, None, 400, "bad_parameter"),
    ("/v1/search?q=%E2%80", None, None, 400, "bad_parameter"),
    ("/v1/search?q=a%01b", None, None, 400, "bad_parameter"),
    ("/v1/entities?top=0", None, None, 400, "bad_parameter"),
    ("/v1/entities?top=1&top=2", None, None, 400, "bad_parameter"),
    ("/v1/entities?type=XYZ", None, None, 400, "bad_parameter"),
    ("/v1/entities?debug=1", None, None, 400, "bad_parameter"),
    ("/v1/graph?format=svg", None, None, 400, "bad_parameter"),
    ("/v1/conflicts?window=-1", None, None, 400, "bad_parameter"),
    ("/v1/extract", b"", "text/plain", 400, "bad_input"),
    ("/v1/extract", b"caf\xe9 con leche", "text/plain", 400, "bad_input"),
    ("/v1/extract", b"a\x00b", "text/plain", 400, "bad_input"),
    ("/v1/extract", b'{"text": ', "application/json", 400, "bad_input"),
    ("/v1/extract", b'{"title": "no text"}', "application/json", 400, "bad_input"),
    ("/v1/extract?date=2025-13-45", b"Hola.", "text/plain", 400, "bad_input"),
    ("/v1/extract?tokens=yes", b"Hola.", "text/plain", 400, "bad_parameter"),
    ("/v1/extract", b"<x/>", "application/xml", 415, "unsupported_media_type"),
    ("/v1/health", b"x", "text/plain", 405, "method_not_allowed"),
    ("/v1/extract", None, None, 405, "method_not_allowed"),
])
def test_errors(server, path, data, ctype, status, code):
    st, h, body = server.request(path, data=data, method="POST" if data is not None else "GET",
                                 headers={"Content-Type": ctype} if ctype else {})
    assert st == status, body
    err = json.loads(body)["error"]
    assert err["status"] == status and err["code"] == code and err["message"]
    assert "\n" not in err["message"]
    if status == 405:
        assert h["Allow"]


def test_long_name_cut_inside_a_character(server):
    st, e = server.json("/v1/entities/" + "a" + "%C3%A9" * 150)
    assert st == 404 and e["error"]["code"] == "not_found"


def test_bad_utf8_names_the_byte(server):
    st, e = server.json("/v1/extract", data="añ".encode() + b"\xff", method="POST", headers={"Content-Type": "text/plain"})
    assert st == 400 and "byte 3" in e["error"]["message"]
    st, d = server.json("/v1/extract?lenient=1", data="añ".encode() + b"\xff", method="POST", headers={"Content-Type": "text/plain"})
    assert st == 200 and d["length"]["bytes"] == 4


def test_hostile_text_stays_data(server):
    """The article with <script>, quotes, </textarea>, control and bidi characters comes
    back as JSON strings, escaped, never as markup; '/' is escaped so '</script>' cannot
    close a script element either."""
    st, r = server.json("/v1/search?q=soldados%20norcoreanos")
    doc = [d for d in r["documents"] if d["id"] == "hostile-1"][0]
    st, h, raw = server.request("/v1/documents/%d" % doc["doc"])
    assert st == 200 and h["X-Content-Type-Options"] == "nosniff"
    assert b"</script>" not in raw and b"</textarea>" not in raw and b"<\\/script>" in raw
    d = json.loads(raw)["document"]
    assert "<script>alert(\"x\")</script>" in d["text"] and "\u202e" in d["text"] and "\x01" in d["text"]
    assert d["title"].startswith("<script>")


def test_pages_and_assets(server):
    for path in ("/", "/analyze", "/figures", "/graph", "/search?q=x", "/doc/1", "/entity/Kursk"):
        st, h, body = server.request(path)
        assert st == 200 and h["Content-Type"].startswith("text/html") and b"/assets/app.js" in body
        assert "script-src 'self'" in h["Content-Security-Policy"]
    st, h, js = server.request("/assets/app.js")
    assert st == 200 and h["Content-Type"].startswith("text/javascript") and b"innerHTML" not in js.replace(b"never innerHTML", b"")


@pytest.mark.parametrize("path", ["/assets/../Makefile", "/assets/..%2f..%2fMakefile", "/assets/%2e%2e/Makefile",
                                  "/../../etc/passwd", "/assets/", "/assets/app.js/", "/etc/passwd", "/doc/"])
def test_no_path_traversal(server, path):
    s = socket.create_connection(("127.0.0.1", server.port), timeout=10 * SLOW)
    s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    resp = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        resp += chunk
    s.close()
    assert resp.startswith(b"HTTP/1.1 404"), resp[:200]
    assert b"CC " not in resp and b"root:" not in resp


def test_hostile_http(server):
    """Garbage request lines and headers get an HTTP error or a closed connection, and the
    server still answers afterwards."""
    for raw in (b"\x00\x01\x02 garbage\r\n\r\n", b"GET /v1/health HTTP/9.9\r\n\r\n",
                b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                b"GET /v1/health HTTP/1.1\r\nHost: x\r\n" + b"X-A: " + b"a" * 100000 + b"\r\n\r\n"):
        s = socket.create_connection(("127.0.0.1", server.port), timeout=10 * SLOW)
        try:
            s.sendall(raw)
            resp = s.recv(1024)
        except OSError:
            resp = b""
        s.close()
        assert resp == b"" or resp[:10] in (b"HTTP/1.1 4", b"HTTP/1.0 4") or resp.startswith(b"HTTP/1.1 505"), resp
    assert server.request("/v1/health")[0] == 200


def test_body_limit_and_timeout():
    s = Server("--max-body", "1K", "--timeout", "2", "-j", "1")
    try:
        st, e = s.json("/v1/extract", data=b"a" * 2000, method="POST", headers={"Content-Type": "text/plain"})
        assert st == 413 and e["error"]["code"] == "too_large"
        st, d = s.json("/v1/extract", data=b"Hola, mundo.", method="POST", headers={"Content-Type": "text/plain"})
        assert st == 200
        st, e = s.json("/v1/entities")
        assert st == 503 and e["error"]["code"] == "no_database"
        c = socket.create_connection(("127.0.0.1", s.port), timeout=30 * SLOW)
        c.sendall(b"GET /v1/health HTTP/1.1\r\n")  # and then nothing: closed after --timeout
        t0 = time.time()
        assert c.recv(100) == b""
        assert time.time() - t0 < 20 * SLOW
        c.close()
    finally:
        assert s.stop()[0] == 0


def test_listen_rules():
    r = subprocess.run([BIN, "serve", "--listen", "0.0.0.0:0"], capture_output=True, text=True, env=ENV)
    assert r.returncode == 64 and "requires --token" in r.stderr
    for bad in (["--listen", "nowhere"], ["--listen", "127.0.0.1:99999"], ["--max-body", "lots"], ["--bogus"],
                ["--allow-ingest"], ["-j", "0"]):
        r = subprocess.run([BIN, "serve", *bad], capture_output=True, text=True, env=ENV)
        assert r.returncode == 64 and r.stderr.count("\n") == 1, (bad, r.stderr)


def test_token():
    s = Server("--token", "s3cret-token", "-j", "1")
    try:
        assert s.request("/v1/health")[0] == 200
        st, h, _ = s.request("/v1/extract", data=b"Hola.", method="POST", headers={"Content-Type": "text/plain"})
        assert st == 401 and h["WWW-Authenticate"] == "Bearer"
        st, _, _ = s.request("/v1", headers={"Authorization": "Bearer s3cret-tokeX"})
        assert st == 401
        st, _, _ = s.request("/v1", headers={"Authorization": "Bearer s3cret-token"})
        assert st == 200
    finally:
        assert s.stop()[0] == 0


def test_ingest(tmp_path):
    db = str(tmp_path / "new.db")
    s = Server("--db", db, "--allow-ingest", "-j", "2")
    try:
        arts = b"\n".join(json.dumps({"id": "n%d" % i, "date": "2025-05-0%d" % (i + 1),
                                      "text": "La ONU informó que %d personas huyeron de Jartum." % (100 * (i + 1))}).encode()
                          for i in range(3)) + b"\nnot json\n"
        st, r = s.json("/v1/ingest", data=arts, method="POST", headers={"Content-Type": "application/x-ndjson"})
        assert st == 200 and r["added"] == 3 and r["existing"] == 0 and r["skipped"][0]["line"] == 4
        st, r = s.json("/v1/ingest", data=arts, method="POST", headers={"Content-Type": "application/x-ndjson"})
        assert r["added"] == 0 and r["existing"] == 3
        st, h = s.json("/v1/health")
        assert h["store"]["documents"] == 3 and h["ingest"] is True
        st, f = s.json("/v1/figures/personas")
        assert len(f["figures"]) == 3
    finally:
        assert s.stop()[0] == 0


def test_sigterm_finishes_request_in_flight(corpus):
    s = Server("--db", corpus, "-j", "2")
    body = "El Gobierno afirmó que 300 soldados llegaron el lunes.".encode()
    c = socket.create_connection(("127.0.0.1", s.port), timeout=60 * SLOW)
    c.sendall(b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
              b"Content-Length: %d\r\n\r\n" % len(body) + body[:10])
    time.sleep(0.5 * SLOW)
    s.proc.send_signal(15)
    time.sleep(0.5 * SLOW)
    assert s.proc.poll() is None  # still serving the request in flight
    c.sendall(body[10:])
    resp = b""
    while b"\r\n\r\n" not in resp or len(resp.split(b"\r\n\r\n", 1)[1]) < 10:
        chunk = c.recv(65536)
        if not chunk:
            break
        resp += chunk
    c.close()
    assert resp.startswith(b"HTTP/1.1 200"), resp[:300]
    assert s.proc.wait(timeout=60 * SLOW) == 0
    # and no new connection is accepted
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", s.port), timeout=2).recv(1)
