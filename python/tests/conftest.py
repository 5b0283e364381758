"""conftest.py -- shared fixtures of the Python tests: the hechos tree, its CLI, and
articles made from the repository's own texts (tests/golden, examples).

Run from the tree's root by `make pytest` (part of `make test`); HECHOS_BIN names the
CLI the binding is compared with (default bin/hechos), HECHOS_MODELS the models.
"""
import os
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir, os.pardir))
sys.path.insert(0, os.path.join(ROOT, "python"))
os.environ.setdefault("HECHOS_MODELS", os.path.join(ROOT, "models"))

GOLDEN = os.path.join(ROOT, "tests", "golden")
TEXTS = sorted([os.path.join(GOLDEN, f) for f in os.listdir(GOLDEN) if f.endswith(".txt")]
               + [os.path.join(ROOT, "examples", "articulo.txt")])


def hechos_bin():
    b = os.environ.get("HECHOS_BIN", "bin/hechos")
    return b if os.path.isabs(b) else os.path.join(ROOT, b)


def run_cli(*args, input=None, check=True):
    """Runs the hechos CLI from the tree's root; returns the CompletedProcess (bytes)."""
    p = subprocess.run([hechos_bin(), *args], cwd=ROOT, input=input, capture_output=True)
    if check and p.returncode not in (0, 1):
        raise AssertionError("hechos %s: exit %d: %s" % (" ".join(args), p.returncode,
                                                         p.stderr.decode(errors="replace")))
    return p


def paragraphs():
    """Every paragraph of the repository's article texts."""
    out = []
    for path in TEXTS:
        with open(path, encoding="utf-8") as f:
            out += [p.strip() for p in f.read().split("\n\n") if p.strip()]
    return out


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def pipeline():
    import hechos
    with hechos.Pipeline() as p:
        yield p
