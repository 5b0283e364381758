#!/usr/bin/env python3
"""Scorer of hechos's events and claims against the blind gold (tests/fixtures/blind/esp_train_200.jsonl).

Holds: the split of the 200 sentences into a tuning and a validation half (by a hash of the sentence
number: fmix64(FNV-1a-64("blind:" + number)) even = tune, odd = validation), the run of
`hechos extract` on the sentences (rebuilt from esp.train with the token offsets kept), the matching
and the figures.  Matching (docs/annotation.md, "Annotation record": spans match by overlap):
- an event is matched on its root when a predicted event has the same CAMEO root and a trigger
  that overlaps the gold trigger; "root+actor" also needs the actor to agree: both null, or
  overlapping spans;
- a claim is matched on its cue when a predicted claim's cue overlaps the gold cue; "claim" (the
  headline figure) also needs the source to agree: both null (or a predicted source with
  no span in this sentence, e.g. inherited), or overlapping spans.
Each gold item is matched at most once (greedy, in order).  Predicted events coded 010 (make
statement) and records with no CAMEO root (casualty counts) are left out: the guide does not
annotate 010 (a plain statement is a claim) and a root-less record is not an event.

Usage: tools/blind_score.py [--shared DIR] [--hechos BIN] [--part tune|val|all] [--errors]
  --errors prints the misses of the tuning half; it refuses --part val or all (the validation half
  is read as figures only).
  --json prints the figures as one JSON object (for tests).
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blind_select import fnv1a64, fmix64, select, shared_dir  # noqa: E402
from blind_check import load_gold, DEFAULT  # noqa: E402


def part_of(num):
    return "tune" if fmix64(fnv1a64(f"blind:{num}".encode())) % 2 == 0 else "val"


def detok_offsets(toks):
    """The text blind_select.detok builds, with each token's [start, end) in code points."""
    out, spans = "", []
    for t in toks:
        if out and t not in ",.;:)?!»" and not out.endswith(("(", "¿", "¡", "«")):
            out += " "
        spans.append((len(out), len(out) + len(t)))
        out += t
    return out, spans


def to_tokens(spans, start, end):
    """Token span [i, j) covering the code point range [start, end), or None."""
    idx = [k for k, (s, e) in enumerate(spans) if s < end and e > start]
    return (idx[0], idx[-1] + 1) if idx else None


def run_hechos(binary, sents):
    lines = []
    for num, toks in sents:
        text, _ = detok_offsets(toks)
        lines.append(json.dumps({"id": str(num), "text": text, "date": "2000-05-25"},
                                ensure_ascii=False))
    p = subprocess.run([binary, "extract", "--jsonl", "--no-tokens", "-"],
                       input="\n".join(lines) + "\n", capture_output=True, text=True, check=False)
    if p.returncode != 0:
        sys.exit(f"blind_score: {binary} extract exited {p.returncode}: {p.stderr.strip()[:300]}")
    return {d["id"]: d for d in map(json.loads, p.stdout.splitlines())}


def span_of(obj, spans):
    if not obj or "start" not in obj:
        return None
    return to_tokens(spans, obj["start"], obj["end"])


def overlap(a, b):
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def agree(gold, pred):
    if gold is None:
        return pred is None
    return overlap(gold, pred)


def predicted(doc, spans):
    evs = []
    for e in doc.get("events", []):
        if not e.get("root") or e.get("cameo") == "010":
            continue  # the guide does not annotate 010 "make statement" (a claim); no root: no event
        evs.append({"root": e["root"], "trigger": span_of(e["trigger"], spans),
                    "actor": span_of(e.get("actor"), spans), "text": e["trigger"]["text"],
                    "code": e.get("cameo")})
    cls = []
    for c in doc.get("claims", []):
        cls.append({"cue": span_of(c["cue"], spans), "source": span_of(c.get("source_span"), spans),
                    "text": c["cue"]["text"], "source_text": c.get("source_text")})
    return evs, cls


