#!/usr/bin/env python3
"""conll_corpus.py -- CoNLL-2002 esp.train turned into a corpus of articles (JSON Lines
for `hechos ingest --jsonl`), for the precision check of the corpus layer (issue 23).

esp.train has no -DOCSTART- lines: an article starts at each dateline sentence
("Madrid , 23 may ( EFE ) .", tools/blind_select.py is_dateline) and runs to the next.
The dateline gives the day (May 2000, the EFE wire of the corpus; other months by
their Spanish abbreviation) and the place; the outlet is "EFE".  Sentences are
detokenised as blind_select.detok does.  The data is read from ../shared and written
to standard output (or --out), never into the repository.

Usage: tools/conll_corpus.py [--shared DIR] [--out FILE]
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blind_select import detok, is_dateline, read_conll, shared_dir  # noqa: E402

MONTHS = {"ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7, "ago": 8,
          "sep": 9, "set": 9, "oct": 10, "nov": 11, "dic": 12}


def dateline_date(toks):
    """'2000-MM-DD' from "..., 25 may ( EFE )", or None."""
    for i in range(len(toks) - 1):
        if toks[i].isdigit() and toks[i + 1].lower()[:3] in MONTHS and 1 <= int(toks[i]) <= 31:
            return "2000-%02d-%02d" % (MONTHS[toks[i + 1].lower()[:3]], int(toks[i]))
    return None


def articles(path):
    cur = None
    for num, toks, tags in read_conll(path):
        if is_dateline(toks, tags):
            if cur and cur["sents"]:
                yield cur
            cur = {"first": num, "date": dateline_date(toks), "dateline": detok(toks), "sents": []}
        elif cur is not None:
            cur["sents"].append(detok(toks))
    if cur and cur["sents"]:
        yield cur


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared")
    ap.add_argument("--out")
    a = ap.parse_args()
    path = os.path.join(shared_dir(a.shared), "data", "conll2002", "esp.train")
    out = open(a.out, "w", encoding="utf-8") if a.out else sys.stdout
    n = 0
    for art in articles(path):
        rec = {"id": "esp.train:%d" % art["first"], "source": "EFE", "title": art["dateline"],
               "text": " ".join(art["sents"])}
        if art["date"]:
            rec["date"] = art["date"]
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    print("conll_corpus: %d articles" % n, file=sys.stderr)


if __name__ == "__main__":
    main()
