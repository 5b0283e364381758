#!/bin/sh
# tests/funclen.sh -- "readable in one sitting": no hand-written function longer than
# MAX lines (default 120) in src/ and cli/.  Prints each offender (file:line name
# length) and exits 1 when there is one.
#
# A function is what the project's style makes it: a line starting at column 0 that is
# followed by a line holding only "{", up to the next line holding only "}"; its length
# counts from the signature's first line to the closing brace.  Generated sources
# (build/) are not looked at.
set -eu
MAX=${MAX:-120}
files=$(find src cli -name '*.c' | sort)
awk -v max="$MAX" '
    FNR == 1 { start = 0; sig = ""; prev = ""; prevline = 0; sigline = 0 }
    /^[A-Za-z_]/ { if (prev !~ /^[A-Za-z_].*[,(]$/) sigline = FNR; sig = $0 }
    /^\{$/ && sig != "" { start = sigline; name = sig; sub(/\(.*/, "", name); n = split(name, w, /[ *]+/); name = w[n] }
    /^\}/ && start { len = FNR - start + 1
        if (len > max) { printf "%s:%d %s %d lines\n", FILENAME, start, name, len; bad = 1 }
        start = 0; sig = "" }
    { prev = $0 }
    END { exit bad }
' $files || { echo "funclen: functions over $MAX lines (split them into named steps)" >&2; exit 1; }
echo "funclen: no function over $MAX lines in $(echo "$files" | wc -l) files"
