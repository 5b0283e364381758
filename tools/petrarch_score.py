#!/usr/bin/env python3
"""petrarch_score.py -- scores hechos's CAMEO events against the UniversalPetrarch Spanish validation
sentences (../shared/data/petrarch-es/*.jsonl: nyn_fight, afp_protest_plover.dev), root-only and
root+actor, each split into a tuning and a validation half.

The split (fixed before any tuning): a record is in the tuning half when
fmix64(FNV-1a-64("petrarch:" + id)) is even, else in the validation half (the hash code of
tools/blind_select.py).  Records with "evaluate": false are not scored.

Matching, per sentence, each gold event matched at most once (greedy, in gold order):
- root: a predicted event with the same CAMEO root (2 digits) whose trigger overlaps the gold
  trigger; when the gold trigger has no span (annotators joined non-contiguous words), any
  predicted event of the same root in the sentence;
- root+actor: also the actor agrees: the gold actor is empty and the prediction has none, or
  their spans overlap (code points); a gold actor without a span matches when one of its words
  (4 letters or more) is in the predicted actor's text.
Predicted events coded 010 (make statement) and records without a root (casualty counts) are
left out, as in tools/blind_score.py: the gold codes no plain statements.
The secondary "sentence" figures drop the trigger condition (a same-root prediction anywhere
in the sentence), which is how PETRARCH's own sentence-level evaluation counts.

--mobilize-as-protest gives a secondary figure (as tools/plover_eval.py does): the AFP gold codes
civilian demonstrations, strikes and blockades as PLOVER MOBILIZE, whose root is 15 (military
posture) while CAMEO codes them 14 (protest); the option reads the AFP gold's MOBILIZE as 14.
The primary figure is the one without it.

Usage: tools/petrarch_score.py [--shared DIR] [--hechos BIN] [--part tune|val|all] [--errors]
                               [--json] [--mobilize-as-protest]
  --errors prints the tuning half's misses and false alarms (refused with --part val or all:
  the validation half is read as figures only).
Exit 77 when the data is absent (a skip for make check).
"""
import argparse
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blind_select import fnv1a64, fmix64, shared_dir  # noqa: E402

FILES = ["nyn_fight.jsonl", "afp_protest_plover.dev.jsonl"]


def part_of(rid):
    return "tune" if fmix64(fnv1a64(f"petrarch:{rid}".encode())) % 2 == 0 else "val"


