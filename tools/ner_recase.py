#!/usr/bin/env python3
"""ner_recase.py -- writes a CoNLL file with its words (first column) rewritten, the other
columns kept: --upper (headlines in capitals), --lower (text in lower case) or --plain (no
accents or other diacritics), for measuring the NER tagger's robustness (issue 17;
tools/ner_score.sh).  Usage: ner_recase.py --upper|--lower|--plain IN OUT
"""
import sys
import unicodedata


def plain(w):
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", w) if unicodedata.category(c) != "Mn"))


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("--upper", "--lower", "--plain"):
        sys.exit(__doc__)
    f = {"--upper": str.upper, "--lower": str.lower, "--plain": plain}[sys.argv[1]]
    with open(sys.argv[2], encoding="utf-8") as src, open(sys.argv[3], "w", encoding="utf-8") as out:
        for line in src:
            cols = line.rstrip("\n").split(" ")
            if cols[0] and cols[0] != "-DOCSTART-":
                w = f(cols[0])
                cols[0] = w if w else cols[0]
            out.write(" ".join(cols) + "\n")


if __name__ == "__main__":
    main()
