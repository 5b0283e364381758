"""test_corpus.py -- hechos.Corpus against `hechos ingest` / `hechos query`: the same
store from either side, the same answers, errors with the library's message; and the
package installed offline with pip finding the build tree's library."""
import json
import os
import subprocess
import sys

import pytest

import hechos
from conftest import ROOT, TEXTS, run_cli


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The same articles stored by the CLI and by the binding."""
    d = tmp_path_factory.mktemp("corpus")
    recs = []
    for i, path in enumerate(TEXTS):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        recs.append({"id": "a%d" % i, "date": "2025-07-%02d" % (10 + i), "text": text,
                     "source": "Agencia %d" % (i % 2)})
    jl = d / "in.jsonl"
    jl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs))
    cli_db, py_db = str(d / "cli.db"), str(d / "py.db")
    run_cli("ingest", "--quiet", "--db", cli_db, "--jsonl", str(jl))
    with hechos.Corpus(py_db, write=True) as c:
        assert [c.ingest(r) for r in recs] == [True] * len(recs)
        assert c.ingest(recs[0]) is False  # stored already: idempotent
    return cli_db, py_db


def cli_query(db, *args):
    return json.loads(run_cli("query", "--db", db, "--json", *args).stdout)


def test_binding_and_cli_build_the_same_store(stores):
    cli_db, py_db = stores
    assert hechos.Corpus(py_db).stats() == cli_query(cli_db, "stats")
    assert hechos.Corpus(py_db).stats()["documents"] == len(TEXTS)


@pytest.mark.parametrize("method,args,cli,key", [
    ("entities", {}, ["entities"], "entities"),
    ("entities", {"type": "PER", "top": 3}, ["entities", "--type", "PER", "--top", "3"], "entities"),
    ("timeline", {"name": "Ruritania"}, ["timeline", "Ruritania"], "events"),
    ("claims", {}, ["claims"], "claims"),
    ("claims", {"source": "Ministerio de Defensa"}, ["claims", "--source", "Ministerio de Defensa"],
     "claims"),
    ("figures", {"about": "soldados"}, ["figures", "soldados"], "figures"),
    ("conflicts", {"window": 30}, ["conflicts", "--window", "30"], "conflicts"),
    ("search", {"text": "ministerio"}, ["search", "ministerio"], "documents"),
])
def test_queries_equal_cli(stores, method, args, cli, key):
    cli_db, _ = stores
    got = getattr(hechos.Corpus(cli_db), method)(**args)
    assert isinstance(got, hechos.Rows)
    assert list(got) == cli_query(cli_db, *cli)[key]


def test_nonempty_answers_and_pandas(stores):
    c = hechos.Corpus(stores[0])
    assert len(c.entities()) > 5 and len(c.claims()) > 5 and c.figures("soldados")
    assert c.entity("Tomás Ferrer")["entity"]["name"] == "Tomás Ferrer"
    assert c.timeline("Ruritania") and c.search("ministerio")
    assert c.entity("Nadie Conocido")["entity"] is None
    assert c.graph()["nodes"] and c.graph(format="dot").startswith("graph")
    pandas = pytest.importorskip("pandas", reason="python3-pandas not installed")
    df = c.figures("soldados").to_pandas()
    assert isinstance(df, pandas.DataFrame) and "value" in df.columns
    assert len(df) == len(c.figures("soldados"))


def test_ingest_json_of_an_analysis_made_elsewhere(stores, tmp_path):
    text = open(TEXTS[0], encoding="utf-8").read()
    doc = hechos.analyze(text, "2025-07-12", "x", tokens=False)
    doc["text"] = text
    with hechos.Corpus(str(tmp_path / "j.db"), write=True) as c:
        assert c.ingest_json(doc) is True
        assert c.ingest_json(json.dumps(doc)) is False
        assert c.stats()["documents"] == 1
        with pytest.raises(hechos.HechosError) as e:
            c.ingest_json("{not json")
        assert e.value.code == "JSON"


def test_store_errors(tmp_path):
    with pytest.raises(hechos.HechosError) as e:
        hechos.Corpus(str(tmp_path / "missing.db"))  # read-only: must exist
    assert e.value.message
    c = hechos.Corpus(str(tmp_path / "w.db"), write=True)
    c.close()
    with pytest.raises(ValueError):
        c.stats()


def test_pip_install_offline_finds_the_build_tree(tmp_path):
    """`pip install --no-build-isolation --no-index ./python` (into a target directory,
    the way a virtual environment would get it) gives a package that, imported from
    elsewhere with no HECHOS_LIB, loads this tree's build/libhechos.so and models."""
    target = tmp_path / "site"
    p = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-build-isolation",
                        "--no-index", "--no-deps", "--target", str(target), "./python"],
                       cwd=ROOT, capture_output=True, text=True)
    if p.returncode != 0 and "No module named pip" in p.stderr:
        pytest.skip("pip is not installed for %s" % sys.executable)
    assert p.returncode == 0, p.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("HECHOS_LIB", "HECHOS_MODELS")}
    env["PYTHONPATH"] = str(target)
    code = ("import hechos, json; d = hechos.analyze('Lo dijo Pedro Sánchez en Madrid.'); "
            "print(json.dumps([hechos.__file__, hechos.library_path(), len(d['mentions'])]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=str(tmp_path), env=env,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    where, lib, mentions = json.loads(out.stdout)
    assert where.startswith(str(target))
    assert os.path.samefile(lib, os.path.join(ROOT, "build", "libhechos.so"))
    assert mentions == 2  # the tree's models were found: the tagger ran