def load(dirpath):
    recs = []
    for name in FILES:
        path = os.path.join(dirpath, name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("evaluate", True):
                    r["set"] = name.split(".")[0]
                    recs.append(r)
    return recs


def run_hechos(binary, recs):
    inp = "".join(json.dumps({"id": str(k), "text": r["text"], "date": r["date"]},
                             ensure_ascii=False) + "\n" for k, r in enumerate(recs))
    p = subprocess.run([binary, "extract", "--jsonl", "--no-tokens", "-"], input=inp,
                       capture_output=True, text=True, check=False)
    if p.returncode != 0:
        sys.exit(f"petrarch_score: {binary} extract exited {p.returncode}: {p.stderr.strip()[:300]}")
    docs = {}
    for line in p.stdout.splitlines():
        d = json.loads(line)
        docs[int(d["id"])] = d
    return docs


def span(obj):
    if not obj or obj.get("start") is None:
        return None
    return (obj["start"], obj["end"])


def overlap(a, b):
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


MOBILIZE_AS_PROTEST = False


def gold_events(rec):
    out = []
    for e in rec["events"]:
        m = re.match(r"(\d\d)", e.get("cameo") or "")
        if not m:
            continue  # no code: nothing to match
        root = m.group(1)
        if MOBILIZE_AS_PROTEST and e.get("plover") == "MOBILIZE":
            root = "14"
        out.append({"root": root, "trigger": tuple(e["trigger_span"]) if e["trigger_span"] else None,
                    "actor": tuple(e["actor_span"]) if e.get("actor_span") else None,
                    "actor_text": e.get("actor") or "", "text": e.get("trigger") or "",
                    "code": e.get("cameo")})
    return out


def pred_events(doc):
    out = []
    for e in doc.get("events", []):
        if not e.get("root") or e.get("cameo") == "010":
            continue
        a = e.get("actor")
        out.append({"root": e["root"], "trigger": span(e["trigger"]), "actor": span(a),
                    "actor_text": a["text"] if a else "", "text": e["trigger"]["text"],
                    "code": e.get("cameo")})
    return out


def same(g, p, sentence):
    if g["root"] != p["root"]:
        return False
    return sentence or g["trigger"] is None or overlap(g["trigger"], p["trigger"])


def actor_agrees(g, p):
    if not g["actor_text"].strip() or g["actor_text"].strip() == "---":
        return p["actor"] is None
    if g["actor"] is not None:
        return overlap(g["actor"], p["actor"])
    words = [w.lower() for w in re.findall(r"\w{4,}", g["actor_text"])]
    return any(w in p["actor_text"].lower() for w in words)


def match(golds, preds, sentence, actor):
    used, n = set(), 0
    for g in golds:
        for k, p in enumerate(preds):
            if k not in used and same(g, p, sentence) and (not actor or actor_agrees(g, p)):
                used.add(k)
                n += 1
                break
    return n


def prf(tp, ng, np_):
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    return {"p": round(100 * p, 1), "r": round(100 * r, 1),
            "f1": round(200 * p * r / (p + r), 1) if p + r else 0.0, "tp": tp, "gold": ng, "pred": np_}


def score(recs, docs, part, subset, errors):
    t = dict.fromkeys(["g", "p", "r", "ra", "sr", "sra"], 0)
    for k, rec in enumerate(recs):
        if part != "all" and part_of(rec["id"]) != part:
            continue
        if subset and rec["set"] != subset:
            continue
        golds, preds = gold_events(rec), pred_events(docs[k])
        r, ra = match(golds, preds, False, False), match(golds, preds, False, True)
        t["g"] += len(golds)
        t["p"] += len(preds)
        t["r"] += r
        t["ra"] += ra
        t["sr"] += match(golds, preds, True, False)
        t["sra"] += match(golds, preds, True, True)
        if errors and (ra < len(golds) or ra < len(preds)):
            print(f"## {rec['id']}: {rec['text']}")
            for e in golds:
                print(f"  gold   {e['code']} {e['text']!r} actor={e['actor_text']!r}")
            for e in preds:
                print(f"  hechos {e['code']} {e['text']!r} actor={e['actor_text']!r}")
    return {"part": part, "set": subset or "both", "root": prf(t["r"], t["g"], t["p"]),
            "root_actor": prf(t["ra"], t["g"], t["p"]),
            "sentence_root": prf(t["sr"], t["g"], t["p"]),
            "sentence_root_actor": prf(t["sra"], t["g"], t["p"])}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared")
    ap.add_argument("--hechos", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                     "..", "bin", "hechos"))
    ap.add_argument("--part", choices=["tune", "val", "all"], default="all")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--mobilize-as-protest", action="store_true")
    a = ap.parse_args()
    global MOBILIZE_AS_PROTEST
    MOBILIZE_AS_PROTEST = a.mobilize_as_protest
    if a.errors and a.part != "tune":
        sys.exit("petrarch_score: --errors reads the tuning half only (--part tune)")
    recs = load(os.path.join(shared_dir(a.shared), "data", "petrarch-es"))
    if not recs:
        print("petrarch_score: no petrarch-es data (skipped)", file=sys.stderr)
        return 77
    docs = run_hechos(a.hechos, recs)
    if a.errors:
        score(recs, docs, "tune", None, True)
        return 0
    parts = [a.part] if a.part != "all" else ["tune", "val"]
    res = [score(recs, docs, p, s, False) for p in parts for s in [None] + [f.split(".")[0] for f in FILES]]
    if a.json:
        print(json.dumps(res))
        return 0
    for r in res:
        print(f"{r['part']:4} {r['set']:18}", "  ".join(
            f"{k} P {v['p']} R {v['r']} F1 {v['f1']}" for k, v in r.items() if k not in ("part", "set")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
