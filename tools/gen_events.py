#!/usr/bin/env python3
"""gen_events.py -- compiles data/events.tsv, data/events_actors.tsv and data/events_sense.tsv into build/gen/events_data.c
(with the ISO alpha-2 -> alpha-3 table of data/gazetteer/iso_names.tsv, for CAMEO actor codes).

Usage (from the repository root):  python3 tools/gen_events.py [--check]

The event dictionary lists verbs by infinitive and nouns in the singular; this script
generates the inflected forms news text uses (third and first person of the indicative,
subjunctive and conditional, participles, gerund, plurals), so the library matches
lower-cased surface forms with one hash probe and rarely needs the lemmatiser.  Forms that
regular rules get wrong for irregular verbs are harmless (they never occur in text);
the missing irregular ones are listed in the entry's forms= key.

Output: a sorted table of forms (with an open-addressing hash over it), each pointing at a run of entry indices (entries with
an obj= constraint first, then file order), the entry table, the code labels, and the
actor lexicon (also sorted by lower-cased first word).  The form table also holds the
function words of src/events/events_words.h (word classes and single words) and the first words
of the actor lexicon, so that one lookup per token tells the library all it asks of a
word: its entries (n, possibly 0), class bits, word id and actor-lexicon range.  With --check the script only
verifies that build/gen/events_data.c is up to date (exit 1 when not).
"""
import sys, os, re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TGT_BITS = ["dobj", "a", "con", "contra", "de", "en", "sobre", "entre", "ante", "por",
            "hacia", "frente", "como", "junto", "al", "cerca"]
FORM_MAX = 20  # HX__EV_FORM_MAX of src/events/events.h
COUNTS = ["", "killed", "wounded", "captured", "arrested", "displaced"]
# sense= values (bits of hx__ev_entry.sense, HX__EVS_* in src/events/events.h)
SENSES = {"hum": 1, "armed": 2, "site": 4, "nose": 8, "dom": 16}  # by=armed: 32, light=1: 64
SENSE_CLASSES = {"hum": "HUM", "armed": "ARMED", "weapon": "WEAPON", "site": "SITE", "dom": "DOM"}


def plural(w):
    if w.endswith(("s", "x")) and not w.endswith(("és", "ás", "ís", "ós", "ús")):
        return w
    if w[-1] in "aeiouéó":
        return w + "s"
    if w[-1] in "áíú":
        return w + "es"
    if w.endswith("z"):
        return w[:-1] + "ces"
    unacc = str.maketrans("áéíóú", "aeiou")
    # a final stressed syllable loses its accent: nación -> naciones, francés -> franceses
    m = re.match(r"^(.*)([áéíóú])([nsl])$", w)
    if m:
        return m.group(1) + m.group(2).translate(unacc) + m.group(3) + "es"
    if w.endswith("en") and not w.endswith("men"):
        return w + "es"
    if w.endswith("men") and len(w) > 4:  # examen -> exámenes (rare here): leave regular
        return w + "es"
    return w + "es"


def four_forms(w):
    """Participle or demonym: masc./fem., sg./pl."""
    unacc = str.maketrans("áéíóú", "aeiou")
    if w.endswith("o"):
        s = w[:-1]
        return [w, s + "a", s + "os", s + "as"]
    if w.endswith(("án", "és", "ín", "ón")):
        s = w[:-2] + w[-2].translate(unacc) + w[-1]
        return [w, s + "a", s + "es", s + "as"]
    if w.endswith("ol"):
        return [w, w + "a", w + "es", w + "as"]
    if w.endswith("e") or w.endswith("a"):
        return [w, w + "s"]
    if w[-1] in "íú":
        return [w, w + "es", w + "s"]
    return [w, plural(w)]


