"""test_dask.py -- hechos.dask on a real local cluster: a scheduler and two worker
processes on loopback, started here as separate programs (dask-scheduler/dask-worker),
exactly as on a real cluster.  20 JSON Lines shards extracted on the cluster must equal
`hechos extract --jsonl -j 1` on each shard byte for byte; with a worker killed
(SIGKILL) mid-run the killed worker's shards are redone elsewhere, the output is
complete, no shard or stored document is duplicated and no partial file remains."""
import json
import os
import random
import signal
import subprocess
import sys

import pytest

pytest.importorskip("dask", reason="python3-dask not installed: hechos.dask tests skipped")
pytest.importorskip("distributed", reason="python3-distributed not installed: "
                                          "hechos.dask tests skipped")
from distributed import Client  # noqa: E402

import hechos.dask as hdask  # noqa: E402
from conftest import ROOT, paragraphs, run_cli  # noqa: E402

NSHARDS = 20


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    """20 shards of ~50 KB of varied records (dates, titles, meta, CRLF, blank lines,
    one broken record in a few), and `hechos extract --jsonl -j 1` of each."""
    d = tmp_path_factory.mktemp("shards")
    rnd = random.Random(7)
    paras = paragraphs()
    paths, ref = [], {}
    for s in range(NSHARDS):
        lines = []
        size = 0
        while size < 50_000:
            n = len(lines)
            rec = {"id": "s%d-%d" % (s, n), "text": "\n\n".join(rnd.sample(paras, rnd.randint(1, 5)))}
            if n % 5:
                rec["date"] = "2025-%02d-%02d" % (rnd.randint(1, 12), rnd.randint(1, 28))
            if n % 7 == 3:
                rec["title"], rec["outlet_id"] = "Noticia %d" % n, n
            line = json.dumps(rec, ensure_ascii=n % 2 == 0)
            lines.append(line)
            size += len(line)
        if s % 4 == 0:
            lines.insert(3, '{"id": "roto", "text": ')   # a broken record, skipped
            lines.insert(5, "   ")                      # a blank line, ignored
        if s % 5 == 1:
            lines[1] += "\r"                            # CRLF
        path = d / ("shard-%02d.jsonl" % s)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(str(path))
        ref[path.name] = run_cli("extract", "--jsonl", "-j", "1", "--date", "2025-07-12",
                                 str(path)).stdout
    return paths, ref


class Cluster:
    """A dask-scheduler and N dask-worker processes (one thread each, no nanny, so that
    a killed worker stays dead) on 127.0.0.1, stopped by close()."""

    def __init__(self, tmp, nworkers=2):
        self.tmp = tmp
        self.procs = []
        sfile = str(tmp / "scheduler.json")
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"),
                   HECHOS_MODELS=os.path.join(ROOT, "models"))
        self.log = open(tmp / "cluster.log", "wb")
        self.procs.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
             "--port", "0", "--no-dashboard", "--scheduler-file", sfile],
            env=env, stdout=self.log, stderr=subprocess.STDOUT))
        self.workers = []  # started at once: a worker waits for the scheduler file
        for i in range(nworkers):
            p = subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file", sfile,
                 "--nthreads", "1", "--no-nanny", "--no-dashboard", "--host", "127.0.0.1",
                 "--local-directory", str(tmp / ("w%d" % i))],
                env=env, stdout=self.log, stderr=subprocess.STDOUT)
            self.procs.append(p)
            self.workers.append(p)
        self.client = Client(scheduler_file=sfile, timeout=30)
        self.client.wait_for_workers(nworkers, timeout=30)

    def close(self):
        self.client.close()
        for p in self.procs:  # test processes: no need for a graceful shutdown
            if p.poll() is None:
                p.kill()
            p.wait()
        self.log.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """One cluster for the module; the test that kills a worker runs last."""
    c = Cluster(tmp_path_factory.mktemp("cluster"))
    yield c
    c.close()


def check_output(out_dir, ref):
    assert sorted(os.listdir(out_dir)) == sorted(ref), "missing, extra or temporary files"
    for name, want in ref.items():
        with open(os.path.join(out_dir, name), "rb") as f:
            got = f.read()
        assert got == want, "%s differs from hechos extract -j 1" % name


