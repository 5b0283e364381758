#!/bin/sh
# tests/layering.sh -- dependencies between the folders of src/ point one way
# (docs/architecture.md).  Stages are ranked, lowest first:
#
#   core  input  tagger  parse  numbers  timex  entities  claims  events  plover  compat  pipeline  store  serve
#
# (pipeline is src/pipeline.c.)  A file may use its own folder and the folders ranked
# below it, never one above.  Two checks:
#   1. includes: every #include "FOLDER/..." in src/ names a folder at or below the file's;
#   2. symbols (when the objects are built, BUILD default build): every hx__/hx_ symbol a
#      library object uses is defined in its own folder or one below -- this also catches
#      calls through a declaration placed in the wrong header;
#   3. files (with the objects): no cycle of calls between the files of src/, inside a
#      folder either (tsort finds one), so every file can be read knowing only those it
#      calls.
# Prints one line per violation and exits 1 when there is any; 0 otherwise.
set -eu
BUILD=${BUILD:-build}
order="core input tagger parse numbers timex entities claims events plover compat pipeline store serve"
rank() { # rank FOLDER: its position in $order, or nothing when unknown
    i=0
    for s in $order; do
        [ "$s" = "$1" ] && { echo $i; return; }
        i=$((i + 1))
    done
}
folder_of() { # folder_of PATH-UNDER-src: core, tagger, ..., or pipeline for src/pipeline.c
    case $1 in */*) echo "${1%%/*}" ;; *) echo "${1%.*}" ;; esac
}
bad=0
for f in $(cd src && find . -name '*.[ch]' | sed 's|^\./||' | sort); do
    me=$(folder_of "$f"); rm_=$(rank "$me")
    if [ -z "$rm_" ]; then
        echo "layering: src/$f: folder \"$me\" is not in the stage order (add it to tests/layering.sh and docs/architecture.md)"
        bad=1; continue
    fi
    for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z_]*\)\/[^"]*".*/\1/p' "src/$f"); do
        [ "$h" = ".." ] && continue
        rh=$(rank "$h")
        if [ -z "$rh" ]; then
            echo "layering: src/$f includes a header of \"$h\", which is not a stage folder"; bad=1
        elif [ "$rh" -gt "$rm_" ]; then
            echo "layering: src/$f ($me) includes a header of $h, a stage above it"; bad=1
        fi
    done
done

if [ -d "$BUILD/src" ] && command -v nm >/dev/null 2>&1; then
    defs=$(mktemp); uses=$(mktemp)
    for o in $(cd "$BUILD/src" && find . -name '*.o' | sed 's|^\./||' | sort); do
        d=$(folder_of "$o")
        nm "$BUILD/src/$o" | awk -v d="$d" -v o="$o" '
            NF == 3 && $2 ~ /[TDRBC]/ && $3 ~ /^hx_/ { print $3, d >> "'"$defs"'" }
            NF == 2 && $1 == "U" && $2 ~ /^hx_/ { print $2, d, o >> "'"$uses"'" }'
    done
    sort -o "$defs" "$defs"; sort -o "$uses" "$uses"
    join "$uses" "$defs" | while read -r sym user obj owner; do
        ru=$(rank "$user"); ro=$(rank "$owner")
        if [ -n "$ru" ] && [ -n "$ro" ] && [ "$ro" -gt "$ru" ]; then
            echo "layering: src/${obj%.o}.c ($user) uses $sym of $owner, a stage above it"
        fi
    done >"$uses.bad"
    if [ -s "$uses.bad" ]; then cat "$uses.bad"; bad=1; fi
    # "user owner" pairs between different files; tsort reports any loop on stderr.
    loops=$(for o in $(cd "$BUILD/src" && find . -name '*.o' | sed 's|^\./||' | sort); do
                nm "$BUILD/src/$o" | awk -v o="$o" '
                    NF == 3 && $2 ~ /[TDRBC]/ && $3 ~ /^hx_/ { print "D", $3, o }
                    NF == 2 && $1 == "U" && $2 ~ /^hx_/ { print "U", $2, o }'
            done | awk '$1 == "D" { def[$2] = $3; next } { use[NR] = $2 " " $3 }
                        END { for (k in use) { split(use[k], a, " ")
                                  if ((a[1] in def) && def[a[1]] != a[2]) print a[2], def[a[1]] } }' |
            sort -u | tsort 2>&1 >/dev/null | grep -v '^tsort: -: input contains a loop:$' |
            sed 's/^tsort: //' | tr '\n' ' ')
    if [ -n "$loops" ]; then
        echo "layering: files that call each other in a cycle: $loops"; bad=1
    fi
    rm -f "$defs" "$uses" "$uses.bad"
fi
[ $bad -eq 0 ] && echo "layering: dependencies point one way ($order)"
exit $bad
