"""test_binding.py -- the ctypes binding against the C library and the CLI: the same JSON
byte for byte, threads sharing one pipeline (truly in parallel: the GIL is released),
bad input raising with the library's own message, help(hechos)."""
import json
import os
import pydoc
import random
import threading
import time

import pytest

import hechos
from conftest import GOLDEN, ROOT, TEXTS, paragraphs, run_cli


def golden_names():
    return sorted(f[:-4] for f in os.listdir(GOLDEN) if f.endswith(".txt"))


@pytest.mark.parametrize("name", golden_names())
def test_golden_json_is_the_cli_output_byte_for_byte(pipeline, name):
    rel = "tests/golden/%s.txt" % name
    with open(os.path.join(ROOT, rel), "rb") as f:
        data = f.read()
    with open(os.path.join(GOLDEN, name + ".json"), "rb") as f:
        golden = f.read()
    got = pipeline.analyze_json(data, date="2025-07-12", id=rel)
    assert (got + "\n").encode() == golden
    # the same text given as str, and the CLI as it is now
    assert pipeline.analyze_json(data.decode(), "2025-07-12", rel) == got
    cli = run_cli("extract", "--date", "2025-07-12", rel).stdout
    assert (got + "\n").encode() == cli
    for opts, kw in ((["--no-tokens"], {"tokens": False}), (["--pretty"], {"pretty": True})):
        cli = run_cli("extract", "--date", "2025-07-12", *opts, rel).stdout
        assert (pipeline.analyze_json(data, "2025-07-12", rel, **kw) + "\n").encode() == cli


def records(n, seed):
    """n JSON Lines records of shuffled paragraphs, with ids, dates, titles, meta."""
    rnd = random.Random(seed)
    paras = paragraphs()
    out = []
    for i in range(n):
        rec = {"id": "r%d" % i, "text": "\n\n".join(rnd.sample(paras, rnd.randint(1, 6)))}
        if i % 3:
            rec["date"] = "2025-%02d-%02d" % (rnd.randint(1, 12), rnd.randint(1, 28))
        if i % 4 == 1:
            rec["title"], rec["source"], rec["lang"] = "Titular %d" % i, "Agencia", "es"
        out.append(rec)
    return out


def test_jsonl_records_equal_cli_jsonl(pipeline, tmp_path):
    recs = records(12, 1)
    lines = [json.dumps(r, ensure_ascii=False) for r in recs]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli = run_cli("extract", "--jsonl", "--date", "2024-01-31", str(path)).stdout
    ours = "".join(pipeline.analyze_jsonl(line, "2024-01-31") + "\n" for line in lines)
    assert ours.encode() == cli
    # a dict goes through the same reader; --date only fills records without a date
    assert [pipeline.analyze(r, "2024-01-31") for r in recs] == \
        [json.loads(x) for x in cli.decode().splitlines()]


def test_dict_offsets_index_the_python_string(pipeline):
    text = open(TEXTS[0], encoding="utf-8").read()
    doc = hechos.analyze(text, date="2025-07-12", id="x")
    assert doc["id"] == "x" and doc["date"] == "2025-07-12"
    assert doc["length"]["chars"] == len(text)
    assert doc["mentions"] and doc["quantities"] and doc["claims"]
    for layer in ("tokens", "mentions", "quantities", "times"):
        for item in doc[layer]:
            assert text[item["start"]:item["end"]] == item["text"]
    slim = pipeline.analyze(text, "2025-07-12", tokens=False)
    assert "tokens" not in slim and slim["claims"] == doc["claims"]


def test_threads_share_one_pipeline(pipeline):
    recs = records(48, 2)
    serial = [pipeline.analyze_json(r) for r in recs]
    got = list(pipeline.analyze_many(recs, threads=4))
    assert got == [json.loads(s) for s in serial]
    # user threads on the same pipeline, each comparing with the serial result
    bad = []

    def work(k):
        for i in range(k, len(recs), 3):
            if pipeline.analyze_json(recs[i]) != serial[i]:
                bad.append(i)
    ths = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in ths:
        t.start()
    for t in ths:
        t.join()
    assert bad == []


