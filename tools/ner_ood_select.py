#!/usr/bin/env python3
"""ner_ood_select.py — the deterministic choice of the 300 sentences of the blind
out-of-domain NER gold (tests/fixtures/blind/ner_ood_300.tsv, docs/annotation.md).

It reads ../shared at run time and never writes the sentences into the repository;
its output (ids, token counts, and with --show the tokens numbered for the annotator)
goes to stdout or to a file the caller names (keep it under build/).

Selection, by a hash and nothing else (no filtering by content):
  key(id) = sha256("ner-ood-300/" + id); the N ids with the smallest keys are taken.
  - 180 of the 1,400 sentences of ud-es/es_gsd-ud-dev.conllu, id "es_gsd-ud-dev.conllu:SENT_ID";
  - 60 of the 539 sentences of ud-es/es_coser-ud-test.conllu, id "es_coser-ud-test.conllu:SENT_ID";
  - 60 sentences of raw-es/es_corpus_public_domain.txt.xz (read with xzcat), id
    "raw-es:LINE:K" (LINE 1-based line number, K 1-based index of the sentence in the line,
    counting every sentence of the line), among the sentences of >= 6 whitespace words.
Within each source the chosen sentences are listed in file order; sources in the order above.

Tokens: for the UD files the surface tokens (a multiword-token line such as "1-2 del" is
one token and its parts are skipped); for raw-es RAW_TOKEN below: "..." and "…" one token,
a run of letters/digits with inner hyphens or apostrophes one token ("Vasco-Aragonesa",
"L'Hospitalet"), every other non-space character one token ("Sr." is "Sr" + ".").

Sentences of raw-es (one paragraph per line): a line is cut after ".", "!", "?", "…" or
"..." (with any closing quotes/brackets after it) when whitespace follows and the next
character is an uppercase letter or an opening sign (¿ ¡ « " “ ( — -); no cut after a single
capital letter ("D. Juan", "S. Sebastián") or after the abbreviations in ABBREV.
"""
import argparse
import hashlib
import os
import re
import subprocess
import sys

SALT = "ner-ood-300/"
GSD = "ud-es/es_gsd-ud-dev.conllu"
COSER = "ud-es/es_coser-ud-test.conllu"
RAW = "raw-es/es_corpus_public_domain.txt.xz"
QUOTA = ((GSD, 180), (COSER, 60), ("raw-es", 60))
MIN_WORDS = 6

RAW_TOKEN = re.compile(r"\.\.\.|…|\w+(?:['’-]\w+)*|[^\w\s]")
ABBREV = {"sr", "sra", "srta", "sres", "d", "dª", "dña", "ud", "uds", "vd", "vds", "v",
          "dr", "dra", "sto", "sta", "st", "excmo", "excma", "ilmo", "ilma", "etc", "pág",
          "núm", "art", "cap", "ob", "fr", "pbro", "gral", "cía", "id", "vol", "tom"}
# a candidate end: terminal punctuation, closing signs, whitespace, then an opener/capital
SENT_END = re.compile(r"(\.\.\.|…|[.!?])([»\"”’')\]]*)(\s+)(?=[¿¡«\"“(—\-]|[^\W\d_])")


def shared_dir(arg):
    """The ../shared directory: --shared, else $HECHOS_SHARED, else ../shared beside the repo."""
    if arg:
        return arg
    env = os.environ.get("HECHOS_SHARED")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "shared"))


def key(sid):
    return hashlib.sha256((SALT + sid).encode("utf-8")).hexdigest()


def read_conllu(path):
    """Yield (sent_id, surface tokens) for each sentence of a CoNLL-U file."""
    sid, toks, skip_to = None, [], 0
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line:
                if toks:
                    assert sid is not None, f"{path}:{lineno}: sentence without sent_id"
                    yield sid, toks
                sid, toks, skip_to = None, [], 0
                continue
            if line.startswith("#"):
                if line.startswith("# sent_id = "):
                    sid = line[len("# sent_id = "):].strip()
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"{path}:{lineno}: {len(cols)} columns, expected 10")
            tid = cols[0]
            if "." in tid:          # empty node
                continue
            if "-" in tid:          # multiword token: one surface token
                a, b = tid.split("-")
                toks.append(cols[1])
                skip_to = int(b)
                continue
            if int(tid) <= skip_to:
                continue
            toks.append(cols[1])
    if toks:
        yield sid, toks


