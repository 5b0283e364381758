#!/usr/bin/env python3
"""plover_eval.py -- scores `hechos extract --format plover` against PLOVER gold sentences
(../shared/data/petrarch-es/afp_protest_plover.dev.jsonl, the UniversalPetrarch Spanish
protest set), as UniversalPetrarch reported its own Spanish results.

Usage:
  python3 tools/plover_eval.py [--bin bin/hechos] [--gold FILE] [--part tuning|validation|all]
                               [--json] [--keep-negated] [--mobilize-as-protest]

The split, made once before any tuning and never changed: a record belongs to the
validation part when bit 1 of sha256(id) is set, to the tuning part otherwise (bit 0 is
already fixed: ../shared keeps only ids whose sha256 is even).  Records with
"evaluate": false are skipped.

Gold types come from an earlier PLOVER draft and are mapped to 2.0: DEMAND -> REQUEST,
DISAPPROVE and INVESTIGATE -> ACCUSE, SACTION (sic) -> SANCTION; CRIME has no 2.0 type
and is dropped (a prediction on such a record counts as extra).  Negated events
(aux "negation") are left out of the predictions, as PLOVER datasets leave them out,
unless --keep-negated.

--mobilize-as-protest gives a second, secondary figure: the gold's annotators coded civilian
demonstrations, marches, strikes and blockades as MOBILIZE ("manifestaron", "huelga",
"bloqueo"), which every PLOVER manual reserves for military and police moves; PLOVER 2.0
codes them PROTEST (modes demo, strike, obstruct).  The option reads gold MOBILIZE as
PROTEST.  The primary figure is the one without it.

Scores, per record (a sentence) and type: matched = min(gold count, predicted count);
precision, recall and F1 per type and micro-averaged over all types; "correct" = records
with at least one gold type predicted; "uncoded" = records with gold events and no
predicted event; "extra" = unmatched predicted events per record (UniversalPetrarch:
44.2% correct, 55.8% uncoded, 316% extra on its 1,018 Spanish gold records).
Prints a table, or with --json one object per part.  Never prints a record's text.
"""
import argparse, collections, hashlib, json, subprocess, sys

MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "SACTION": "SANCTION"}
TYPES20 = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
           "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def part_of(rid):
    return "validation" if (int(hashlib.sha256(rid.encode()).hexdigest(), 16) >> 1) & 1 else "tuning"


def gold_types(rec):
    out = []
    for e in rec["events"]:
        t = MAP.get(e["plover"], e["plover"])
        if t in TYPES20:
            out.append(t)
    return out


def predict(binary, recs, keep_negated):
    inp = "".join(json.dumps({"id": r["id"], "text": r["text"], "date": r["date"]}) + "\n" for r in recs)
    p = subprocess.run([binary, "extract", "--jsonl", "--format", "plover"], input=inp.encode(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if p.returncode != 0:
        sys.exit("plover_eval: %s exited %d: %s" % (binary, p.returncode, p.stderr.decode()[:300]))
    pred = collections.defaultdict(list)
    for line in p.stdout.decode().splitlines():
        ev = json.loads(line)
        if not keep_negated and "negation" in ev["aux"]:
            continue
        pred[ev["story_id"]].append(ev["type"])
    return pred


def score(recs, pred):
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    n = correct = uncoded = with_gold = extra = 0
    for r in recs:
        g, p = collections.Counter(gold_types(r)), collections.Counter(pred.get(r["id"], []))
        n += 1
        m = g & p
        tp.update(m)
        fp.update(p - m)
        fn.update(g - m)
        extra += sum((p - m).values())
        if g:
            with_gold += 1
            correct += bool(m)
            uncoded += not p
    def prf(a, b, c):
        P = a / (a + b) if a + b else 0.0
        R = a / (a + c) if a + c else 0.0
        return P, R, (2 * P * R / (P + R) if P + R else 0.0)
    types = {}
    for t in sorted(set(tp) | set(fp) | set(fn)):
        P, R, F = prf(tp[t], fp[t], fn[t])
        types[t] = {"tp": tp[t], "fp": fp[t], "fn": fn[t], "p": P, "r": R, "f1": F}
    P, R, F = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return {"records": n, "records_with_gold": with_gold, "p": P, "r": R, "f1": F,
            "correct": correct / with_gold if with_gold else 0.0,
            "uncoded": uncoded / with_gold if with_gold else 0.0,
            "extra_per_record": extra / n if n else 0.0, "types": types}


def show(name, s):
    print("%s: %d records (%d with a 2.0 gold type)" % (name, s["records"], s["records_with_gold"]))
    print("  %-10s %4s %4s %4s %6s %6s %6s" % ("type", "tp", "fp", "fn", "P", "R", "F1"))
    for t, v in s["types"].items():
        print("  %-10s %4d %4d %4d %6.3f %6.3f %6.3f" % (t, v["tp"], v["fp"], v["fn"], v["p"], v["r"], v["f1"]))
    print("  %-10s %14s %6.3f %6.3f %6.3f" % ("micro", "", s["p"], s["r"], s["f1"]))
    print("  correct %.1f%%  uncoded %.1f%%  extra events %.1f%% of records"
          % (100 * s["correct"], 100 * s["uncoded"], 100 * s["extra_per_record"]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="bin/hechos")
    ap.add_argument("--gold", default="../shared/data/petrarch-es/afp_protest_plover.dev.jsonl")
    ap.add_argument("--part", default="all", choices=["tuning", "validation", "all"])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep-negated", action="store_true")
    ap.add_argument("--mobilize-as-protest", action="store_true")
    a = ap.parse_args()
    if a.mobilize_as_protest:
        MAP["MOBILIZE"] = "PROTEST"
    with open(a.gold, encoding="utf-8") as f:
        recs = [json.loads(l) for l in f if l.strip()]
    recs = [r for r in recs if r.get("evaluate", True)]
    pred = predict(a.bin, recs, a.keep_negated)
    out = {}
    for part in ("tuning", "validation"):
        if a.part in (part, "all"):
            out[part] = score([r for r in recs if part_of(r["id"]) == part], pred)
    if a.json:
        print(json.dumps(out, sort_keys=True))
    else:
        for k, v in out.items():
            show(k, v)


if __name__ == "__main__":
    main()
