#!/bin/sh
# ner_score.sh -- scores the NER model of a models directory on esp.testa (EFE documents,
# as docs/models.md) and on the blind out-of-domain gold (tests/fixtures/blind/ner_ood_300.tsv,
# each sentence its own document; docs/annotation.md), the two figures of issue 17.
# Usage: sh tools/ner_score.sh [MODELS_DIR [SHARED_DIR]]   (after make && make tools)
# Prints one line per set (conlleval's summary line): testa, ood, and (unless
# NER_SCORE_ROBUST=0) testa in capitals, lower case and without accents.
# Exit 77 when the shared data is absent.
set -e
M=${1:-models}
S=${2:-${HECHOS_SHARED:-../shared}}
[ -f "$S/data/conll2002/esp.testa" ] || { echo "ner_score: no $S/data/conll2002" >&2; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
bin/hechos tag --conll "$S/data/conll2002/esp.testa" --models "$M" --efe-docs > "$T/testa"
printf 'testa  '; bin/conlleval --ner 3,5 "$T/testa" | sed -n 2p
/usr/bin/python3 tools/ner_ood_check.py --shared "$S" --conll "$T/gold" > /dev/null
bin/hechos tag --conll "$T/gold" --models "$M" > "$T/ood"
printf 'ood    '; bin/conlleval --ner 2,4 "$T/ood" | sed -n 2p
# Robustness: esp.testa in capitals, in lower case, without accents (tools/ner_recase.py).
if [ "${NER_SCORE_ROBUST:-1}" = 1 ]; then
    for v in upper lower plain; do
        /usr/bin/python3 tools/ner_recase.py --$v "$S/data/conll2002/esp.testa" "$T/$v.in"
        bin/hechos tag --conll "$T/$v.in" --models "$M" --efe-docs > "$T/$v"
        printf 'testa-%-6s' $v; bin/conlleval --ner 3,5 "$T/$v" | sed -n 2p
    done
fi
