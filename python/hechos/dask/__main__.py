"""python3 -m hechos.dask -- ``hechos extract --jsonl`` over a Dask cluster, one task per
shard, with a progress bar on standard error.

    python3 -m hechos.dask --scheduler tcp://HOST:8786 --out DIR [--store DB]
                           [--date YYYY-MM-DD] [--no-tokens] [--lenient] [--models DIR]
                           [--quiet] SHARD.jsonl...

Without --scheduler, ``--local N`` starts a cluster of N worker processes on this
machine.  Exit status as ``hechos extract``: 0 everything analysed, 1 some records
skipped (each reported as ``hechos: FILE:LINE: message (skipped)``), 64 usage error,
66 an input file missing, 70 a task failed.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any, Dict, List, Optional

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_NOINPUT, EXIT_SOFTWARE = 0, 1, 64, 66, 70


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # sysexits' usage error, like the C CLI
        self.print_usage(sys.stderr)
        print("hechos.dask: %s" % message, file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _date(v: str) -> str:
    ok = len(v) == 10 and v[4] == "-" and v[7] == "-" and (v[:4] + v[5:7] + v[8:]).isdigit()
    if not ok:
        raise argparse.ArgumentTypeError("--date wants YYYY-MM-DD, not '%s'" % v)
    return v


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = _Parser(prog="python3 -m hechos.dask",
                description="Analyse JSON Lines shards on a Dask cluster, one task per shard; "
                            "DIR/NAME gets the documents of shard NAME.")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", metavar="ADDR", help="scheduler address, tcp://host:8786")
    where.add_argument("--local", metavar="N", type=int, help="start N local worker processes")
    p.add_argument("--out", metavar="DIR", required=True, help="output directory")
    p.add_argument("--store", metavar="DB", help="also ingest every document into this store")
    p.add_argument("--date", type=_date, help="publication date of records without one")
    p.add_argument("--no-tokens", action="store_true", help="leave the token lists out")
    p.add_argument("--lenient", action="store_true", help="replace invalid UTF-8 by U+FFFD")
    p.add_argument("--models", metavar="DIR", help="models directory on the workers")
    p.add_argument("--quiet", action="store_true", help="no progress bar, only problems")
    p.add_argument("shards", nargs="+", metavar="SHARD.jsonl")
    a = p.parse_args(argv)
    if a.local is not None and a.local < 1:
        p.error("--local wants at least 1 worker")
    return a


class Progress:
    """A progress bar on a terminal, else one line per finished shard."""

    def __init__(self, total_bytes: int, stream: Any = sys.stderr, quiet: bool = False):
        self.total_bytes, self.stream, self.quiet = total_bytes, stream, quiet
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.start = time.monotonic()
        self.done_bytes = 0

    def __call__(self, done: int, total: int, res: Dict[str, Any]) -> None:
        self.done_bytes += res["bytes"]
        if self.quiet:
            return
        el = max(time.monotonic() - self.start, 1e-9)
        rate = self.done_bytes / el / 1e6
        frac = self.done_bytes / self.total_bytes if self.total_bytes else done / total
        eta = el * (1 - frac) / frac if frac > 0 else 0.0
        if self.tty:
            bar = "#" * int(30 * frac) + "-" * (30 - int(30 * frac))
            self.stream.write("\r[%s] %d/%d shards  %.1f MB/s  ETA %ds " % (bar, done, total,
                                                                            rate, eta))
            if done == total:
                self.stream.write("\n")
        else:
            self.stream.write("hechos.dask: %d/%d shards (%3.0f%%) %s: %d documents, %.1f MB/s\n"
                              % (done, total, 100 * frac, os.path.basename(res["shard"]),
                                 res["written"], rate))
        self.stream.flush()


def main(argv: Optional[List[str]] = None) -> int:
    a = parse_args(argv)
    for s in a.shards:
        if not os.path.isfile(s):
            print("hechos.dask: %s: No such file" % s, file=sys.stderr)
            return EXIT_NOINPUT
    from distributed import Client, LocalCluster  # after the argument checks: slow import
    from . import extract

    cluster = LocalCluster(n_workers=a.local, threads_per_worker=1) if a.local else None
    client = Client(cluster if cluster is not None else a.scheduler)
    bar = Progress(sum(os.path.getsize(s) for s in a.shards), quiet=a.quiet)
    try:
        results = extract(client, a.shards, a.out, date=a.date, tokens=not a.no_tokens,
                          lenient=a.lenient, models=a.models, store=a.store, progress=bar)
    except Exception as e:
        print("hechos.dask: %s" % e, file=sys.stderr)
        return EXIT_SOFTWARE
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    rc = EXIT_OK
    records = skipped = 0
    for r in results:
        records += r["records"]
        for line, msg in r["skipped"] + r.get("store_errors", []):
            print("hechos: %s:%d: %s (skipped)" % (r["shard"], line, msg), file=sys.stderr)
            skipped += 1
            rc = EXIT_SKIPPED
    el = time.monotonic() - bar.start
    if not a.quiet or skipped:
        print("hechos.dask: %d shards, %d records, %d skipped, %.1f MB in %.1f s" % (
            len(results), records, skipped, bar.done_bytes / 1e6, el), file=sys.stderr)
    return rc


if __name__ == "__main__":
    sys.exit(main())
