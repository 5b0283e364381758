"""conftest.py -- fixtures for the `hechos serve` tests: a corpus database built by
`hechos ingest` from files in the repository, and real servers started on a random
loopback port ($HECHOS_BIN, default bin/hechos), stopped with SIGTERM, which must
make them exit 0 (under ASan that also means no leak)."""
import json
import os
import re
import signal
import subprocess
import urllib.error
import urllib.request

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(os.environ.get("HECHOS_BIN", os.path.join(ROOT, "bin", "hechos")))
FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
ENV = dict(os.environ, HECHOS_MODELS=os.path.join(ROOT, "models"))
SLOW = 4 if "asan" in BIN else 1  # the sanitizer build is slower to start and answer


class Server:
    """One `hechos serve` process on 127.0.0.1:<random port>."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=ENV, cwd=ROOT, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"listening on (http://127\.0\.0\.1:(\d+)/)", line)
        if not m:
            self.proc.kill()
            raise RuntimeError("server did not start: %r %s" % (line, self.proc.stderr.read()))
        self.url = m.group(1).rstrip("/")
        self.port = int(m.group(2))

    def request(self, path, data=None, method=None, headers=None):
        """(status, headers, body bytes) of one request; errors are answers too."""
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=60 * SLOW) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def json(self, path, **kw):
        st, h, body = self.request(path, **kw)
        return st, json.loads(body)

    def stop(self):
        """SIGTERM; returns the exit status and stderr."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            _, err = self.proc.communicate(timeout=60 * SLOW)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
            return -1, err
        return self.proc.returncode, err


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """A database of the example article and the fixtures (hostile text, events)."""
    db = str(tmp_path_factory.mktemp("corpus") / "corpus.db")
    for args in (["examples/articulo.txt"], ["--jsonl", os.path.join(FIXTURES, "hostile.jsonl"), os.path.join(FIXTURES, "events.jsonl")]):
        r = subprocess.run([BIN, "ingest", "--db", db, "--quiet", *args], cwd=ROOT, env=ENV,
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    return db


@pytest.fixture(scope="session")
def server(corpus):
    s = Server("--db", corpus, "-j", "2")
    yield s
    rc, err = s.stop()
    assert rc == 0, err