def split_sentences(line):
    """Cut one paragraph into sentences by the rule in the header; returns the strings."""
    out, start = [], 0
    for m in SENT_END.finditer(line):
        before = line[start:m.start(1)]
        last = re.search(r"(\w+)$", before)
        if m.group(1) == "." and last and (
                last.group(1).lower() in ABBREV
                or (len(last.group(1)) == 1 and last.group(1).isupper())):
            continue
        out.append(line[start:m.end(2)].strip())
        start = m.end(3)
    rest = line[start:].strip()
    if rest:
        out.append(rest)
    return out


def raw_tokens(sentence):
    return RAW_TOKEN.findall(sentence)


def read_raw(path, wanted=None):
    """Yield (id, tokens) for raw-es sentences of >= MIN_WORDS words (only ids in wanted,
    when given; stops once all are found)."""
    proc = subprocess.Popen(["xzcat", path], stdout=subprocess.PIPE)
    left = set(wanted) if wanted is not None else None
    lines = set(int(w.split(":")[1]) for w in wanted) if wanted is not None else None
    try:
        for lineno, raw in enumerate(proc.stdout, 1):
            if lines is not None and lineno not in lines:
                continue
            text = raw.decode("utf-8")
            for k, s in enumerate(split_sentences(text.strip()), 1):
                sid = f"raw-es:{lineno}:{k}"
                if len(s.split()) < MIN_WORDS:
                    continue
                if left is not None:
                    if sid not in left:
                        continue
                    left.discard(sid)
                yield sid, raw_tokens(s)
            if left is not None and not left:
                break
    finally:
        proc.stdout.close()
        proc.kill()
        proc.wait()


def source_of(sid):
    src = sid.split(":", 1)[0]
    return "raw-es" if src == "raw-es" else "ud-es/" + src


def sentences(shared, ids):
    """Map id -> tokens for the given ids (any source); unknown or malformed ids are absent."""
    ids = list(ids)
    out = {}
    for rel in (GSD, COSER):
        want = {i for i in ids if source_of(i) == rel}
        if want:
            name = os.path.basename(rel)
            for sid, toks in read_conllu(os.path.join(shared, "data", rel)):
                if f"{name}:{sid}" in want:
                    out[f"{name}:{sid}"] = toks
    want = [i for i in ids if re.fullmatch(r"raw-es:[1-9][0-9]*:[1-9][0-9]*", i)]
    if want:
        out.update(read_raw(os.path.join(shared, "data", RAW), want))
    return out


def select(shared):
    """The chosen (id, tokens) in the order described in the header."""
    chosen = []
    for rel, n in QUOTA:
        if rel == "raw-es":
            cands = list(read_raw(os.path.join(shared, "data", RAW)))
        else:
            name = os.path.basename(rel)
            cands = [(f"{name}:{sid}", toks)
                     for sid, toks in read_conllu(os.path.join(shared, "data", rel))]
        assert len({c[0] for c in cands}) == len(cands), f"{rel}: duplicate ids"
        picked = {c[0] for c in sorted(cands, key=lambda c: key(c[0]))[:n]}
        chosen.extend(c for c in cands if c[0] in picked)
    return chosen


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", help="the shared data directory (default $HECHOS_SHARED or ../shared)")
    ap.add_argument("--show", action="store_true",
                    help="also print each sentence's tokens numbered from 0 (for the annotator)")
    args = ap.parse_args()
    shared = shared_dir(args.shared)
    if not os.path.isdir(os.path.join(shared, "data")):
        sys.exit(f"ner_ood_select: {shared}/data: no shared data directory")
    for sid, toks in select(shared):
        print(f"{sid}\t{len(toks)}")
        if args.show:
            print("    " + " ".join(f"{i}:{t}" for i, t in enumerate(toks)))


if __name__ == "__main__":
    main()
