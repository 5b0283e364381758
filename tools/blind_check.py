#!/usr/bin/env python3
"""Reader and checker of the blind events/claims gold (tests/fixtures/blind/esp_train_200.jsonl).

Holds: load_gold() (the reader a scorer can import) and the checks run by main().
Invariants checked: one JSON object per line with exactly the fields of docs/annotation.md;
sentence numbers unique; every span [i, j) with 0 <= i < j <= tokens; every CAMEO code 3 or 4
digits with root = its first two digits in 01..20; flags are booleans.  With ../shared present
(or --shared / $HECHOS_SHARED) it also checks that the records are exactly the sentences
tools/blind_select.py draws, in its order, that "tokens" is the sentence's token count, and
that every *_text equals the tokens of its span joined by one space.  Without ../shared it
runs the structural checks only and exits 77 (skip).  Prints counts per root and totals.

Usage: tools/blind_check.py [--shared DIR] [FILE]
"""
import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blind_select import select, shared_dir  # noqa: E402

DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "tests", "fixtures", "blind", "esp_train_200.jsonl")
EVENT_KEYS = {"code", "root", "trigger", "trigger_text", "actor", "actor_text", "target",
              "target_text", "negated", "hedged"}
CLAIM_KEYS = {"cue", "cue_text", "source", "source_text", "content", "quote", "hedged",
              "negated"}
REC_KEYS = {"sent", "tokens", "events", "claims"}


class GoldError(Exception):
    """A record that breaks the format: the message names the file and line."""


def load_gold(path):
    """Return the list of records; raise GoldError naming file:line on a malformed one."""
    recs = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            where = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise GoldError(f"{where}: not JSON: {e}") from None
            check_record(rec, where)
            recs.append(rec)
    return recs


def check_span(span, n, where, nullable):
    if span is None:
        if not nullable:
            raise GoldError(f"{where}: span is null")
        return
    if (not isinstance(span, list) or len(span) != 2
            or not all(isinstance(x, int) for x in span)
            or not 0 <= span[0] < span[1] <= n):
        raise GoldError(f"{where}: bad span {span!r} for {n} tokens")


def check_item(item, keys, spans, n, where):
    if not isinstance(item, dict) or set(item) != keys:
        raise GoldError(f"{where}: fields {sorted(item) if isinstance(item, dict) else item!r}, "
                        f"expected {sorted(keys)}")
    for name, nullable in spans:
        check_span(item[name], n, f"{where}: {name}", nullable)
        if name + "_text" in item and (item[name] is None) != (item[name + "_text"] is None):
            raise GoldError(f"{where}: {name} and {name}_text disagree on null")
    for flag in ("negated", "hedged", "quote"):
        if flag in keys and not isinstance(item[flag], bool):
            raise GoldError(f"{where}: {flag} is not a boolean")


def check_record(rec, where):
    if not isinstance(rec, dict) or set(rec) != REC_KEYS:
        raise GoldError(f"{where}: expected the fields {sorted(REC_KEYS)}")
    n = rec["tokens"]
    if not isinstance(rec["sent"], int) or not isinstance(n, int) or n <= 0:
        raise GoldError(f"{where}: sent and tokens must be positive integers")
    for k, ev in enumerate(rec["events"]):
        w = f"{where}: event {k}"
        check_item(ev, EVENT_KEYS, [("trigger", False), ("actor", True), ("target", True)], n, w)
        code = ev["code"]
        if (not isinstance(code, str) or not code.isdigit() or len(code) not in (3, 4)
                or ev["root"] != code[:2] or not 1 <= int(code[:2]) <= 20):
            raise GoldError(f"{w}: bad CAMEO code {code!r} / root {ev['root']!r}")
    for k, cl in enumerate(rec["claims"]):
        check_item(cl, CLAIM_KEYS, [("cue", False), ("source", True), ("content", False)], n,
                   f"{where}: claim {k}")


def check_texts(recs, path, conll):
    """Compare the records with the selection drawn from esp.train; return the error count."""
    sel = select(conll, len(recs))
    errors = 0
    if [r["sent"] for r in recs] != [num for num, _ in sel]:
        print(f"{path}: sentence numbers differ from tools/blind_select.py's draw", file=sys.stderr)
        errors += 1
    toks_of = dict(sel)
    for rec in recs:
        toks = toks_of.get(rec["sent"])
        if toks is None:
            continue
        if len(toks) != rec["tokens"]:
            print(f"{path}: sent {rec['sent']}: tokens {rec['tokens']}, esp.train has {len(toks)}",
                  file=sys.stderr)
            errors += 1
        for kind, items in (("event", rec["events"]), ("claim", rec["claims"])):
            for k, item in enumerate(items):
                for name in ("trigger", "actor", "target", "cue", "source"):
                    sp = item.get(name)
                    if sp is not None and " ".join(toks[sp[0]:sp[1]]) != item[name + "_text"]:
                        print(f"{path}: sent {rec['sent']} {kind} {k}: {name}_text "
                              f"{item[name + '_text']!r} != tokens "
                              f"{' '.join(toks[sp[0]:sp[1]])!r}", file=sys.stderr)
                        errors += 1
    return errors


def summary(recs):
    roots = collections.Counter(ev["root"] for r in recs for ev in r["events"])
    events = sum(roots.values())
    claims = [c for r in recs for c in r["claims"]]
    evs = [e for r in recs for e in r["events"]]
    empty = sum(1 for r in recs if not r["events"] and not r["claims"])
    print(f"sentences {len(recs)} (nothing annotated: {empty}), events {events}, "
          f"claims {len(claims)}")
    print("events per root: " + ", ".join(f"{k} {v}" for k, v in sorted(roots.items())))
    print(f"events: with actor {sum(e['actor'] is not None for e in evs)}, with target "
          f"{sum(e['target'] is not None for e in evs)}, hedged {sum(e['hedged'] for e in evs)}, "
          f"negated {sum(e['negated'] for e in evs)}")
    print(f"claims: with source {sum(c['source'] is not None for c in claims)}, quote "
          f"{sum(c['quote'] for c in claims)}, hedged {sum(c['hedged'] for c in claims)}, "
          f"negated {sum(c['negated'] for c in claims)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file", nargs="?", default=DEFAULT)
    ap.add_argument("--shared", help="the shared data folder (default $HECHOS_SHARED or ../shared)")
    a = ap.parse_args()
    try:
        recs = load_gold(a.file)
    except (OSError, GoldError) as e:
        print(f"blind_check: {e}", file=sys.stderr)
        return 1
    if len({r["sent"] for r in recs}) != len(recs):
        print(f"blind_check: {a.file}: a sentence number appears twice", file=sys.stderr)
        return 1
    summary(recs)
    conll = os.path.join(shared_dir(a.shared), "data", "conll2002", "esp.train")
    if not os.path.exists(conll):
        print(f"blind_check: {conll} not found: span texts not checked (skip)")
        return 77
    errors = check_texts(recs, a.file, conll)
    print(f"span texts checked against {conll}: {errors} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
