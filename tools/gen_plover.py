#!/usr/bin/env python3
"""gen_plover.py -- compiles data/plover.tsv (CAMEO -> PLOVER types, modes, contexts,
sectors) and data/plover_words.tsv (mode and context words) into the C tables of
src/plover/plover.h.

Usage (make runs it):  python3 tools/gen_plover.py data/plover.tsv data/plover_words.tsv > OUT.c

Checks every type, mode and context against the PLOVER lists below (the manual's tables;
docs/events.md cites them) and every CAMEO prefix for duplicates; exits 1 with
"FILE:LINE: message" on the first error.  The output is deterministic (maps sorted by
code, words in file order, contexts numbered in the order of CONTEXTS).
"""
import sys

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
MODES = {
    "CONSULT": ["visit", "third-party", "multilateral", "phone"],
    "AID": ["economic", "military", "humanitarian", "asylum"],
    "RETREAT": ["withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"],
    "REQUEST": ["assist", "change", "yield", "meet"],
    "REJECT": ["assist", "change", "yield", "meet"],
    "ACCUSE": ["disapprove", "investigate", "allege", "sue"],
    "THREATEN": ["restrict", "ban", "arrest", "relations", "expel", "territory", "violence"],
    "PROTEST": ["demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"],
    "SANCTION": ["convict", "cancel", "expel", "withdraw", "sever"],
    "MOBILIZE": ["troops", "weapons", "police"],
    "COERCE": ["confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest",
               "deport", "withhold"],
    "ASSAULT": ["abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy",
                "primitive", "firearms", "explosives", "suicide-attack", "heavy-weapons",
                "aerial", "drone"],
}
CONTEXTS = ["political", "military", "intelligence", "peacekeeping", "economic", "diplomatic",
            "resource", "culture", "disease", "enviro_disaster", "migration", "humanitarian",
            "legal", "human_rights", "rights_freedoms", "gender", "lgbt", "terrorism",
            "human_security", "religion_ethnicity", "government", "election", "legislative",
            "cbrn", "cyber", "political_institutions", "corruption", "crime", "crime_murder",
            "crime_theft", "crime_drugs", "crime_sexual", "repression"]
SECTORS = ["GOV", "JUD", "LEG", "MIL", "COP", "OPP", "PTY", "REB", "PRM", "SPY", "UAF", "CVL",
           "ELI", "BUS", "EDU", "MED", "LAB", "AGR", "JRN", "REF", "REL", "SOC", "CRM"]
WORDS_MAX = 4  # HX__PL_WORDS_MAX of src/plover/plover.h


def fail(where, msg):
    sys.stderr.write("%s: %s\n" % (where, msg))
    sys.exit(1)


def c_str(s):
    if s is None:
        return "NULL"
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def check_mode(where, typ, mode):
    if mode not in MODES.get(typ, []):
        fail(where, "mode '%s' is not a PLOVER mode of %s" % (mode, typ))


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield "%s:%d" % (path, no), line.split("\t")


def read_maps(path):
    maps, sectors = {}, []
    for where, f in read_lines(path):
        if f[0] == "cameo" and len(f) == 5:
            code, typ, mode, ctx = f[1:]
            if not code.isdigit() or not 2 <= len(code) <= 4:
                fail(where, "CAMEO code '%s' is not 2 to 4 digits" % code)
            if code in maps:
                fail(where, "CAMEO code %s listed twice" % code)
            if typ == "-":
                if mode != "-" or ctx != "-":
                    fail(where, "an uncoded CAMEO code takes no mode or context")
                maps[code] = (None, None, [])
                continue
            if typ not in TYPES:
                fail(where, "'%s' is not one of the 16 PLOVER types" % typ)
            if mode != "-":
                check_mode(where, typ, mode)
            cs = [] if ctx == "-" else ctx.split("|")
            for c in cs:
                if c not in CONTEXTS:
                    fail(where, "'%s' is not a PLOVER context" % c)
            maps[code] = (typ, None if mode == "-" else mode, cs)
        elif f[0] == "sector" and len(f) == 3:
            if f[2] not in SECTORS:
                fail(where, "'%s' is not a PLOVER sector" % f[2])
            sectors.append((f[1], f[2]))
        else:
            fail(where, "expected 'cameo CODE TYPE MODE CONTEXTS' or 'sector ROLE SECTOR'")
    return maps, sectors