def conjugate(inf):
    """The regular forms of an infinitive (ending -ar, -er, -ir)."""
    stem, end = inf[:-2], inf[-2:]
    out = {inf}
    if end == "ar":
        pres = ["a", "an", "amos"]  # no 1st or 2nd person singular: "medio", "cargo", "informes"
        out |= {stem + x for x in pres}
        out |= {stem + x for x in ["ó", "aron", "aba", "aban", "ará", "arán", "aría", "arían",
                                   "ara", "aran", "ase", "asen", "ando", "ado", "ada", "ados",
                                   "adas", "aremos", "amos", "ábamos"]}
        sub = stem
        if stem.endswith("c"): sub = stem[:-1] + "qu"; pret1 = stem[:-1] + "qué"
        elif stem.endswith("g"): sub = stem + "u"; pret1 = stem + "ué"
        elif stem.endswith("z"): sub = stem[:-1] + "c"; pret1 = stem[:-1] + "cé"
        else: pret1 = stem + "é"
        out |= {sub + "e", sub + "en", sub + "emos", pret1}
    else:
        th = "e" if end == "er" else "i"
        out |= {stem + x for x in ["e", "en", th + "mos", "í", "ía", "ían",
                                   th + "rá", th + "rán", th + "ría", th + "rían",
                                   "ido", "ida", "idos", "idas"]}
        if stem and stem[-1] in "aeiou" and not stem.endswith(("gu", "qu")):
            out |= {stem + x for x in ["yó", "yeron", "yendo", "yera", "yeran"]}
            if stem.endswith("u"):  # destruir, huir: destruye, destruyen
                out |= {stem + x for x in ["ye", "yen", "ya", "yan", "yo"]}
                out -= {stem + "e", stem + "en", stem + "o"}
        else:
            out |= {stem + x for x in ["ió", "ieron", "iendo", "iera", "ieran", "iese"]}
        sub = stem
        if stem.endswith("g"): sub = stem[:-1] + "j"
        elif stem.endswith("gu") and end == "ir": sub = stem[:-1]
        elif stem.endswith("c") and not stem.endswith("uc"): sub = stem[:-1] + "z"
        if not stem.endswith("u") or stem.endswith(("gu", "qu")):
            out |= {sub + "a", sub + "an", sub + "amos"}
        else:
            out |= {stem + "ya", stem + "yan"}
    return out


def verb_forms(lemma):
    inf = lemma
    if inf.endswith("se") and inf[-4:-2] in ("ar", "er", "ir", "ír"):
        inf = inf[:-2]
    inf = inf.replace("ír", "ir")
    return conjugate(inf)


def parse_events(path):
    labels, entries = {}, []
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0].startswith("@"):
            labels[cols[0][1:]] = cols[1]
            continue
        if len(cols) < 3:
            sys.exit(f"{path}:{ln}: expected CODE<TAB>CAT<TAB>LEMMA")
        code, cat, lemma = cols[0], cols[1], cols[2]
        if not (code == "-" or re.fullmatch(r"\d{2,4}", code)):
            sys.exit(f"{path}:{ln}: bad code {code!r}")
        if cat not in "VNFA" or len(cat) != 1:
            sys.exit(f"{path}:{ln}: bad category {cat!r}")
        e = dict(code=code, cat=cat, lemma=lemma, obj=[], forms=[], tgt=None, act_de=0,
                 count="", embed=0, sense=0, line=ln)
        for kv in cols[3:]:
            if not kv:
                continue
            if "=" not in kv:
                sys.exit(f"{path}:{ln}: expected key=value, got {kv!r}")
            k, v = kv.split("=", 1)
            if k == "obj": e["obj"] = v.split("|")
            elif k == "forms": e["forms"] = v.split("|")
            elif k == "tgt":
                for p in v.split("|"):
                    if p not in TGT_BITS: sys.exit(f"{path}:{ln}: unknown complement {p!r}")
                e["tgt"] = v.split("|")
            elif k == "act": e["act_de"] = 1 if v == "de" else sys.exit(f"{path}:{ln}: act=de only")
            elif k == "count":
                if v not in COUNTS: sys.exit(f"{path}:{ln}: unknown count {v!r}")
                e["count"] = v
            elif k == "embed": e["embed"] = int(v)
            elif k == "light":
                if v != "1" or not e["obj"]: sys.exit(f"{path}:{ln}: light=1 after obj= only")
                e["sense"] |= 64
            elif k == "by":
                if v != "armed": sys.exit(f"{path}:{ln}: by=armed only")
                e["sense"] |= 32
            elif k == "sense":
                for p in v.split("|"):
                    if p not in SENSES: sys.exit(f"{path}:{ln}: unknown sense {p!r}")
                    e["sense"] |= SENSES[p]
            else: sys.exit(f"{path}:{ln}: unknown key {k!r}")
        # appeals, intentions, demands, rejections, threats and accusations embed the
        # action they are about ("amenazó con atacar"): it is not coded on its own
        if code[:2] in ("02", "03", "10", "12", "13") or code[:3] == "112":
            e["embed"] = 1
        if e["tgt"] is None:
            e["tgt"] = ["dobj", "a", "contra"] if cat == "V" else ["contra", "a", "con", "de", "sobre"]
        entries.append(e)
    return labels, entries


