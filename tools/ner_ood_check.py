#!/usr/bin/env python3
"""ner_ood_check.py — checks the blind out-of-domain NER gold against ../shared and
writes it in CoNLL-2002 format for scoring (docs/annotation.md, "Named entities (out of
domain)").

The gold file (tests/fixtures/blind/ner_ood_300.tsv) holds, per sentence, one line of
tab-separated fields:
    ID <TAB> NTOK [<TAB> I J TYPE "TEXT"]...
ID as in tools/ner_ood_select.py, NTOK its number of tokens, then one field per entity:
tokens [I, J) counted from 0, TYPE one of PER ORG LOC MISC, TEXT the tokens I..J-1 joined
by one space, in double quotes (the text may itself contain quotes).  Spans are in order
and do not overlap.  Lines starting with "#" and blank lines are comments.

Checks: every line well formed, every id known and listed once, the token count and each
span's text equal to what ../shared gives, spans inside the sentence, sorted, disjoint.
The first problem found in a line is reported as FILE:LINE: message; exit status 1 if any,
77 when ../shared is absent (then only the format of the file has been checked).
With --conll OUT it writes "word TAG" lines (BIO, as esp.train's IOB2), a blank line after
each sentence, for bin/conlleval once a prediction column is added.  It never runs hechos.
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ner_ood_select as sel  # noqa: E402  (the sentence readers and the selection)

TYPES = ("PER", "ORG", "LOC", "MISC")


class GoldError(Exception):
    pass


def parse_span(field):
    """'I J TYPE "TEXT"' -> (i, j, type, text)."""
    parts = field.split(" ", 3)
    if len(parts) != 4:
        raise GoldError(f"span {field!r}: expected I J TYPE \"TEXT\"")
    i, j, typ, text = parts
    if not (i.isdigit() and j.isdigit()):
        raise GoldError(f"span {field!r}: I and J must be numbers")
    if typ not in TYPES:
        raise GoldError(f"span {field!r}: type {typ!r} is not one of {' '.join(TYPES)}")
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise GoldError(f"span {field!r}: the text must be in double quotes")
    return int(i), int(j), typ, text[1:-1]


def read_gold(path):
    """Yield (line number, id, ntok, spans) for each sentence line."""
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            try:
                if len(fields) < 2 or not fields[1].isdigit():
                    raise GoldError("expected ID <TAB> NTOK [<TAB> span]...")
                spans = [parse_span(fl) for fl in fields[2:]]
            except GoldError as e:
                raise GoldError(f"{path}:{lineno}: {e}") from None
            yield lineno, fields[0], int(fields[1]), spans


def check_sentence(sid, ntok, spans, toks):
    """Raise GoldError on the first disagreement between the line and the tokens."""
    if toks is None:
        raise GoldError(f"{sid}: no such sentence in ../shared")
    if ntok != len(toks):
        raise GoldError(f"{sid}: {ntok} tokens in the gold, {len(toks)} in ../shared")
    end = 0
    for i, j, typ, text in spans:
        if not (0 <= i < j <= len(toks)):
            raise GoldError(f"{sid}: span [{i}, {j}) outside the {len(toks)} tokens")
        if i < end:
            raise GoldError(f"{sid}: span [{i}, {j}) overlaps or precedes the previous one")
        surface = " ".join(toks[i:j])
        if surface != text:
            raise GoldError(f"{sid}: span [{i}, {j}) {typ} is {surface!r}, the gold says {text!r}")
        end = j


def bio(ntok, spans):
    tags = ["O"] * ntok
    for i, j, typ, _ in spans:
        tags[i] = "B-" + typ
        for k in range(i + 1, j):
            tags[k] = "I-" + typ
    return tags


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="?", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "blind",
        "ner_ood_300.tsv"))
    ap.add_argument("--shared", help="the shared data directory (default $HECHOS_SHARED or ../shared)")
    ap.add_argument("--conll", metavar="OUT", help="write word/tag lines (CoNLL-2002) to OUT")
    ap.add_argument("--selection", action="store_true",
                    help="also check that the ids are exactly those tools/ner_ood_select.py "
                         "chooses (reads all of raw-es: about two minutes)")
    args = ap.parse_args()
    try:
        rows = list(read_gold(args.gold))
    except (GoldError, OSError, UnicodeDecodeError) as e:
        print(f"ner_ood_check: {e}", file=sys.stderr)
        return 1
    shared = sel.shared_dir(args.shared)
    if not os.path.isdir(os.path.join(shared, "data")):
        print(f"ner_ood_check: {shared}/data: no shared data directory; only the format was checked",
              file=sys.stderr)
        return 77
    seen = collections.Counter(r[1] for r in rows)
    errors = [f"{args.gold}: id {sid} listed {n} times" for sid, n in seen.items() if n > 1]
    toks = sel.sentences(shared, seen)
    for lineno, sid, ntok, spans in rows:
        try:
            check_sentence(sid, ntok, spans, toks.get(sid))
        except GoldError as e:
            errors.append(f"{args.gold}:{lineno}: {e}")
    if args.selection:
        chosen = [sid for sid, _ in sel.select(shared)]
        if chosen != [r[1] for r in rows]:
            errors.append(f"{args.gold}: the ids are not the selection of ner_ood_select.py "
                          "(same ids, same order)")
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        return 1
    if args.conll:
        os.makedirs(os.path.dirname(os.path.abspath(args.conll)), exist_ok=True)
        with open(args.conll, "w", encoding="utf-8") as out:
            for _, sid, ntok, spans in rows:
                for word, tag in zip(toks[sid], bio(ntok, spans)):
                    out.write(f"{word} {tag}\n")
                out.write("\n")
    report(rows)
    return 0


def report(rows):
    by_src = collections.defaultdict(collections.Counter)
    for _, sid, ntok, spans in rows:
        src = sid.split(":", 1)[0]
        c = by_src[src]
        c["sentences"] += 1
        c["tokens"] += ntok
        c["no entity"] += not spans
        for _, _, typ, _ in spans:
            c[typ] += 1
    total = collections.Counter()
    cols = ("sentences", "tokens", "no entity") + TYPES
    print("source\t" + "\t".join(cols) + "\tall")
    for src, c in by_src.items():
        total.update(c)
        print(src + "\t" + "\t".join(str(c[k]) for k in cols) + f"\t{sum(c[t] for t in TYPES)}")
    print("total\t" + "\t".join(str(total[k]) for k in cols) + f"\t{sum(total[t] for t in TYPES)}")


if __name__ == "__main__":
    sys.exit(main())
