#!/usr/bin/python3
"""xdoc_score.py -- scores hechos's cross-document layer on the xdoc fixture (issue 23).

Ingests tests/fixtures/xdoc/articles.jsonl into a fresh store (or reads --db), then
compares with tests/fixtures/xdoc/gold.json:
  * entity clusters: B-cubed P/R/F1 over the gold mention items [doc, surface form];
    an item is mapped to the store's real-thing id (entities.canon when the column
    exists, else the entity row) of the mention with that text in that document; an
    item the store has no mention for is a singleton of its own;
  * event clusters: pairwise P/R/F1 over the gold event mentions [doc, trigger]; an
    item is mapped to the cross-document event (events.xevent when the column exists,
    else the event row) of an event of that document whose trigger is that word;
  * conflicts: P/R of `hechos query --json conflicts`, a reported pair matching a gold
    pair when both documents match and each figure as written is a whole token of the
    reported figure's text.  Every reported pair is judged: the fixture is the corpus.
Usage: tools/xdoc_score.py [--bin bin/hechos] [--db FILE] [--json] [--show]
Exit status 0; prints one line per measure (or a JSON object with --json).
"""
import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "tests", "fixtures", "xdoc")
ARTICLES = ("el ", "la ", "los ", "las ", "al ", "del ")


def norm(s):
    s = unicodedata.normalize("NFC", s).casefold().strip()
    for a in ARTICLES:
        if s.startswith(a):
            s = s[len(a):]
    return s


def columns(db, table):
    return {r[1] for r in db.execute("PRAGMA table_info(%s)" % table)}


def entity_map(db):
    """(ext_id, normalised mention text) -> real-thing id (most frequent one)."""
    canon = "COALESCE(e.canon, e.id)" if "canon" in columns(db, "entities") else "e.id"
    votes = {}
    for ext, text, eid in db.execute(
            "SELECT d.ext_id, m.text, %s FROM mentions m JOIN documents d ON d.id=m.doc_id"
            " JOIN entities e ON e.id=m.entity_id" % canon):
        k = (ext, norm(text))
        votes.setdefault(k, {}).setdefault(eid, 0)
        votes[k][eid] += 1
    return {k: max(v, key=v.get) for k, v in votes.items()}


def event_map(db):
    """ext_id -> [(trigger normalised, cross-document id)]."""
    xcol = "COALESCE(v.xevent, v.id)" if "xevent" in columns(db, "events") else "v.id"
    out = {}
    for ext, trig, xid in db.execute(
            "SELECT d.ext_id, v.trigger, %s FROM events v JOIN documents d ON d.id=v.doc_id"
            % xcol):
        out.setdefault(ext, []).append((norm(trig or ""), xid))
    return out


def bcubed(items, gold_of, sys_of):
    p = r = 0.0
    for i in items:
        g = {j for j in items if gold_of[j] == gold_of[i]}
        s = {j for j in items if sys_of[j] == sys_of[i]}
        both = len(g & s)
        p += both / len(s)
        r += both / len(g)
    p /= len(items)
    r /= len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(items, gold_of, sys_of):
    tp = fp = fn = 0
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            g = gold_of[items[a]] == gold_of[items[b]]
            s = sys_of[items[a]] == sys_of[items[b]]
            tp += g and s
            fp += s and not g
            fn += g and not s
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_entities(db, gold, show):
    emap = entity_map(db)
    items, gold_of, sys_of = [], {}, {}
    found = 0
    for c in gold["entities"]:
        for d, s in c["mentions"]:
            it = (d, s)
            items.append(it)
            gold_of[it] = c["id"]
            sid = emap.get((d, norm(s)))
            found += sid is not None
            sys_of[it] = sid if sid is not None else ("missing",) + it
    p, r, f = bcubed(items, gold_of, sys_of)
    if show:
        by = {}
        for it in items:
            by.setdefault(sys_of[it], []).append(it)
        for sid, its in by.items():
            gs = {gold_of[i] for i in its}
            if len(gs) > 1:
                print("  merged wrongly:", its)
        for c in gold["entities"]:
            ss = {sys_of[tuple(m)] for m in c["mentions"]}
            if len(ss) > 1:
                print("  split:", c["id"], [(m, sys_of[tuple(m)]) for m in c["mentions"]])
    return {"b3_p": p, "b3_r": r, "b3_f1": f, "items": len(items), "found": found}