def entry_forms(e):
    words = e["lemma"].split(" ")
    first, rest = words[0], " ".join(words[1:])
    if e["cat"] == "V": fs = verb_forms(first)
    elif e["cat"] == "N": fs = {first, plural(first)}
    elif e["cat"] == "A": fs = set(four_forms(first))
    else: fs = {first}
    fs |= {f.split(" ")[0] for f in e["forms"]}
    return {f.lower() for f in fs}, rest.lower()


def obj_alts(e):
    alts = []
    for o in e["obj"]:
        alts.append(o)
        if " " not in o:
            p = plural(o)
            if p != o: alts.append(p)
    return "|".join(alts)


def parse_actors(path):
    out = []
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3 or cols[0] not in ("R", "O"):
            sys.exit(f"{path}:{ln}: expected KIND<TAB>FORM<TAB>COUNTRY[<TAB>ROLE]")
        kind, form, country = cols[0], cols[1], cols[2]
        role = cols[3] if len(cols) > 3 else ""
        words = form.split(" ")
        firsts = [words[0], plural(words[0])] if kind == "R" else [words[0]]
        for f in firsts:
            out.append((f.lower(), " ".join(words[1:]).lower(), country if country != "-" else "",
                        role, kind))
    return out


def parse_sense(path, words):
    """data/events_sense.tsv: adds its words (and the plurals of the nouns) to words with the
    class HUM, ARMED, WEAPON, SITE or DOM."""
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 2 or cols[0] not in SENSE_CLASSES or " " in cols[1]:
            sys.exit(f"{path}:{ln}: expected CLASS<TAB>WORD (hum, armed, weapon, site, dom; one word)")
        w = cols[1].lower()
        for f in {w, plural(w)}:
            words.setdefault(f, [set(), None])[0].add(SENSE_CLASSES[cols[0]])


def pron(e):
    """1 for a pronominal verb ("reunirse"): its forms need "se" before them."""
    first = e["lemma"].split(" ")[0]
    return 1 if e["cat"] == "V" and first.endswith("se") and first[-4:-2] in ("ar", "er", "ir", "ír") else 0


def fnv1a(b):
    """32-bit FNV-1a, as hx__ev_lookup computes it."""
    h = 2166136261
    for c in b:
        h = ((h ^ c) * 16777619) & 0xFFFFFFFF
    return h


def c_literals(text):
    """The C string literals of text, unescaped (\\ and \" only)."""
    return [re.sub(r'\\(.)', r'\1', m) for m in re.findall(r'"((?:[^"\\]|\\.)*)"', text)]


def parse_words(path):
    """src/events/events_words.h: {word: (set of class names, word id name or None)}."""
    text = open(path, encoding="utf-8").read()
    words = {}
    # "#define HX__EV_CLS_NAME \" and its continuation lines
    for m in re.finditer(r'#define HX__EV_CLS_(\w+)((?:[^\n]*\\\n)*[^\n]*)', text):
        for w in c_literals(m.group(2)):
            words.setdefault(w, [set(), None])[0].add(m.group(1))
    m = re.search(r'#define HX__EV_WORDS\(X\)((?:[^\n]*\\\n)*[^\n]*)', text)
    if not m: sys.exit(f"{path}: no HX__EV_WORDS")
    for name, lit in re.findall(r'X\((\w+), ("(?:[^"\\]|\\.)*")\)', m.group(1)):
        w = c_literals(lit)[0]
        if words.get(w, [set(), None])[1]: sys.exit(f"{path}: {w!r} twice in HX__EV_WORDS")
        words.setdefault(w, [set(), None])[1] = name
    if not words: sys.exit(f"{path}: no words")
    return words


