#!/bin/sh
# bench/corpus.sh -- builds the JSON Lines benchmark corpus that bench/pipeline.sh times and
# tests/identical.sh compares, and prints its path.
#
#   sh bench/corpus.sh TRAIN_FILE MB OUT_DIR     ->  prints OUT_DIR/pipeline-MBmb.jsonl
#
# The corpus is the CoNLL-2002 training file (TRAIN_FILE) detokenised, 20 sentences to an
# article, each with an id and a date, repeated until it is at least MB megabytes.  It is
# built once and reused while the file exists; the same arguments always give the same bytes.
set -eu
TRAIN=$1; MB=$2; OUT=$3
[ -f "$TRAIN" ] || { echo "corpus: $TRAIN not found" >&2; exit 66; }
mkdir -p "$OUT"
corpus=$OUT/pipeline-${MB}mb.jsonl
if [ ! -s "$corpus" ]; then
    one=$OUT/pipeline-once.jsonl
    awk '
        function flush() {
            if (doc == "") return
            n++
            gsub(/\\/, "\\\\", doc); gsub(/"/, "\\\"", doc); gsub(/\t/, " ", doc)
            printf "{\"id\":\"d%d\",\"date\":\"2000-05-%02d\",\"text\":\"%s\"}\n", n, n % 28 + 1, doc
            doc = ""; ns = 0
        }
        NF == 0 {
            if (line != "") { doc = doc (doc == "" ? "" : " ") line; ns++ }
            line = ""; glue = 1
            if (ns == 20) flush()
            next
        }
        {
            w = $1
            if (line == "") line = w
            else if (glue || w ~ /^([,.;:?!)\]}%»”]|\.\.\.)$/) line = line w
            else line = line " " w
            glue = (w ~ /^[(\[{¿¡«“]$/)
        }
        END { if (line != "") doc = doc " " line; flush() }' "$TRAIN" >"$one"
    : >"$corpus.tmp"
    while [ "$(wc -c <"$corpus.tmp")" -lt $((MB * 1048576)) ]; do cat "$one" >>"$corpus.tmp"; done
    mv "$corpus.tmp" "$corpus"
    rm -f "$one"
fi
echo "$corpus"