def score_events(db, gold, show):
    vmap = event_map(db)
    items, gold_of, sys_of = [], {}, {}
    found = 0
    for c in gold["events"]:
        for d, t in c["mentions"]:
            it = (d, t)
            items.append(it)
            gold_of[it] = c["id"]
            t0 = norm(t)
            sid = next((x for trig, x in vmap.get(d, []) if trig and (t0 in trig or trig in t0)),
                       None)
            found += sid is not None
            sys_of[it] = sid if sid is not None else ("missing",) + it
    p, r, f = pairwise(items, gold_of, sys_of)
    if show:
        for c in gold["events"]:
            print("  event", c["id"], [(m[0], m[1], sys_of[tuple(m)]) for m in c["mentions"]])
    return {"pair_p": p, "pair_r": r, "pair_f1": f, "items": len(items), "found": found}


def token_in(fig, text):
    return re.search(r"(?<![\d.,])" + re.escape(fig) + r"(?![\d]|[.,]\d)", text or "") is not None


def score_conflicts(db, dbpath, binary, gold, show):
    ext = dict(db.execute("SELECT id, ext_id FROM documents"))
    out = subprocess.run([binary, "query", "--db", dbpath, "--json", "conflicts", "--top", "1000"],
                         check=True, capture_output=True, text=True).stdout
    sys_c = json.loads(out)["conflicts"]
    gold_c = gold["conflicts"]
    matched_gold = set()
    tp = 0
    for c in sys_c:
        a, b = c["a"], c["b"]
        hit = None
        for gi, g in enumerate(gold_c):
            for x, y in ((g["a"], g["b"]), (g["b"], g["a"])):
                if (ext.get(a["doc"]) == x[0] and ext.get(b["doc"]) == y[0]
                        and token_in(x[1], a["text"]) and token_in(y[1], b["text"])):
                    hit = gi
        if hit is not None:
            tp += 1
            matched_gold.add(hit)
        elif show:
            print("  false conflict: %s | %s %s %r (%s) vs %s %r (%s)" % (
                c["thing"], ext.get(a["doc"]), a["source"], a["text"], a["of"],
                ext.get(b["doc"]), b["text"], b["of"]))
    if show:
        for gi, g in enumerate(gold_c):
            if gi not in matched_gold:
                print("  missed conflict:", g["thing"], g["a"], g["b"])
    p = tp / len(sys_c) if sys_c else 0.0
    r = len(matched_gold) / len(gold_c)
    return {"p": p, "r": r, "reported": len(sys_c), "correct": tp, "gold": len(gold_c)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "bin", "hechos"))
    ap.add_argument("--db")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", action="store_true", help="print the errors")
    a = ap.parse_args()
    gold = json.load(open(os.path.join(FIX, "gold.json"), encoding="utf-8"))
    tmp = None
    dbpath = a.db
    if not dbpath:
        tmp = tempfile.TemporaryDirectory()
        dbpath = os.path.join(tmp.name, "xdoc.db")
        subprocess.run([a.bin, "ingest", "--quiet", "--db", dbpath, "--jsonl",
                        os.path.join(FIX, "articles.jsonl")], check=True)
    db = sqlite3.connect(dbpath)
    res = {"entities": score_entities(db, gold, a.show),
           "events": score_events(db, gold, a.show),
           "conflicts": score_conflicts(db, dbpath, a.bin, gold, a.show)}
    db.close()
    if a.json:
        print(json.dumps(res, indent=1))
    else:
        e, v, c = res["entities"], res["events"], res["conflicts"]
        print("entities  B3 P %.3f R %.3f F1 %.3f  (%d gold mentions, %d found in the store)"
              % (e["b3_p"], e["b3_r"], e["b3_f1"], e["items"], e["found"]))
        print("events    pairwise P %.3f R %.3f F1 %.3f  (%d gold mentions, %d found)"
              % (v["pair_p"], v["pair_r"], v["pair_f1"], v["items"], v["found"]))
        print("conflicts P %.3f R %.3f  (%d reported, %d correct, %d gold)"
              % (c["p"], c["r"], c["reported"], c["correct"], c["gold"]))
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