def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate():
    labels, entries = parse_events(os.path.join(ROOT, "data/events.tsv"))
    actors = parse_actors(os.path.join(ROOT, "data/events_actors.tsv"))
    words = parse_words(os.path.join(ROOT, "src/events/events_words.h"))
    forms = {}
    for i, e in enumerate(entries):
        fs, rest = entry_forms(e)
        e["rest"] = rest
        for f in fs:
            # a regular form that is a function word ("de" of "dar") is never the verb
            if e["cat"] == "V" and f in words and f not in {x.split(" ")[0] for x in e["forms"]}:
                continue
            forms.setdefault(f, []).append(i)
    for f, lst in forms.items():
        # constrained entries (obj=, a phrase, a pronominal verb) are tried first, each group in file order
        # by=armed entries first (the armed reading of a word), then the other constrained ones
        lst.sort(key=lambda i: (0 if entries[i]["sense"] & 32 else
                                1 if (entries[i]["obj"] or entries[i]["rest"] or pron(entries[i])) else 2, i))

    def label(code):
        if code == "-": return labels.get("-", "casualties")
        for k in range(len(code), 1, -1):
            if code[:k] in labels: return labels[code[:k]]
        sys.exit(f"no label for code {code}")

    parse_sense(os.path.join(ROOT, "data/events_sense.tsv"), words)
    actors.sort(key=lambda a: (a[0].encode("utf-8"), -len(a[1])))
    act_range = {}
    for i, a in enumerate(actors):
        first, cnt = act_range.get(a[0], (i, 0))
        act_range[a[0]] = (first, cnt + 1)
    keys = sorted(set(forms) | set(words) | set(act_range), key=lambda s: s.encode("utf-8"))
    o = []
    o.append("/*\n * events_data.c -- GENERATED by tools/gen_events.py from data/events.tsv and\n"
             " * data/events_actors.tsv.  Do not edit: change the data and run the generator.\n"
             " *\n * Invariants: hx__ev_forms and hx__ev_actors are sorted by the bytes of their\n"
             " * (lower-cased, NFC) key; hx__ev_forms[i] owns hx__ev_list[first .. first + n).\n */\n")
    o.append('#include "events/events.h"\n\n')
    o.append(f"const size_t hx__ev_nentries = {len(entries)};\n")
    o.append("const hx__ev_entry hx__ev_entries[] = {\n")
    for e in entries:
        mask = " | ".join(f"HX__EV_{t.upper()}" for t in e["tgt"]) or "0"
        cnt = f"HX__CNT_{e['count'].upper()}" if e["count"] else "HX__CNT_NONE"
        nrest = len(e["rest"].encode("utf-8"))
        if nrest > 255: sys.exit(f"line {e['line']}: fixed words too long")
        o.append(f"    {{{cstr(e['code'])}, {cstr(label(e['code']))}, {cstr(e['lemma'])}, "
                 f"{cstr(e['rest'])}, {cstr(obj_alts(e))}, {mask}, '{e['cat']}', {e['act_de']}, "
                 f"{cnt}, {e['embed']}, {pron(e)}, {nrest}, {e['sense']}}},\n")
    o.append("};\n\n")
    kinds = []
    for e in entries:
        k = [f for f, on in (("HX__EVK_VERB", e["cat"] == "V"), ("HX__EVK_REST", e["rest"] != ""),
                             ("HX__EVK_PRON", pron(e)), ("HX__EVK_OBJ", obj_alts(e) != "")) if on]
        kinds.append(" | ".join(k) or "0")
    o.append("const uint8_t hx__ev_kind[] = {\n")
    for i in range(0, len(kinds), 8):
        o.append("    " + ", ".join(kinds[i:i + 8]) + ",\n")
    o.append("};\n\n")
    lst = []
    o.append(f"const size_t hx__ev_nforms = {len(keys)};\n")
    # 32-byte records with the form inline (events.h): one cache line per lookup
    longest = max(len(k.encode("utf-8")) for k in keys)
    if longest > FORM_MAX: sys.exit(f"a form of {longest} bytes: raise HX__EV_FORM_MAX and FORM_MAX")
    o.append(f"_Static_assert(HX__EV_FORM_MAX == {FORM_MAX} && sizeof(hx__ev_form) == 32,\n"
             f"               \"events.h and tools/gen_events.py disagree on hx__ev_form\");\n")
    o.append("_Alignas(32) const hx__ev_form hx__ev_forms[] = {\n")
    for k in keys:
        cls, wid = words.get(k, (set(), None))
        cls = " | ".join(f"HX__EVC_{c}" for c in sorted(cls)) or "0"
        a0, na = act_range.get(k, (-1, 0))
        if na > 255: sys.exit(f"{k!r}: too many actor entries")
        o.append(f"    {{{cstr(k)}, {len(k.encode('utf-8'))}, {na}, HX__W_{wid or 'NONE'}, {len(lst)}, "
                 f"{len(forms.get(k, []))}, {cls}, {a0 + 1}}},\n")
        lst.extend(forms.get(k, []))
    if len(lst) > 0xFFFF: sys.exit("entry lists too long for 16-bit offsets")
    o.append("};\n\n")
    # open-addressing hash of the forms (FNV-1a, linear probing): slot -> the hash's high
    # 16 bits (a tag that rejects most other words without reading their form) << 16 |
    # form index + 1
    if len(keys) >= 0xFFFF: sys.exit("too many forms for 16-bit indices")
    size = 1
    while size < 1.5 * len(keys): size *= 2
    table = [0] * size
    for idx, k in enumerate(keys):
        fh = fnv1a(k.encode("utf-8"))
        h = fh & (size - 1)
        while table[h]: h = (h + 1) & (size - 1)
        table[h] = (fh >> 16) << 16 | (idx + 1)
    o.append(f"const size_t hx__ev_hash_size = {size};\n")
    o.append("const uint32_t hx__ev_hash[] = {\n")
    for i in range(0, size, 16):
        o.append("    " + ", ".join(str(x) for x in table[i:i + 16]) + ",\n")
    o.append("};\n\n")
    o.append("const uint16_t hx__ev_list[] = {\n")
    for i in range(0, len(lst), 16):
        o.append("    " + ", ".join(str(x) for x in lst[i:i + 16]) + ",\n")
    o.append("};\n\n")
    o.append(f"const size_t hx__ev_nactors = {len(actors)};\n")
    o.append("const hx__ev_actor hx__ev_actors[] = {\n")
    for a in actors:
        o.append(f"    {{{cstr(a[0])}, {cstr(a[1])}, {cstr(a[2])}, {cstr(a[3])}, '{a[4]}'}},\n")
    o.append("};\n\n")
    # ISO alpha-2 -> alpha-3 for CAMEO actor codes, from the shared gazetteer's ISO list
    a3 = []
    iso = os.path.join(ROOT, "data/gazetteer/iso_names.tsv")
    for line in open(iso, encoding="utf-8"):
        if line.startswith("#") or not line.strip(): continue
        c = line.split("\t")
        a3.append((c[0], c[1]))
    a3.sort()
    o.append(f"const size_t hx__ev_na3 = {len(a3)};\n")
    o.append("const char hx__ev_a3[][2][4] = {\n")
    for i in range(0, len(a3), 8):
        o.append("    " + " ".join(f'{{"{x}", "{y}"}},' for x, y in a3[i:i + 8]) + "\n")
    o.append("};\n")
    return "".join(o), len(entries), len(keys), len(actors)


def main():
    text, ne, nf, na = generate()
    path = os.path.join(ROOT, "build/gen/events_data.c")
    if "--out" in sys.argv:
        path = sys.argv[sys.argv.index("--out") + 1]
    if "--check" in sys.argv:
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        sys.exit(0 if old == text else 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{path}: {ne} entries, {nf} forms, {na} actor words")


if __name__ == "__main__":
    main()
