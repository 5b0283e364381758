"""hechos.dask -- extraction spread over a Dask distributed cluster.

``extract(client, inputs, out_dir)`` runs one task per JSON Lines shard: the worker
analyses every record of the shard exactly as ``hechos extract --jsonl`` does and
writes ``out_dir/NAME`` (the shard's own file name).  Each worker loads the models once,
through a worker plugin (``HechosPlugin``), and reuses them for every shard it runs;
workers that join later get the plugin too.  The same code runs on a laptop
(``Client(LocalCluster())``) and on a real cluster (``Client("tcp://scheduler:8786")``);
there the input and output paths must be visible to every worker and to the client
(a shared file system).

Invariants:
  * Output shards appear whole or not at all: a task writes ``.NAME.<random>.tmp`` in
    ``out_dir``, flushes and fsyncs it, then renames it over ``NAME`` (atomic on one
    file system).  A worker killed mid-shard leaves only a hidden temporary file, which
    ``extract`` removes at the end; the scheduler gives the shard to another worker.
  * A task is a pure function of its shard and options, so a shard redone after a
    worker died, or run twice, yields the same bytes; nothing is appended anywhere.
  * Bad records are skipped and reported (file and line), never fatal to the shard.
  * Optional ingestion into a corpus store (``store=``) happens in the client, one
    shard at a time as shards finish, so one process writes the SQLite file; the store
    is idempotent (content hash), so a shard ingested twice adds nothing.

Command line: ``python3 -m hechos.dask --scheduler ADDR --out DIR shards/*.jsonl``.
"""
from __future__ import annotations

import glob
import json
import os
import time
import uuid
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from distributed import WorkerPlugin, as_completed, get_worker

from ..pipeline import Pipeline, _Line
from .._native import HechosError

__all__ = ["extract", "HechosPlugin", "extract_shard", "PLUGIN_NAME"]

PLUGIN_NAME = "hechos"
MAX_RECORD = 256 << 20  # as `hechos extract --max-record`


class HechosPlugin(WorkerPlugin):
    """Loads a ``hechos.Pipeline`` once per worker (at setup) and frees it at teardown.

    Args:
        models: models directory on the workers (None: each worker's default).
    """

    name = PLUGIN_NAME

    def __init__(self, models: Optional[str] = None):
        self.models = models
        self.pipeline: Optional[Pipeline] = None

    def setup(self, worker: Any) -> None:
        self.pipeline = Pipeline(models=self.models)

    def teardown(self, worker: Any) -> None:
        if self.pipeline is not None:
            self.pipeline.close()
            self.pipeline = None


def _worker_pipeline() -> Tuple[Pipeline, str]:
    """The pipeline of the worker running this task, and the worker's address."""
    worker = get_worker()
    plugin = worker.plugins.get(PLUGIN_NAME)
    if plugin is None or plugin.pipeline is None:
        raise RuntimeError("hechos.dask: the HechosPlugin is not registered on this worker")
    return plugin.pipeline, worker.address


def _records(path: str, max_record: int) -> Iterator[Tuple[int, Optional[bytes]]]:
    """(line number, record) for every non-blank line of a JSON Lines file, the way
    `hechos extract --jsonl` reads them: a trailing CR dropped, lines of blanks skipped;
    a record longer than max_record comes as None."""
    with open(path, "rb") as f:
        for lineno, line in enumerate(f, 1):
            line = line[:-1] if line.endswith(b"\n") else line
            line = line[:-1] if line.endswith(b"\r") else line
            if not line.strip(b" \t\r"):
                continue
            yield lineno, (line if len(line) <= max_record else None)