def test_the_gil_is_released_during_analysis(pipeline):
    """While one thread is inside the library, another keeps running Python code: its
    longest pause is a small part of the call, not the whole call."""
    text = (open(TEXTS[-1], encoding="utf-8").read() + "\n\n") * 1000  # long enough (> 0.1 s) on a fast, quiet machine
    pipeline.analyze_json(text, tokens=False)  # warm up
    span = {}

    def call():
        span["t0"] = time.perf_counter()
        pipeline.analyze_json(text, tokens=False)
        span["t1"] = time.perf_counter()
    th = threading.Thread(target=call)
    last, gap = time.perf_counter(), 0.0
    th.start()
    while th.is_alive():
        now = time.perf_counter()
        gap, last = max(gap, now - last), now
    duration = span["t1"] - span["t0"]
    assert duration > 0.1, "the call is too short to tell (%.3f s)" % duration
    assert gap < duration / 3, "longest pause %.3f s during a %.3f s call" % (gap, duration)


def test_bad_input_raises_the_library_message(pipeline, tmp_path):
    bad = b"Hola\xff mundo"
    with pytest.raises(hechos.HechosError) as e:
        pipeline.analyze(bad)
    assert e.value.code == "UTF8" and e.value.status == 3 and e.value.offset == 4
    path = tmp_path / "bad.txt"
    path.write_bytes(bad)
    cli = run_cli("extract", str(path), check=False)
    assert cli.returncode == 65
    assert cli.stderr.decode().strip() == "hechos: %s: %s" % (path, e.value.message)
    with pytest.raises(hechos.HechosError) as e:
        pipeline.analyze("a\0b")
    assert e.value.code == "NUL"
    with pytest.raises(hechos.HechosError) as e:
        pipeline.analyze("Texto.", date="2025-13-40")
    assert e.value.code == "FIELD" and "2025-13-40" in str(e.value)
    with pytest.raises(hechos.HechosError) as e:
        pipeline.analyze({"id": 1})
    assert e.value.code == "FIELD" and "text" in e.value.message
    line = '{"id": 1, "text": "sin cerrar'
    with pytest.raises(hechos.HechosError) as e:
        pipeline.analyze_jsonl(line)
    assert e.value.code == "JSON"
    jl = tmp_path / "bad.jsonl"
    jl.write_text(line + "\n")
    cli = run_cli("extract", "--jsonl", str(jl), check=False)
    assert "hechos: %s:1: %s (skipped)" % (jl, e.value.message) in cli.stderr.decode()
    # lenient: replaced, not raised; a lone surrogate is invalid UTF-8 too
    assert pipeline.analyze(bad, lenient=True)["length"]["bytes"] == len(bad)
    with pytest.raises(hechos.HechosError):
        pipeline.analyze("x\ud800y")
    with pytest.raises(TypeError):
        pipeline.analyze(12)
    with pytest.raises(ValueError):
        hechos.Pipeline(stages=["nope"])


def test_analyze_many_error_policies(pipeline):
    items = ["Uno.", b"\xff", "Tres."]
    with pytest.raises(hechos.HechosError):
        list(pipeline.analyze_many(items, threads=2))
    got = list(pipeline.analyze_many(items, threads=2, errors="return"))
    assert isinstance(got[1], hechos.HechosError) and got[2]["length"]["chars"] == 5
    assert len(list(pipeline.analyze_many(items, errors="skip"))) == 2


def test_models_and_stages():
    with hechos.Pipeline(models="/nonexistent") as p:  # no tagger: no mentions
        assert p.analyze("Lo dijo Pedro Sánchez en Madrid.")["mentions"] == []
    with pytest.raises(hechos.HechosError):
        hechos.Pipeline(models="/nonexistent", require_models=True)
    with hechos.Pipeline(stages=["tokens", "numbers"]) as p:
        doc = p.analyze("Llegaron 300 soldados el lunes.", "2025-07-12")
        assert [q["value"] for q in doc["quantities"]] == [300] and doc["times"] == []
    p = hechos.Pipeline()
    p.close()
    p.close()
    with pytest.raises(ValueError):
        p.analyze("x")


def test_recognize_matches_cli(pipeline):
    got = pipeline.recognize("number", "tres mil doscientos y 4,5 millones")
    cli = run_cli("recognize", "--kind", "number", "tres mil doscientos y 4,5 millones").stdout
    assert got == json.loads(cli)


def test_help_is_useful():
    text = pydoc.render_doc(hechos, renderer=pydoc.plaintext)
    for word in ("analyze", "Pipeline", "analyze_many", "Corpus", "HechosError", "dask"):
        assert word in text
    assert "GIL" in pydoc.render_doc(hechos.Pipeline, renderer=pydoc.plaintext)
    assert hechos.library_path().endswith("libhechos.so")