def match(golds, preds, same, full):
    """(matched-on-same, matched-on-full) counts, greedy one-to-one."""
    used_s, used_f, n_s, n_f = set(), set(), 0, 0
    for g in golds:
        for k, p in enumerate(preds):
            if k not in used_s and same(g, p):
                used_s.add(k)
                n_s += 1
                break
        for k, p in enumerate(preds):
            if k not in used_f and same(g, p) and full(g, p):
                used_f.add(k)
                n_f += 1
                break
    return n_s, n_f


def prf(tp, ng, np_):
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    return {"p": round(100 * p, 1), "r": round(100 * r, 1),
            "f1": round(200 * p * r / (p + r), 1) if p + r else 0.0, "tp": tp, "gold": ng, "pred": np_}


def ev_same(g, p):
    return g["root"] == p["root"] and overlap(tuple(g["trigger"]), p["trigger"])


def ev_full(g, p):
    return agree(tuple(g["actor"]) if g["actor"] else None, p["actor"])


def cl_same(g, p):
    return overlap(tuple(g["cue"]), p["cue"])


def cl_full(g, p):
    return agree(tuple(g["source"]) if g["source"] else None, p["source"])


def score(gold, sents, docs, part, errors):
    t = dict.fromkeys(["eg", "ep", "er", "ea", "cg", "cp", "cc", "cs"], 0)
    toks = dict(sents)
    for rec in gold:
        num = rec["sent"]
        if part != "all" and part_of(num) != part:
            continue
        text, spans = detok_offsets(toks[num])
        evs, cls = predicted(docs[str(num)], spans)
        er, ea = match(rec["events"], evs, ev_same, ev_full)
        cc, cs = match(rec["claims"], cls, cl_same, cl_full)
        t["eg"] += len(rec["events"])
        t["ep"] += len(evs)
        t["er"] += er
        t["ea"] += ea
        t["cg"] += len(rec["claims"])
        t["cp"] += len(cls)
        t["cc"] += cc
        t["cs"] += cs
        if errors and (ea < len(rec["events"]) or ea < len(evs) or cs < len(rec["claims"])
                       or cs < len(cls)):
            show_errors(num, text, toks[num], rec, evs, cls)
    return {"part": part, "events_root": prf(t["er"], t["eg"], t["ep"]),
            "events_root_actor": prf(t["ea"], t["eg"], t["ep"]),
            "claims_cue": prf(t["cc"], t["cg"], t["cp"]),
            "claims": prf(t["cs"], t["cg"], t["cp"])}


def show_errors(num, text, toks, rec, evs, cls):
    def words(sp):
        return " ".join(toks[sp[0]:sp[1]]) if sp else None
    print(f"## {num}: {text}")
    for e in rec["events"]:
        print(f"  gold event {e['code']} {e['trigger_text']!r} actor={e['actor_text']!r}")
    for e in evs:
        print(f"  hechos event {e['code']} {e['text']!r} actor={words(e['actor'])!r}")
    for c in rec["claims"]:
        print(f"  gold claim {c['cue_text']!r} source={c['source_text']!r}")
    for c in cls:
        print(f"  hechos claim {c['text']!r} source={words(c['source'])!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared")
    ap.add_argument("--hechos", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                     "..", "bin", "hechos"))
    ap.add_argument("--gold", default=DEFAULT)
    ap.add_argument("--part", choices=["tune", "val", "all"], default="all")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if a.errors and a.part != "tune":
        sys.exit("blind_score: --errors reads the tuning half only (--part tune)")
    path = os.path.join(shared_dir(a.shared), "data", "conll2002", "esp.train")
    if not os.path.exists(path):
        print(f"blind_score: {path}: not found (skipped)", file=sys.stderr)
        return 77
    gold = load_gold(a.gold)
    sents = select(path, len(gold))
    docs = run_hechos(a.hechos, sents)
    parts = [a.part] if a.part != "all" or a.errors else ["tune", "val", "all"]
    res = [score(gold, sents, docs, p, a.errors) for p in parts]
    if a.json:
        print(json.dumps(res))
        return 0
    for r in res:
        print(f"{r['part']:5}", "  ".join(
            f"{k} P {v['p']} R {v['r']} F1 {v['f1']}" for k, v in r.items() if k != "part"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