def check_pattern(where, pat):
    ws = pat.split(" ")
    if not 1 <= len(ws) <= WORDS_MAX or any(not w.rstrip("=") or w != w.lower() or len(w.encode("utf-8")) > 60
                                            for w in ws):
        fail(where, "pattern '%s': 1 to %d lower-case words, one space apart" % (pat, WORDS_MAX))
    return ws


def read_words(path):
    words = []
    for where, f in read_lines(path):
        if f[0] == "mode" and len(f) == 4:
            if f[1] not in TYPES:
                fail(where, "'%s' is not one of the 16 PLOVER types" % f[1])
            check_mode(where, f[1], f[2])
            words.append((f[1], f[2], None, -1, check_pattern(where, f[3])))
        elif f[0] == "actor" and len(f) == 5:
            for t in (f[1], f[2]):
                if t not in TYPES:
                    fail(where, "'%s' is not one of the 16 PLOVER types" % t)
            check_mode(where, f[2], f[3])
            words.append((f[1], f[3], f[2], -1, check_pattern(where, f[4])))
        elif f[0] == "context" and len(f) == 3:
            if f[1] not in CONTEXTS:
                fail(where, "'%s' is not a PLOVER context" % f[1])
            words.append((None, None, None, CONTEXTS.index(f[1]), check_pattern(where, f[2])))
        else:
            fail(where, "expected 'mode TYPE MODE PATTERN', 'actor TYPE NEWTYPE MODE PATTERN' or "
                        "'context CONTEXT PATTERN'")
    return words


def main(argv):
    if len(argv) != 3:
        fail("gen_plover.py", "usage: gen_plover.py data/plover.tsv data/plover_words.tsv")
    maps, sectors = read_maps(argv[1])
    words = read_words(argv[2])
    assert len(CONTEXTS) < 64
    out = ["/* Generated by tools/gen_plover.py from %s and %s: do not edit. */" % (argv[1], argv[2]),
           '#include "plover/plover.h"', ""]
    out.append("const char *const hx__pl_context_names[] = {%s};" % ", ".join(c_str(c) for c in CONTEXTS))
    out.append("const size_t hx__pl_ncontexts = %d;" % len(CONTEXTS))
    out.append("const hx__pl_map hx__pl_maps[] = {")
    for code in sorted(maps):
        typ, mode, cs = maps[code]
        bits = 0
        for c in cs:
            bits |= 1 << CONTEXTS.index(c)
        out.append("    {%s, %s, %s, UINT64_C(0x%x)}," % (c_str(code), c_str(typ), c_str(mode), bits))
    out.append("};")
    out.append("const size_t hx__pl_nmaps = %d;" % len(maps))
    out.append("const hx__pl_word hx__pl_words[] = {")
    for typ, mode, retype, ctx, ws in words:
        whole = sum(1 << k for k, w in enumerate(ws) if w.endswith("="))
        bare = [w.rstrip("=") for w in ws]
        out.append("    {%s, %s, %s, %d, %d, %d, {%s}, {%s}}," % (
            c_str(typ), c_str(mode), c_str(retype), ctx, len(ws), whole,
            ", ".join(str(len(w.encode("utf-8"))) for w in bare), ", ".join(c_str(w) for w in bare)))
    out.append("};")
    out.append("const size_t hx__pl_nwords = %d;" % len(words))
    out.append("const hx__pl_sector hx__pl_sectors[] = {")
    for role, sec in sectors:
        out.append("    {%s, %s}," % (c_str(role), c_str(sec)))
    out.append("};")
    out.append("const size_t hx__pl_nsectors = %d;" % len(sectors))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv)