def _write_atomically(out_path: str, write: Callable[[Any], None]) -> None:
    """Calls write(file) on a hidden temporary beside out_path, then renames it."""
    d, name = os.path.split(out_path)
    tmp = os.path.join(d, ".%s.%s.tmp" % (name, uuid.uuid4().hex))
    try:
        with open(tmp, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out_path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def extract_shard(path: str, out_path: str, date: Optional[str] = None, tokens: bool = True,
                  lenient: bool = False, max_record: int = MAX_RECORD,
                  pipeline: Optional[Pipeline] = None) -> Dict[str, Any]:
    """Analyses one JSON Lines shard into out_path (atomically); the task of ``extract``.

    Returns ``{"shard", "out", "records", "written", "skipped": [[line, message]],
    "bytes", "seconds", "worker", "pid"}``.  Without ``pipeline``, uses the worker's.
    """
    t0 = time.perf_counter()
    worker = None
    if pipeline is None:
        pipeline, worker = _worker_pipeline()
    stats: Dict[str, Any] = {"shard": path, "out": out_path, "records": 0, "written": 0,
                             "skipped": [], "bytes": os.path.getsize(path), "worker": worker,
                             "pid": os.getpid()}

    def write(f: Any) -> None:
        for lineno, rec in _records(path, max_record):
            stats["records"] += 1
            if rec is None:
                stats["skipped"].append([lineno, "record longer than %d bytes" % max_record])
                continue
            try:
                out = pipeline._json_bytes(_Line(rec), date, None, tokens=tokens, lenient=lenient)
            except HechosError as e:
                stats["skipped"].append([lineno, e.message])
                continue
            f.write(out)
            f.write(b"\n")
            stats["written"] += 1

    _write_atomically(out_path, write)
    stats["seconds"] = time.perf_counter() - t0
    return stats


def _ingest_shard(corpus: Any, result: Dict[str, Any], max_record: int) -> None:
    """Stores the analysed documents of one finished shard: each output line is joined
    with the text of its input record (the input's non-blank lines minus the skipped
    ones, in order).  Sets result["ingested"] (documents added), result["already"]
    (stored before) and result["store_errors"] ([line, message] of documents the store
    refused; the others are stored)."""
    skipped = {line for line, _ in result["skipped"]}
    added = dup = 0
    errors: List[List[Any]] = []
    with open(result["out"], "rb") as out:
        for lineno, rec in _records(result["shard"], max_record):
            if lineno in skipped or rec is None:
                continue
            doc = out.readline().rstrip(b"\n")
            assert doc.endswith(b"}"), "output shard shorter than its input"
            try:
                text = json.loads(rec.decode("utf-8", "surrogateescape"))["text"]
                member = json.dumps(text, ensure_ascii=False).encode("utf-8", "surrogateescape")
                if corpus.ingest_json(doc[:-1] + b',"text":' + member + b"}"):
                    added += 1
                else:
                    dup += 1
            except (HechosError, ValueError, KeyError, TypeError) as e:
                errors.append([lineno, "not stored: %s" % e])
    result["ingested"], result["already"], result["store_errors"] = added, dup, errors


def _remove_temporaries(out_dir: str, names: Sequence[str]) -> int:
    n = 0
    for name in names:
        for tmp in glob.glob(os.path.join(glob.escape(out_dir), ".%s.*.tmp" % glob.escape(name))):
            try:
                os.unlink(tmp)
                n += 1
            except OSError:
                pass
    return n


def extract(client: Any, inputs: Sequence[str], out_dir: str, *, date: Optional[str] = None,
            tokens: bool = True, lenient: bool = False, models: Optional[str] = None,
            store: Optional[str] = None, max_record: int = MAX_RECORD,
            progress: Optional[Callable[[int, int, Dict[str, Any]], None]] = None
            ) -> List[Dict[str, Any]]:
    """Analyses JSON Lines shards on a Dask cluster, one task per shard.

    Args:
        client: a ``distributed.Client`` (``Client("tcp://host:8786")``, ``Client(LocalCluster())``).
        inputs: paths of JSON Lines shards (one article per line, as ``hechos extract
            --jsonl``); their file names must differ.  Paths are made absolute here and
            must be readable by the workers.
        out_dir: where ``NAME`` (the shard's file name) receives the documents of shard
            ``NAME``, one JSON per line, byte for byte what ``hechos extract --jsonl``
            prints; created when missing.
        date, tokens, lenient, max_record: as ``hechos extract`` ``--date``,
            ``--no-tokens``, ``--lenient``, ``--max-record``.
        models: models directory on the workers (None: each worker's default).
        store: a corpus store file (``hechos ingest``) to add every document to, from the
            client, as shards finish.
        progress: called as ``progress(done, total, result)`` after each shard.

    Returns:
        One stats dict per shard, in input order (see ``extract_shard``), plus
        ``"ingested"``/``"already"`` counts and ``"store_errors"`` ([line, message] of
        documents the store refused) when ``store`` is given.

    Raises:
        ValueError: two inputs with one file name.  Exceptions of a task (an unreadable
        shard) are re-raised here after the other shards finished.
    """
    paths = [os.path.abspath(p) for p in inputs]
    names = [os.path.basename(p) for p in paths]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise ValueError("hechos.dask: two inputs named %s would write one output" % dup[0])
    out_dir = os.path.abspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    client.register_worker_plugin(HechosPlugin(models), name=PLUGIN_NAME)
    run = uuid.uuid4().hex[:8]
    futures = [client.submit(extract_shard, p, os.path.join(out_dir, n), date, tokens, lenient,
                             max_record, key="hechos-%s-%d-%s" % (run, i, n), pure=False)
               for i, (p, n) in enumerate(zip(paths, names))]
    index = {f.key: i for i, f in enumerate(futures)}
    results: List[Optional[Dict[str, Any]]] = [None] * len(futures)
    corpus = None
    if store is not None:
        from ..corpus import Corpus
        corpus = Corpus(store, write=True)
    failure: Optional[BaseException] = None
    try:
        for done, fut in enumerate(as_completed(futures), 1):
            try:
                res = fut.result()
            except Exception as e:  # reported after the other shards
                failure = failure or e
                continue
            if corpus is not None:
                _ingest_shard(corpus, res, max_record)
                corpus.commit()
            results[index[fut.key]] = res
            if progress is not None:
                progress(done, len(futures), res)
    finally:
        if corpus is not None:
            corpus.close()
        _remove_temporaries(out_dir, names)
    if failure is not None:
        raise failure
    return [r for r in results if r is not None]