def test_cluster_extract_equals_cli(cluster, shards, tmp_path):
    paths, ref = shards
    out = tmp_path / "out"
    seen = []
    res = hdask.extract(cluster.client, paths, str(out), date="2025-07-12",
                        progress=lambda done, total, r: seen.append((done, total)))
    check_output(str(out), ref)
    assert [os.path.basename(r["shard"]) for r in res] == [os.path.basename(p) for p in paths]
    assert seen[-1] == (NSHARDS, NSHARDS) and len(seen) == NSHARDS
    pids = {r["pid"] for r in res}
    assert pids <= {w.pid for w in cluster.workers} and len(pids) == 2, "both workers worked"
    assert sum(len(r["skipped"]) for r in res) == 5  # the broken records, reported
    assert all(r["skipped"] == [[4, r["skipped"][0][1]]] for r in res if r["skipped"])

    # the command line, against the same scheduler: same files, skipped records reported
    out2 = tmp_path / "out2"
    addr = cluster.client.scheduler.address
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
    p = subprocess.run([sys.executable, "-m", "hechos.dask", "--scheduler", addr, "--out", str(out2),
                        "--date", "2025-07-12", *paths], env=env, capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 1, p.stderr  # 1: some records skipped, as hechos extract
    assert p.stderr.count("(skipped)") == 5 and "20/20 shards" in p.stderr
    check_output(str(out2), ref)


def test_killed_worker_shards_are_redone(cluster, shards, tmp_path):
    paths, ref = shards
    out, db = tmp_path / "out", str(tmp_path / "corpus.db")
    killed = {}

    def kill_one(done, total, res):
        # After the third shard, kill the first worker seen busy; when none is busy at
        # this moment (a loaded machine: both may sit between two shards), try again at
        # the next shard rather than kill an idle one.
        if killed or done < 3:
            return
        pids = cluster.client.run(os.getpid)  # {address: pid}
        busy = cluster.client.processing()    # {address: keys being processed}
        victim, addr = None, None
        for w in cluster.workers:
            a = next((a for a, pid in pids.items() if pid == w.pid), None)
            if w.poll() is None and a is not None and busy.get(a):
                victim, addr = w, a
                break
        if victim is None:
            return
        killed["busy"] = list(busy[addr])
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        killed["pid"], killed["addr"] = victim.pid, addr

    res = hdask.extract(cluster.client, paths, str(out), date="2025-07-12", store=db,
                        progress=kill_one)
    assert killed.get("busy"), "no worker was busy when a shard finished: nothing to redo"
    check_output(str(out), ref)   # complete, exact, and no temporary left behind
    assert len(res) == NSHARDS

    def story(dask_scheduler):
        return [(t[0], t[1], t[2]) for t in dask_scheduler.transition_log]
    log = cluster.client.run_on_scheduler(story)
    taken_back = {k for k, a, b in log if a == "processing" and b in ("released", "waiting")}
    assert taken_back, "no task was taken back from the killed worker"
    survivor = next(w.pid for w in cluster.workers if w.pid != killed["pid"])
    redone = [r for r in res if any(str(k).endswith("-" + os.path.basename(r["shard"]))
                                    for k in taken_back)]
    assert redone and all(r["pid"] == survivor for r in redone)

    # the store holds each good record once: the same as `hechos ingest` of the shards
    good = sum(r["written"] for r in res)
    assert sum(r["ingested"] + r["already"] for r in res) == good
    ref_db = str(tmp_path / "ref.db")
    run_cli("ingest", "--quiet", "--db", ref_db, "--date", "2025-07-12", "--jsonl", *paths)
    import hechos
    with hechos.Corpus(db) as ours, hechos.Corpus(ref_db) as theirs:
        assert ours.stats() == theirs.stats()
        assert ours.stats()["documents"] == sum(r["ingested"] for r in res)


def test_command_line_errors(tmp_path, capsys):
    from hechos.dask.__main__ import main
    for args, code, words in ((["--out", str(tmp_path), "x.jsonl"], 64, "--scheduler"),
                              (["--local", "1", "--out", str(tmp_path), "--date", "12/07/2025",
                                "x.jsonl"], 64, "YYYY-MM-DD"),
                              (["--local", "0", "--out", str(tmp_path), "x.jsonl"], 64, "--local"),
                              (["--local", "1", "--out", str(tmp_path),
                                str(tmp_path / "none.jsonl")], 66, "none.jsonl: No such file")):
        try:
            rc = main(args)
        except SystemExit as e:
            rc = e.code
        assert rc == code and words in capsys.readouterr().err


def test_duplicate_shard_names_are_refused(tmp_path):
    with pytest.raises(ValueError):
        hdask.extract(None, ["a/x.jsonl", "b/x.jsonl"], str(tmp_path))


def test_extract_shard_alone_is_atomic(tmp_path, shards):
    """The task itself, without a cluster: a failing write leaves no file at all."""
    import hechos
    paths, ref = shards
    out = tmp_path / "one.jsonl"
    with hechos.Pipeline() as p:
        r = hdask.extract_shard(paths[1], str(out), "2025-07-12", pipeline=p)
        assert out.read_bytes() == ref[os.path.basename(paths[1])]
        assert r["written"] == r["records"]
        with pytest.raises(FileNotFoundError):
            hdask.extract_shard(str(tmp_path / "missing.jsonl"), str(tmp_path / "m.jsonl"),
                                pipeline=p)
    assert sorted(os.listdir(tmp_path)) == ["one.jsonl"]


def test_ingest_reports_what_the_store_refuses(tmp_path):
    """Lenient extraction of a record with invalid UTF-8: the shard is written, and the
    document the store cannot take is reported, not fatal; the others are stored."""
    import hechos
    shard = tmp_path / "in.jsonl"
    shard.write_bytes(b'{"id": "a", "text": "Llegaron 300 soldados."}\n'
                      b'{"id": "b", "text": "Mal \xff byte."}\n'
                      b'{"id": "c", "text": "Otro texto."}\n')
    with hechos.Pipeline() as p, hechos.Corpus(str(tmp_path / "c.db"), write=True) as c:
        r = hdask.extract_shard(str(shard), str(tmp_path / "out.jsonl"), lenient=True, pipeline=p)
        assert r["written"] == 3
        hdask._ingest_shard(c, r, hdask.MAX_RECORD)
        assert r["ingested"] + len(r["store_errors"]) == 3 and r["ingested"] >= 2
        assert all(line == 2 for line, _ in r["store_errors"])
        assert c.stats()["documents"] == r["ingested"]
