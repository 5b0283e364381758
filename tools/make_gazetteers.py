#!/usr/bin/env python3
"""make_gazetteers.py -- regenerates the generated word lists in data/ner/ from Debian data.

  data/ner/loc.txt      place names: countries (iso-codes ISO 3166-1 and -3, English and
                        Spanish), subdivisions (ISO 3166-2), cities of the tz database
  data/ner/dict_es.txt  lower-case Spanish words (the wspanish word list)

Needs the Debian packages iso-codes, gettext (msgunfmt), tzdata and wspanish.  The
tagger's trainer reads these lists (and the hand-written ones beside them: per.txt,
sport.txt) and stores membership flags in the model's lexicon; the lists are only needed
to train.  Run from the repository root: python3 tools/make_gazetteers.py
"""
import json
import os
import re
import subprocess

OUT = "data/ner"
ISO = "/usr/share/iso-codes/json"
MO = "/usr/share/locale/es/LC_MESSAGES"


def msgstrs(domain):
    """The Spanish translations (msgid, msgstr) of an iso-codes gettext domain."""
    path = os.path.join(MO, domain + ".mo")
    if not os.path.exists(path):
        return []
    text = subprocess.run(["msgunfmt", path], capture_output=True, text=True, check=True).stdout
    pairs = re.findall(r'msgid "(.*)"\nmsgstr "(.*)"', text)
    return [(a, b) for a, b in pairs if a and b]


def clean(name):
    """'Asturias, Principado de' -> ['Asturias', 'Principado de Asturias']; drops notes."""
    name = re.sub(r"\s*[\[(].*?[\])]", "", name).replace("*", "").strip()
    out = [name]
    if ", " in name:
        head, tail = name.split(", ", 1)
        out = [head, tail + " " + head]
    return [n for n in out if n]


def places():
    names = set()
    for f, key in (("iso_3166-1.json", "3166-1"), ("iso_3166-3.json", "3166-3"),
                   ("iso_3166-2.json", "3166-2")):
        for e in json.load(open(os.path.join(ISO, f)))[key]:
            for k in ("name", "common_name", "official_name"):
                if k in e:
                    for n in clean(e[k]):
                        names.add(n)
    for dom in ("iso_3166-1", "iso_3166-2", "iso_3166-3"):
        for _, es in msgstrs(dom):
            for n in clean(es):
                names.add(n)
    for root, _, files in os.walk("/usr/share/zoneinfo"):
        rel = os.path.relpath(root, "/usr/share/zoneinfo")
        if rel.split("/")[0] in ("posix", "right", "Etc", "SystemV"):
            continue
        for f in files:
            if f[0].isupper() and "." not in f and not any(c.isdigit() for c in f):
                names.add(f.replace("_", " "))
    return sorted(n for n in names if len(n) > 1)


def words():
    out = set()
    for line in open("/usr/share/dict/spanish", encoding="utf-8"):
        w = line.strip()
        if w and w == w.lower() and w.isalpha():
            out.add(w)
    return sorted(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, items in (("loc.txt", places()), ("dict_es.txt", words())):
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            for it in items:
                f.write(it + "\n")
        print(name, len(items))


if __name__ == "__main__":
    main()
