#!/usr/bin/env python3
"""Deterministic random selection of sentences from CoNLL-2002 esp.train for the blind gold.

Holds: the sentence reader shared by tools/blind_check.py (read_conll) and the selection rule.
Invariants: sentences are numbered from 0 in file order (a sentence is a run of non-blank lines);
a sentence is eligible when it has >= 6 tokens and is not a dateline alone ("Ciudad (País),
25 may (EFE)." — it ends with "( EFE )" or "( EFECOM )" and an optional full stop);
eligible sentences are ordered by FNV-1a 64 of "esp.train:<number>" passed through the
MurmurHash3 64-bit finaliser (fmix64), ties by number, and the first N (200) are kept.
The finaliser is needed: FNV-1a alone barely mixes the last bytes into the high bits, so
ordering by raw FNV-1a picks runs of consecutive numbers (4833, 4834, 4838 ...: a few
articles, not a random sample).  The repository keeps only the numbers: the data is read
from ../shared at run time and never copied.

Usage: tools/blind_select.py [--shared DIR] [--n 200] [--text]
  prints one sentence number per line (with --text: number, token count, detokenised text;
  for the annotator's eyes only, not for the repository).
"""
import argparse
import os
import sys

FNV_OFFSET = 0xcbf29ce484222325
FNV_PRIME = 0x100000001b3


def fnv1a64(data: bytes) -> int:
    h = FNV_OFFSET
    for b in data:
        h ^= b
        h = (h * FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return h


def fmix64(h: int) -> int:
    """MurmurHash3 finaliser: every input bit affects every output bit."""
    h ^= h >> 33
    h = (h * 0xff51afd7ed558ccd) & 0xFFFFFFFFFFFFFFFF
    h ^= h >> 33
    h = (h * 0xc4ceb9fe1a85ec53) & 0xFFFFFFFFFFFFFFFF
    h ^= h >> 33
    return h


def sample_key(num: int) -> int:
    return fmix64(fnv1a64(f"esp.train:{num}".encode()))


def read_conll(path):
    """Yield (number, tokens, tags) for each sentence of a CoNLL-2002 file (latin-1 or UTF-8)."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    n = 0
    toks, tags = [], []
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            if toks:
                yield n, toks, tags
                n += 1
                toks, tags = [], []
            continue
        parts = line.split(" ")
        if len(parts) < 2:
            raise ValueError(f"{path}:{lineno}: expected 'TOKEN POS [NER]', got {line!r}")
        toks.append(parts[0])
        tags.append(parts[1])
    if toks:
        yield n, toks, tags


def is_dateline(toks, tags):
    """A dateline alone: the sentence ends with '( EFE )' or '( EFECOM )' (and perhaps '.');
    whatever precedes it is the place and date header ("EFE - Cantabria Madrid , 23 may ( EFE )
    ."). The POS tags are not used: they are noisy on datelines ("Cantabria VMI")."""
    del tags
    end = toks[:-1] if toks and toks[-1] == "." else toks
    return len(end) >= 3 and end[-3] == "(" and end[-2].startswith("EFE") and end[-1] == ")"


def eligible(toks, tags):
    return len(toks) >= 6 and not is_dateline(toks, tags)


def select(path, n):
    cands = []
    for num, toks, tags in read_conll(path):
        if eligible(toks, tags):
            cands.append((sample_key(num), num, toks))
    cands.sort()
    return [(num, toks) for _, num, toks in cands[:n]]


def detok(toks):
    out = ""
    for t in toks:
        if out and t not in ",.;:)?!»" and not out.endswith(("(", "¿", "¡", "«")):
            out += " "
        out += t
    return out


def shared_dir(arg):
    return arg or os.environ.get("HECHOS_SHARED") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", help="the shared data folder (default $HECHOS_SHARED or ../shared)")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--text", action="store_true", help="also print token count and text")
    a = ap.parse_args()
    path = os.path.join(shared_dir(a.shared), "data", "conll2002", "esp.train")
    if not os.path.exists(path):
        print(f"blind_select: {path}: not found", file=sys.stderr)
        return 77
    for num, toks in select(path, a.n):
        if a.text:
            print(f"{num}\t{len(toks)}\t{detok(toks)}")
        else:
            print(num)
    return 0


if __name__ == "__main__":
    sys.exit(main())
