#!/bin/sh
# make_clusters.sh -- rebuilds models/clusters.hxc, the word clusters the NER tagger is
# trained with (tools/clusters.c; docs/models.md, issue 17), from ../shared: raw-es (20M
# words of public-domain Spanish), esp.train and UD AnCora dev and test.  The evaluation
# sets' text (esp.testa, UD GSD dev, COSER test) is left out.  About 90 s of CPU and
# 0.5 GB of memory; deterministic.  Usage: sh tools/make_clusters.sh [SHARED_DIR [OUT]]
# (after make tools).  Retrain the NER model afterwards (the lexicon carries the clusters).
set -e
S=${1:-${HECHOS_SHARED:-../shared}}
OUT=${2:-models/clusters.hxc}
D=$S/data
xz -dc "$D/raw-es/es_corpus_public_domain.txt.xz" |
    nice -n 10 build/tools/clusters --classes 1024 --coarse 128 --min-count 5 \
        --max-vocab 200000 --contexts 30000 --iters 15 --out "$OUT" \
        text:- conll:"$D/conll2002/esp.train" \
        conllu:"$D/ud-es/es_ancora-ud-dev.r2021-10-29.conllu" \
        conllu:"$D/ud-es/es_ancora-ud-test.r2021-10-29.conllu"
