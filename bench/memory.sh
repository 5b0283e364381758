#!/bin/sh
# bench/memory.sh -- peak memory per input byte of `hechos extract` (issue 22), and the
# speed of `hechos tokenize` writing to a pipe.
#
#   sh bench/memory.sh [SHARED_DIR]      (default ../shared; BIN=bin/hechos)
#
# Documents are cut from the public-domain Spanish corpus (SHARED/data/raw-es) at
# 100 KB, 1 MB and 10 MB (10,000,000 bytes, under the default --max-doc-bytes of 10 MiB),
# each in two shapes: "text" as it comes (one paragraph a line) and "one-line" (every
# line break a space).  Each is one document for `hechos extract` (-j 1, JSON to
# /dev/null).  Printed per document: peak RSS (getrusage of the child), peak RSS per
# input byte, and the same less the peak RSS of a one-sentence document (the models
# and the program, the same for any input): the memory the document itself costs.
# Then tokenize: CPU seconds (user + sys of the child) for 50 MB of the corpus piped
# to cat, best of 3, and MB/s per CPU second.  Files go to $BUILD/bench (not kept in git).
set -eu
SHARED=${1:-../shared}
BIN=${BIN:-bin/hechos}
OUT=${BUILD:-build}/bench
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
src=$SHARED/data/raw-es/es_corpus_public_domain.txt.xz
[ -f "$src" ] || { echo "memory: $src not found (pass the shared directory)" >&2; exit 66; }
mkdir -p "$OUT"
if [ ! -s "$OUT/mem-text-10000000.txt" ]; then
    xz -dc "$src" | head -c 60000000 | iconv -f utf-8 -t utf-8 -c >"$OUT/mem-raw.txt"
    for n in 100000 1000000 10000000; do
        head -c $n "$OUT/mem-raw.txt" | iconv -f utf-8 -t utf-8 -c >"$OUT/mem-text-$n.txt"
        tr '\n' ' ' <"$OUT/mem-text-$n.txt" >"$OUT/mem-one-line-$n.txt"
    done
    head -c 50000000 "$OUT/mem-raw.txt" | iconv -f utf-8 -t utf-8 -c >"$OUT/tok-50mb.txt"
    echo "Hoy llueve en Lima." >"$OUT/mem-tiny.txt"
fi

# peak RSS (KB) and CPU seconds of: $BIN ARGS... >SINK
run() {
    "$PY" - "$@" <<'EOF'
import resource, subprocess, sys
sink, args = sys.argv[1], sys.argv[2:]
with open(sink, "wb") as out:
    if sink == "pipe":
        p = subprocess.Popen(args, stdout=subprocess.PIPE)
        c = subprocess.Popen(["cat"], stdin=p.stdout, stdout=subprocess.DEVNULL)
        p.stdout.close(); p.wait(); c.wait()
        rc = p.returncode
    else:
        rc = subprocess.run(args, stdout=out).returncode
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(r.ru_maxrss, "%.3f" % (r.ru_utime + r.ru_stime), rc)
EOF
}

base=$(run /dev/null "$BIN" extract "$OUT/mem-tiny.txt" | cut -d' ' -f1)
printf "extract, one document, -j 1 (baseline: a one-sentence document peaks at %.1f MB)\n" "$(echo "$base / 1024" | bc -l)"
printf "%-10s %-9s %10s %10s %12s\n" shape bytes "peak MB" "per byte" "doc/byte"
for shape in text one-line; do
    for n in 100000 1000000 10000000; do
        set -- $(run /dev/null "$BIN" extract "$OUT/mem-$shape-$n.txt")
        [ "$3" = 0 ] || { echo "memory: extract failed on $shape $n" >&2; exit 1; }
        printf "%-10s %-9s %10.1f %10.1f %12.1f\n" "$shape" "$n" "$(echo "$1 / 1024" | bc -l)" \
            "$(echo "$1 * 1024 / $n" | bc -l)" "$(echo "($1 - $base) * 1024 / $n" | bc -l)"
    done
done

best=
for i in 1 2 3; do
    t=$(run pipe "$BIN" tokenize --max-doc-bytes 0 "$OUT/tok-50mb.txt" | cut -d' ' -f2)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
printf "tokenize, 50 MB to a pipe: %.2f CPU s (best of 3), %.1f MB/s per CPU second\n" "$best" \
    "$(echo "50 / $best" | bc -l)"
